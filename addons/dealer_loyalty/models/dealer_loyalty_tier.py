from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerLoyaltyTier(models.Model):
    """A club level (Silver, Gold, Platinum...): what it takes to reach it and what it gives."""

    _name = "dealer.loyalty.tier"
    _description = "Loyalty Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Higher tiers come later: a member gets the last tier he qualifies for.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Store", index=True, help="Leave empty to share the tier between all stores."
    )
    currency_id = fields.Many2one(
        "res.currency", compute="_compute_currency_id", help="Currency of the spend threshold."
    )
    color = fields.Integer()

    # thresholds: all of them must be met
    min_spend = fields.Monetary(
        "Paid Spend in 12 Months", default=0.0, help="Untaxed amount of the invoices paid over the last 12 months."
    )
    min_tenure_months = fields.Integer("Months of Membership", default=0)
    min_vehicles = fields.Integer("Vehicles Owned", default=0)

    # benefits
    labour_discount = fields.Float("Labour Discount (%)", help="On customer-pay labour of service visits.")
    parts_discount = fields.Float("Parts Discount (%)", help="On customer-pay parts of service visits.")
    points_multiplier = fields.Float("Points x", default=1.0, help="Points earned on paid invoices.")
    free_pickup = fields.Boolean("Free Pick-up and Delivery")
    priority_booking = fields.Boolean("Booked First")

    member_count = fields.Integer("Members", compute="_compute_member_count")

    _min_spend_positive = models.Constraint(
        "CHECK(min_spend >= 0 AND min_tenure_months >= 0 AND min_vehicles >= 0)",
        "The thresholds of a tier cannot be negative.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for tier in self:
            tier.currency_id = (tier.company_id or self.env.company).currency_id

    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("dealer_loyalty_tier_id", "in", self.ids)], ["dealer_loyalty_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains("labour_discount", "parts_discount", "points_multiplier")
    def _check_benefits(self):
        for tier in self:
            if not (0 <= tier.labour_discount <= 100 and 0 <= tier.parts_discount <= 100):
                raise ValidationError(
                    self.env._("Discounts of tier %(tier)s must be between 0 and 100%%.", tier=tier.name)
                )
            if tier.points_multiplier <= 0:
                raise ValidationError(
                    self.env._(
                        "Points Multiplier of tier %(tier)s must be positive (1 earns the usual points).",
                        tier=tier.name,
                    )
                )

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_loyalty.res_partner_action_dealer_members")
        action["domain"] = [("dealer_loyalty_tier_id", "=", self.id)]
        return action
