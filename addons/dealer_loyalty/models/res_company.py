from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_loyalty_amount_per_point = fields.Monetary(
        "Amount per Point",
        default=10.0,
        help="One point is earned for each such amount of paid, untaxed invoice value.",
    )
    dealer_loyalty_point_value = fields.Monetary(
        "Value of a Point",
        default=0.1,
        help="Discount given for one redeemed point; also what an outstanding point costs the store.",
    )
    dealer_loyalty_max_share = fields.Float(
        "Maximum Share of an Invoice (%)",
        default=50.0,
        help="Points may pay at most this share of an invoice's untaxed amount.",
    )
    dealer_loyalty_tenure_points = fields.Integer(
        "Points per Month of Membership", default=1, help="Given by the nightly job for every full month."
    )
    dealer_loyalty_referral_points = fields.Integer(
        "Referral Points",
        default=100,
        help="Given to the referrer when the customer he brought pays his first invoice.",
    )
    dealer_loyalty_expiry_months = fields.Integer(
        "Points Expire after (months)", default=24, help="Points expire first in, first out."
    )
    dealer_loyalty_notice_days = fields.Integer(
        "Expiry Notice (days)", default=30, help="The member is told this many days before points expire."
    )
    dealer_loyalty_overdue_days = fields.Integer(
        "Late Payment after (days)",
        default=30,
        help="A member with an invoice overdue for longer than this is a late payer.",
    )
    dealer_loyalty_late_policy = fields.Selection(
        [("forfeit", "Lose the points of the quarter"), ("freeze", "Freeze the points of the quarter")],
        string="Late Payers",
        default="forfeit",
        required=True,
        help="What happens to the points a late payer earned in the current calendar quarter.",
    )
    dealer_loyalty_grace_months = fields.Integer(
        "Downgrade Grace (months)",
        default=3,
        help="At the yearly tier review, a member who no longer qualifies keeps his tier this much longer.",
    )
    dealer_loyalty_product_id = fields.Many2one(
        "product.product",
        string="Points Discount Product",
        help="Product of the discount line of redeemed points (its income account takes the discount).",
    )
    dealer_loyalty_expense_account_id = fields.Many2one(
        "account.account", string="Points Expense Account", help="Debited by the points liability accrual."
    )
    dealer_loyalty_liability_account_id = fields.Many2one(
        "account.account", string="Points Liability Account", help="Credited by the points liability accrual."
    )
    dealer_loyalty_journal_id = fields.Many2one(
        "account.journal", string="Points Accrual Journal", domain="[('type', '=', 'general')]"
    )

    @api.constrains(
        "dealer_loyalty_amount_per_point",
        "dealer_loyalty_point_value",
        "dealer_loyalty_max_share",
        "dealer_loyalty_expiry_months",
        "dealer_loyalty_tenure_points",
        "dealer_loyalty_referral_points",
        "dealer_loyalty_notice_days",
        "dealer_loyalty_overdue_days",
        "dealer_loyalty_grace_months",
    )
    def _check_dealer_loyalty_rules(self):
        for company in self:
            if company.dealer_loyalty_amount_per_point <= 0 or company.dealer_loyalty_point_value < 0:
                raise ValidationError(
                    self.env._(
                        "Amount per Point must be positive and Value of a Point not negative (store %(store)s).",
                        store=company.name,
                    )
                )
            if not 0 <= company.dealer_loyalty_max_share <= 100:
                raise ValidationError(self.env._("Maximum Share of an Invoice is a percentage between 0 and 100."))
            if company.dealer_loyalty_expiry_months < 1:
                raise ValidationError(self.env._("Points Expire after (months) must be at least 1."))
            if (
                min(
                    company.dealer_loyalty_tenure_points,
                    company.dealer_loyalty_referral_points,
                    company.dealer_loyalty_notice_days,
                    company.dealer_loyalty_overdue_days,
                    company.dealer_loyalty_grace_months,
                )
                < 0
            ):
                raise ValidationError(self.env._("Loyalty points, days and months in the settings cannot be negative."))
