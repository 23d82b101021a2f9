from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_care_user_id = fields.Many2one(
        "res.users",
        string="Care Calendar Coordinator",
        domain="[('share', '=', False)]",
        help="Receives the store's care-calendar calls and greetings that nobody else owns.",
    )
