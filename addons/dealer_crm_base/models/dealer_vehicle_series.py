from odoo import api, fields, models


class DealerVehicleSeries(models.Model):
    """A carmaker's series (车系), grouping the models that grades and thresholds share."""

    _name = "dealer.vehicle.series"
    _description = "Vehicle Series"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Store",
        index="btree_not_null",
        help="Leave empty to share it with every store.",
    )
    brand_id = fields.Many2one("fleet.vehicle.model.brand", required=True, index=True)
    model_ids = fields.One2many("fleet.vehicle.model", "dealer_series_id", string="Models")
    vehicle_count = fields.Integer(compute="_compute_vehicle_count", string="Vehicles")

    _name_brand_unique = models.UniqueIndex("(brand_id, name)", "A brand already has a series with this name.")

    @api.depends("model_ids")
    def _compute_vehicle_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group(
                [("dealer_series_id", "in", self.ids)], ["dealer_series_id"], ["__count"]
            )
        )
        for series in self:
            series.vehicle_count = counts.get(series, 0)

    def action_open_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_base.fleet_vehicle_action_dealer")
        action["domain"] = [("dealer_series_id", "=", self.id)]
        action["context"] = {"default_model_id": self.model_ids[:1].id}
        return action
