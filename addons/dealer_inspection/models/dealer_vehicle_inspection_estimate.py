from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

AVAILABILITY = [
    ("service", "Labour"),
    ("available", "In Stock"),
    ("partial", "Partly in Stock"),
    ("missing", "Not in Stock"),
]


class DealerVehicleInspectionEstimate(models.Model):
    """A job or part proposed for a finding, priced exactly as the visit's own lines are priced."""

    _name = "dealer.vehicle.inspection.estimate"
    _description = "Inspection Estimate Line"
    _order = "line_id, id"

    line_id = fields.Many2one(
        "dealer.vehicle.inspection.line", string="Finding", required=True, index=True, ondelete="cascade"
    )
    inspection_id = fields.Many2one(related="line_id.inspection_id", store=True, index=True)
    visit_id = fields.Many2one(related="inspection_id.visit_id", store=True, index=True)
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="inspection_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Operation / Part",
        required=True,
        domain="['|', ('type', '=', 'service'), ('is_storable', '=', True)]",
    )
    name = fields.Char("Description", compute="_compute_pricing", store=True, readonly=False, precompute=True)
    line_type = fields.Selection(
        [("labour", "Labour"), ("part", "Part")], string="Type", compute="_compute_pricing", store=True, precompute=True
    )
    quantity = fields.Float(
        digits="Product Unit", compute="_compute_pricing", store=True, readonly=False, precompute=True
    )
    price_unit = fields.Float(
        "Unit Price", digits="Product Price", compute="_compute_pricing", store=True, precompute=True
    )
    discount = fields.Float("Discount (%)", digits="Discount", compute="_compute_pricing", store=True, precompute=True)
    price_subtotal = fields.Monetary("Amount", compute="_compute_amounts", store=True)
    price_total = fields.Monetary("Total", compute="_compute_amounts", store=True, help="With taxes.")
    availability = fields.Selection(AVAILABILITY, compute="_compute_availability", compute_sudo=True)
    visit_line_id = fields.Many2one("dealer.service.visit.line", readonly=True, copy=False, index="btree_not_null")

    @api.depends("product_id", "line_id.inspection_id.visit_id.partner_id")
    def _compute_pricing(self):
        for estimate in self:
            draft = estimate._dealer_draft_visit_line()
            estimate.name = draft.name
            estimate.line_type = draft.line_type
            estimate.quantity = draft.quantity
            estimate.price_unit = draft.price_unit
            estimate.discount = draft.discount

    @api.depends("quantity", "price_unit", "discount", "product_id")
    def _compute_amounts(self):
        for estimate in self:
            visit = estimate.visit_id
            subtotal = estimate.quantity * estimate.price_unit * (1 - (estimate.discount or 0.0) / 100)
            taxes = estimate.product_id.taxes_id._filter_taxes_by_company(visit.company_id)
            estimate.price_subtotal = subtotal
            estimate.price_total = (
                taxes.compute_all(subtotal, visit.currency_id, 1.0, estimate.product_id, visit.partner_id)[
                    "total_included"
                ]
                if taxes
                else subtotal
            )

    @api.depends("product_id", "quantity")
    def _compute_availability(self):
        for estimate in self:
            if estimate.line_type != "part":
                estimate.availability = "service"
                continue
            free = estimate.product_id.with_context(warehouse_id=estimate.visit_id.warehouse_id.id).free_qty
            if free >= estimate.quantity:
                estimate.availability = "available"
            else:
                estimate.availability = "partial" if free > 0 else "missing"

    @api.constrains("quantity")
    def _check_quantity(self):
        for estimate in self:
            if estimate.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Quantity of %(work)s proposed for %(item)s is %(quantity)s: enter a positive quantity, or "
                        "remove the line.",
                        work=estimate.name,
                        item=estimate.line_id.name,
                        quantity=estimate.quantity,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        estimates = super().create(vals_list)
        estimates._dealer_check_open()
        return estimates

    def write(self, vals):
        if set(vals) - {"visit_line_id"}:
            self._dealer_check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self._dealer_check_open()

    def _dealer_check_open(self):
        sent = self.inspection_id.filtered(lambda inspection: inspection.state in ("sent", "answered", "cancelled"))
        if sent:
            raise UserError(
                self.env._(
                    "%(inspection)s was sent to the customer with its prices: they can no longer change.",
                    inspection=sent[0].name,
                )
            )

    def _dealer_draft_visit_line(self):
        """The visit line this work would be: the visit's own pricing (rates, grade and tier discounts)."""
        self.ensure_one()
        values = {"visit_id": self.visit_id.id, "product_id": self.product_id.id, "pay_type": "customer"}
        return self.env["dealer.service.visit.line"].new(values)

    def _dealer_add_to_visit(self):
        """The approved work goes onto the visit at the price the customer saw (parts are reserved)."""
        lines = self.env["dealer.service.visit.line"].create(
            [
                {
                    "visit_id": estimate.visit_id.id,
                    "product_id": estimate.product_id.id,
                    "name": estimate.name,
                    "pay_type": "customer",
                    "quantity": estimate.quantity,
                    "price_unit": estimate.price_unit,
                    "discount": estimate.discount,
                }
                for estimate in self
            ]
        )
        for estimate, line in zip(self, lines, strict=True):
            estimate.visit_line_id = line
