from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerVehicleOwnership(models.Model):
    """Who owned a car and when: a used-car sale keeps the previous owners."""

    _name = "dealer.vehicle.ownership"
    _description = "Vehicle Ownership"
    _order = "vehicle_id, date_start desc, id desc"

    vehicle_id = fields.Many2one("fleet.vehicle", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Owner", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True)
    date_start = fields.Date("From")
    date_end = fields.Date("Until")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for ownership in self:
            if ownership.date_start and ownership.date_end and ownership.date_end < ownership.date_start:
                raise ValidationError(
                    self.env._(
                        "%(owner)s cannot stop owning %(vehicle)s (%(end)s) before owning it (%(start)s): "
                        "correct the dates.",
                        owner=ownership.partner_id.display_name,
                        vehicle=ownership.vehicle_id.display_name,
                        end=ownership.date_end,
                        start=ownership.date_start,
                    )
                )

    @api.depends("vehicle_id", "partner_id")
    def _compute_display_name(self):
        for ownership in self:
            ownership.display_name = f"{ownership.vehicle_id.display_name} - {ownership.partner_id.display_name}"
