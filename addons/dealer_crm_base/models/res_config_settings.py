from odoo import fields, models


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
