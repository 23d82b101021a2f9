from odoo import models


class DealerServiceVisitLine(models.Model):
    _inherit = "dealer.service.visit.line"

    def _dealer_discount(self):
        """The better of the grade policy's discount and the member's tier benefit (labour or parts): the two are
        never added, so a store's margin is bounded by its most generous policy."""
        discount = super()._dealer_discount()
        customer = self.visit_id.partner_id.commercial_partner_id
        # sudo: lines are priced for roles without loyalty rights too; only the tier's discounts are used
        tier = customer.sudo().dealer_loyalty_tier_id
        if self.pay_type != "customer" or not tier:
            return discount
        benefit = tier.labour_discount if self.line_type == "labour" else tier.parts_discount
        return max(discount, benefit)
