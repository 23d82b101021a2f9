from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_deferred_urgent_days = fields.Integer(
        "Call Back on Urgent Declined Work (days)",
        default=3,
        help="Days after an urgent item was declined when the advisor calls the customer again.",
    )
    dealer_deferred_attention_days = fields.Integer(
        "Call Back on Other Declined Work (days)",
        default=30,
        help="Days after an item needing attention was declined when the advisor calls the customer again.",
    )

    _dealer_deferred_days_positive = models.Constraint(
        "CHECK(dealer_deferred_urgent_days >= 0 AND dealer_deferred_attention_days >= 0)",
        "The days before calling back on declined work cannot be negative.",
    )
