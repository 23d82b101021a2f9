from odoo import api, fields, models
from odoo.fields import Domain

from odoo.addons.dealer_service.models.dealer_service_visit import VISIT_TYPES


class DealerInspectionTemplate(models.Model):
    """A checklist the technician goes through: for a visit type, for some series of cars, or for all."""

    _name = "dealer.inspection.template"
    _description = "Inspection Template"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", index=True, help="Empty: used by every store.")
    visit_type = fields.Selection(VISIT_TYPES, help="Empty: used for every kind of visit.")
    series_ids = fields.Many2many(
        "dealer.vehicle.series", string="Vehicle Series", help="Empty: used for every series."
    )
    item_ids = fields.One2many("dealer.inspection.template.item", "template_id", string="Items", copy=True)
    item_count = fields.Integer(compute="_compute_item_count")

    @api.depends("item_ids")
    def _compute_item_count(self):
        for template in self:
            template.item_count = len(template.item_ids)

    @api.model
    def _dealer_for_visit(self, visit):
        """The most specific template of the visit's store for its type and its car's series."""
        series = visit.vehicle_id.model_id.dealer_series_id
        candidates = self.search(
            Domain("company_id", "in", [visit.company_id.id, False])
            & Domain("visit_type", "in", [visit.visit_type, False])
            & (Domain("series_ids", "=", False) | Domain("series_ids", "in", series.ids))
        )

        def specificity(template):
            return (bool(template.series_ids), bool(template.visit_type), bool(template.company_id), -template.sequence)

        return max(candidates, key=specificity, default=self.browse())
