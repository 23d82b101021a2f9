from odoo import fields, models


class DealerServiceVisit(models.Model):
    _inherit = "dealer.service.visit"

    dealer_loyalty_tier_id = fields.Many2one(
        "dealer.loyalty.tier",
        string="Club Tier",
        compute="_compute_dealer_loyalty_tier",
        compute_sudo=True,
        help="The customer's club tier: its discounts apply to the customer-pay lines.",
    )
    dealer_loyalty_free_pickup = fields.Boolean(
        "Free Pick-up", compute="_compute_dealer_loyalty_tier", compute_sudo=True
    )
    dealer_loyalty_priority_booking = fields.Boolean(
        "Priority Booking", compute="_compute_dealer_loyalty_tier", compute_sudo=True
    )

    def _compute_dealer_loyalty_tier(self):
        for visit in self:
            tier = visit.partner_id.commercial_partner_id.dealer_loyalty_tier_id
            visit.dealer_loyalty_tier_id = tier
            visit.dealer_loyalty_free_pickup = tier.free_pickup
            visit.dealer_loyalty_priority_booking = tier.priority_booking
