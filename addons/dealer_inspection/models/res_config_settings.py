from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_deferred_urgent_days = fields.Integer(related="company_id.dealer_deferred_urgent_days", readonly=False)
    dealer_deferred_attention_days = fields.Integer(related="company_id.dealer_deferred_attention_days", readonly=False)
