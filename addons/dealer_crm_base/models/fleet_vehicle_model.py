from odoo import api, fields, models
from odoo.exceptions import ValidationError

# China's legal minimums: manufacturer warranty (包修期) 3 years or 60,000 km,
# three-guarantee period (三包) for family cars 2 years or 50,000 km.
LEGAL_MINIMUM_TERMS = {
    "dealer_warranty_months": 36,
    "dealer_warranty_km": 60000,
    "dealer_three_guarantees_months": 24,
    "dealer_three_guarantees_km": 50000,
}


class FleetVehicleModel(models.Model):
    _inherit = "fleet.vehicle.model"

    dealer_series_id = fields.Many2one(
        "dealer.vehicle.series",
        string="Series",
        index="btree_not_null",
        domain="[('brand_id', '=', brand_id)]",
    )
    dealer_warranty_months = fields.Integer(
        "Warranty (months)", default=LEGAL_MINIMUM_TERMS["dealer_warranty_months"], required=True
    )
    dealer_warranty_km = fields.Integer(
        "Warranty (km)", default=LEGAL_MINIMUM_TERMS["dealer_warranty_km"], required=True
    )
    dealer_three_guarantees_months = fields.Integer(
        "Three guarantees (months)",
        default=LEGAL_MINIMUM_TERMS["dealer_three_guarantees_months"],
        required=True,
    )
    dealer_three_guarantees_km = fields.Integer(
        "Three guarantees (km)", default=LEGAL_MINIMUM_TERMS["dealer_three_guarantees_km"], required=True
    )

    @api.constrains(*LEGAL_MINIMUM_TERMS)
    def _check_dealer_warranty_terms(self):
        for model in self:
            for fname, minimum in LEGAL_MINIMUM_TERMS.items():
                if model[fname] < minimum:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(model)s is %(value)s, below the legal minimum: set at least %(minimum)s.",
                            field=self._fields[fname].get_description(self.env)["string"],
                            model=model.display_name,
                            value=model[fname],
                            minimum=minimum,
                        )
                    )

    @api.constrains("dealer_series_id", "brand_id")
    def _check_dealer_series_brand(self):
        for model in self.filtered("dealer_series_id"):
            if model.dealer_series_id.brand_id != model.brand_id:
                raise ValidationError(
                    self.env._(
                        "Series %(series)s belongs to %(series_brand)s, not to %(brand)s: "
                        "choose a series of the model's own brand.",
                        series=model.dealer_series_id.name,
                        series_brand=model.dealer_series_id.brand_id.name,
                        brand=model.brand_id.name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(LEGAL_MINIMUM_TERMS):
            vehicles = self.env["fleet.vehicle"].with_context(active_test=False).search([("model_id", "in", self.ids)])
            vehicles._dealer_refresh_warranty()
        return result
