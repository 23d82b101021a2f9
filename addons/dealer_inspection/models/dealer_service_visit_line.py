from odoo import fields, models
from odoo.exceptions import UserError

# what the customer approved: changing it needs the customer's new approval
APPROVED_FIELDS = frozenset(("product_id", "quantity", "price_unit", "discount", "pay_type"))


class DealerServiceVisitLine(models.Model):
    _inherit = "dealer.service.visit.line"

    dealer_estimate_ids = fields.One2many(
        "dealer.vehicle.inspection.estimate",
        "visit_line_id",
        string="Approved Estimate",
        readonly=True,
        groups="dealer_service.group_dealer_service_advisor,dealer_service.group_dealer_technician",
    )

    def write(self, vals):
        if APPROVED_FIELDS & set(vals):
            # sudo: the approval behind a line is checked whoever edits the line
            approved = self.sudo().filtered("dealer_estimate_ids")
            if approved:
                raise UserError(
                    self.env._(
                        "%(line)s was approved by the customer at this price and quantity: a change needs the "
                        "customer's new approval. Remove the line and propose the work again in a new inspection.",
                        line=approved[0].name,
                    )
                )
        return super().write(vals)
