from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .dealer_inspection_template_item import AREAS, KINDS

STATUSES = [("ok", "OK"), ("attention", "Attention"), ("urgent", "Urgent")]
DECISIONS = [("pending", "Waiting"), ("approved", "Approved"), ("declined", "Declined")]
# what the technician fills; the rest of an inspection is the advisor's
TECHNICIAN_FIELDS = frozenset(("status", "value", "note", "image_1920"))


class DealerVehicleInspectionLine(models.Model):
    """One item of a car's inspection: its colour, measure, notes and photo, and the customer's answer."""

    _name = "dealer.vehicle.inspection.line"
    _description = "Vehicle Inspection Item"
    _inherit = ["image.mixin"]
    _order = "inspection_id, sequence, id"

    inspection_id = fields.Many2one("dealer.vehicle.inspection", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="inspection_id.currency_id")
    inspection_state = fields.Selection(related="inspection_id.state")
    item_id = fields.Many2one("dealer.inspection.template.item", string="Template Item", index="btree_not_null")
    sequence = fields.Integer(default=10)
    name = fields.Char("Item", required=True)
    area = fields.Selection(AREAS, required=True, default="chassis")
    kind = fields.Selection(KINDS, required=True, default="status")
    uom = fields.Char("Unit")
    value = fields.Float("Measure", digits=(16, 1))
    status = fields.Selection(
        STATUSES,
        compute="_compute_status",
        store=True,
        readonly=False,
        index=True,
        help="Set by the measure, or chosen.",
    )
    note = fields.Text("Technician's Note")
    explanation = fields.Text(help="Why it matters, as the customer reads it.")
    estimate_ids = fields.One2many("dealer.vehicle.inspection.estimate", "line_id", string="Proposed Work")
    amount_total = fields.Monetary("Estimate", compute="_compute_amount_total", store=True)
    decision = fields.Selection(DECISIONS, default="pending", required=True, copy=False, index=True)
    date_decision = fields.Datetime(readonly=True, copy=False)

    @api.depends("value")
    def _compute_status(self):
        for line in self:
            if line.kind == "measure" and line.item_id and (line.value or line.status):
                line.status = line.item_id._dealer_status_of(line.value)

    @api.depends("estimate_ids.price_total")
    def _compute_amount_total(self):
        for line in self:
            line.amount_total = sum(line.estimate_ids.mapped("price_total"))

    @api.constrains("value")
    def _check_value(self):
        for line in self.filtered(lambda line: line.kind == "measure"):
            largest = line.item_id.max_value
            if line.value < 0 or (largest and line.value > largest):
                raise ValidationError(
                    self.env._(
                        "%(item)s measured %(value)s %(uom)s: a measure lies between 0 and %(max)s %(uom)s. "
                        "Measure again and enter the value read.",
                        item=line.name,
                        value=line.value,
                        uom=line.uom or "",
                        max=largest,
                    )
                )

    def write(self, vals):
        self.check_access("write")  # who may touch the item is told before what may change on it
        advisor = self.env.su or self.env.user.has_group("dealer_service.group_dealer_service_advisor")
        if not advisor and set(vals) - TECHNICIAN_FIELDS:
            raise AccessError(
                self.env._(
                    "A technician records what he finds (status, measure, note, photo); the customer's answer is "
                    "the service advisor's."
                )
            )
        if set(vals) & (TECHNICIAN_FIELDS | {"name", "kind", "item_id"}):
            locked = self.inspection_id.filtered(lambda inspection: inspection.state != "draft")
            if locked:
                raise UserError(
                    self.env._(
                        "%(inspection)s is finished: reopen it to change what was found.",
                        inspection=locked[0].name,
                    )
                )
        return super().write(vals)

    def _dealer_propose_work(self):
        """The template's proposed work for each finding, priced as the visit would price it."""
        self.env["dealer.vehicle.inspection.estimate"].create(
            [{"line_id": line.id, "product_id": product.id} for line in self for product in line.item_id.product_ids]
        )

    def _dealer_defer(self):
        """Declined findings are kept on the car, to be offered again."""
        today = self.env["res.company"]._dealer_today()
        works = self.env["dealer.deferred.work"].create(
            [
                {
                    "name": line.name,
                    "inspection_line_id": line.id,
                    "urgency": line.status,
                    "amount": line.amount_total,
                    "date": today,
                    "note": line.note,
                }
                for line in self
            ]
        )
        works._dealer_plan_call()
