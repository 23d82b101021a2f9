from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCHEDULE_FIELDS = (
    "dealer_first_service_km",
    "dealer_first_service_months",
    "dealer_service_interval_km",
    "dealer_service_interval_months",
)


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    dealer_first_service_km = fields.Integer("First Service at (km)", default=7500)
    dealer_first_service_months = fields.Integer("First Service after (months)", default=6)
    dealer_service_interval_km = fields.Integer("Then Every (km)", default=10000)
    dealer_service_interval_months = fields.Integer("Then Every (months)", default=12)

    @api.constrains(*SCHEDULE_FIELDS)
    def _check_dealer_service_schedule(self):
        for model in self:
            for fname in SCHEDULE_FIELDS:
                if model[fname] <= 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(model)s must be positive: the carmaker's maintenance schedule "
                            "gives it in the owner's manual.",
                            field=self._fields[fname].get_description(self.env)["string"],
                            model=model.display_name,
                        )
                    )

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(SCHEDULE_FIELDS):
            vehicles = self.env["fleet.vehicle"].search([("model_id", "in", self.ids)])
            vehicles._dealer_refresh_service_schedule()
        return result
