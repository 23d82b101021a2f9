from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"

    vehicle_id = fields.Many2one(index=True)
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        readings = super().create(vals_list)
        readings.vehicle_id._dealer_refresh_warranty()
        return readings

    def write(self, vals):
        vehicles = self.vehicle_id
        result = super().write(vals)
        if {"value", "vehicle_id"} & set(vals):
            (vehicles | self.vehicle_id)._dealer_refresh_warranty()
        return result

    @api.constrains("value", "date", "vehicle_id")
    def _check_dealer_odometer_never_goes_down(self):
        """A reading is refused when an earlier one is higher, or a later one lower.

        Readings are ordered by date, then by entry; one query checks the batch.
        """
        if not self.ids:
            return
        self.flush_model(["value", "date", "vehicle_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT new.id, other.id
                  FROM fleet_vehicle_odometer new
                  JOIN fleet_vehicle_odometer other
                    ON other.vehicle_id = new.vehicle_id AND other.id != new.id
                 WHERE new.id IN %s
                   AND (((other.date, other.id) < (new.date, new.id) AND other.value > new.value)
                     OR ((other.date, other.id) > (new.date, new.id) AND other.value < new.value))
                 LIMIT 1
                """,
                tuple(self.ids),
            )
        )
        conflict = self.env.cr.fetchone()
        if conflict:
            reading, other = self.browse(conflict[0]), self.browse(conflict[1])
            raise ValidationError(
                self.env._(
                    "Odometer of %(vehicle)s: %(value)s on %(date)s would go backwards from the %(other_value)s "
                    "recorded on %(other_date)s. Enter the reading shown on the dashboard, at least the "
                    "previous one.",
                    vehicle=reading.vehicle_id.display_name,
                    value=f"{reading.value:,.0f} {reading.unit or ''}".strip(),
                    date=reading.date,
                    other_value=f"{other.value:,.0f} {other.unit or ''}".strip(),
                    other_date=other.date,
                )
            )
