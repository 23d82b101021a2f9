from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    dealer_manufacturer_id = fields.Many2one(
        "res.partner",
        string="Warranty Claims To",
        help="The carmaker (or its importer) that pays the warranty work on the brand's cars.",
    )
