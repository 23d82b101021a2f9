from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_complaint_manager_id = fields.Many2one(related="company_id.dealer_complaint_manager_id", readonly=False)
    dealer_complaint_head_office_user_id = fields.Many2one(
        related="company_id.dealer_complaint_head_office_user_id", readonly=False
    )
    dealer_complaint_response_hours = fields.Float(related="company_id.dealer_complaint_response_hours", readonly=False)
    dealer_complaint_hours_low = fields.Float(related="company_id.dealer_complaint_hours_low", readonly=False)
    dealer_complaint_hours_medium = fields.Float(related="company_id.dealer_complaint_hours_medium", readonly=False)
    dealer_complaint_hours_high = fields.Float(related="company_id.dealer_complaint_hours_high", readonly=False)
    dealer_complaint_hours_critical = fields.Float(related="company_id.dealer_complaint_hours_critical", readonly=False)
    dealer_complaint_risk_ratio = fields.Float(related="company_id.dealer_complaint_risk_ratio", readonly=False)
    dealer_complaint_warning_factor = fields.Float(related="company_id.dealer_complaint_warning_factor", readonly=False)
    dealer_complaint_warning_min_count = fields.Integer(
        related="company_id.dealer_complaint_warning_min_count", readonly=False
    )
    dealer_complaint_web_published = fields.Boolean(related="company_id.dealer_complaint_web_published", readonly=False)
