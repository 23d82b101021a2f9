from odoo import fields, models

from odoo.addons.base.models.res_partner import _tz_get

from .res_company import DEFAULT_DEALER_TZ


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_care_user_id = fields.Many2one(
        related="company_id.dealer_care_user_id", readonly=False, string="Care Calendar Coordinator"
    )
    dealer_greeting_days_ahead = fields.Integer(
        "Plan greetings (days ahead)",
        config_parameter="dealer_crm_base.greeting_days_ahead",
        default=3,
        help="Birthday and New Year greetings appear on the agents' lists this many days before the day.",
    )
    dealer_timezone = fields.Selection(
        _tz_get,
        string="Stores' time zone",
        config_parameter="dealer_crm_base.timezone",
        default=DEFAULT_DEALER_TZ,
        help="Where the suite decides which day it is: calls due today, warranty ends, points expiring, "
        "overdue services. One time zone for all the stores of the database.",
    )
