from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_loyalty_amount_per_point = fields.Monetary(
        related="company_id.dealer_loyalty_amount_per_point", readonly=False, currency_field="currency_id"
    )
    dealer_loyalty_point_value = fields.Monetary(
        related="company_id.dealer_loyalty_point_value", readonly=False, currency_field="currency_id"
    )
    dealer_loyalty_max_share = fields.Float(related="company_id.dealer_loyalty_max_share", readonly=False)
    dealer_loyalty_tenure_points = fields.Integer(related="company_id.dealer_loyalty_tenure_points", readonly=False)
    dealer_loyalty_referral_points = fields.Integer(related="company_id.dealer_loyalty_referral_points", readonly=False)
    dealer_loyalty_expiry_months = fields.Integer(related="company_id.dealer_loyalty_expiry_months", readonly=False)
    dealer_loyalty_notice_days = fields.Integer(related="company_id.dealer_loyalty_notice_days", readonly=False)
    dealer_loyalty_overdue_days = fields.Integer(related="company_id.dealer_loyalty_overdue_days", readonly=False)
    dealer_loyalty_late_policy = fields.Selection(related="company_id.dealer_loyalty_late_policy", readonly=False)
    dealer_loyalty_grace_months = fields.Integer(related="company_id.dealer_loyalty_grace_months", readonly=False)
    dealer_loyalty_product_id = fields.Many2one(related="company_id.dealer_loyalty_product_id", readonly=False)
    dealer_loyalty_expense_account_id = fields.Many2one(
        related="company_id.dealer_loyalty_expense_account_id", readonly=False
    )
    dealer_loyalty_liability_account_id = fields.Many2one(
        related="company_id.dealer_loyalty_liability_account_id", readonly=False
    )
    dealer_loyalty_journal_id = fields.Many2one(related="company_id.dealer_loyalty_journal_id", readonly=False)
