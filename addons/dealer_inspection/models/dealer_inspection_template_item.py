from odoo import api, fields, models
from odoo.exceptions import ValidationError

AREAS = [
    ("tyres", "Tyres and Wheels"),
    ("brakes", "Brakes"),
    ("electrical", "Battery and Lights"),
    ("visibility", "Wipers and Glass"),
    ("fluids", "Fluids and Leaks"),
    ("chassis", "Suspension, Steering and Underbody"),
    ("engine", "Engine Bay"),
]
KINDS = [("status", "OK / Attention / Urgent"), ("measure", "Measured Value")]


class DealerInspectionTemplateItem(models.Model):
    """One point of the checklist: judged by the technician, or measured and judged by its thresholds."""

    _name = "dealer.inspection.template.item"
    _description = "Inspection Template Item"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("dealer.inspection.template", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    area = fields.Selection(AREAS, required=True, default="chassis")
    kind = fields.Selection(KINDS, required=True, default="status")
    uom = fields.Char("Unit", translate=True, help="Unit of the measure: mm, %...")
    attention_below = fields.Float(help="A measure below this needs attention.")
    urgent_below = fields.Float(help="A measure below this is urgent.")
    max_value = fields.Float("Largest Possible Value", help="A measure above this is a typing error and is refused.")
    explanation = fields.Text(translate=True, help="What the customer reads on the phone: why it matters.")
    product_ids = fields.Many2many(
        "product.product",
        string="Proposed Work",
        domain="['|', ('type', '=', 'service'), ('is_storable', '=', True)]",
        help="Labour operations and parts proposed when the item needs attention.",
    )

    @api.constrains("kind", "attention_below", "urgent_below", "max_value")
    def _check_thresholds(self):
        for item in self.filtered(lambda item: item.kind == "measure"):
            if not 0 <= item.urgent_below <= item.attention_below < item.max_value:
                raise ValidationError(
                    self.env._(
                        "Thresholds of %(item)s: urgent below (%(urgent)s) cannot exceed attention below "
                        "(%(attention)s), which must stay under the largest possible value (%(max)s), all "
                        "positive.",
                        item=item.name,
                        urgent=item.urgent_below,
                        attention=item.attention_below,
                        max=item.max_value,
                    )
                )

    def _dealer_status_of(self, value):
        """The colour a measured value gets from the item's thresholds."""
        self.ensure_one()
        if value < self.urgent_below:
            return "urgent"
        if value < self.attention_below:
            return "attention"
        return "ok"
