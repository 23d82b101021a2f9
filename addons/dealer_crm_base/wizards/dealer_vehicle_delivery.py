from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.fleet_vehicle import USAGES


class DealerVehicleDelivery(models.TransientModel):
    """Hand the new car over: register it to the won prospect's customer and start the care calendar."""

    _name = "dealer.vehicle.delivery"
    _description = "Vehicle Delivery"

    lead_id = fields.Many2one("crm.lead", string="Prospect", required=True)
    partner_id = fields.Many2one(related="lead_id.partner_id", string="Customer")
    company_id = fields.Many2one(related="lead_id.company_id")
    model_id = fields.Many2one(
        "fleet.vehicle.model",
        required=True,
        compute="_compute_model_id",
        store=True,
        precompute=True,
        readonly=False,
    )
    vin_sn = fields.Char("VIN", required=True)
    license_plate = fields.Char("Licence Plate")
    color = fields.Char("Colour")
    usage = fields.Selection(USAGES, required=True, default="private")
    delivery_date = fields.Date(required=True, default=lambda self: self.env["res.company"]._dealer_today())
    service_advisor_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        compute="_compute_service_advisor_id",
        store=True,
        precompute=True,
        readonly=False,
        help="Makes the welcome call four weeks after delivery and looks after the car from then on.",
    )

    @api.depends("lead_id")
    def _compute_model_id(self):
        for delivery in self:
            delivery.model_id = delivery.lead_id.dealer_model_id

    @api.depends("lead_id")
    def _compute_service_advisor_id(self):
        for delivery in self:
            delivery.service_advisor_id = delivery.lead_id.partner_id.dealer_service_advisor_id

    def action_deliver(self):
        self.ensure_one()
        lead = self.lead_id
        if lead.won_status != "won":
            raise UserError(self.env._("Mark %(lead)s as won before delivering its car.", lead=lead.display_name))
        if lead.dealer_vehicle_id:
            raise UserError(
                self.env._(
                    "%(lead)s already delivered %(vehicle)s.",
                    lead=lead.display_name,
                    vehicle=lead.dealer_vehicle_id.display_name,
                )
            )
        if self.service_advisor_id and not lead.partner_id.dealer_service_advisor_id:
            lead.partner_id.dealer_service_advisor_id = self.service_advisor_id
        company = lead.company_id or self.env.company
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": self.model_id.id,
                "vin_sn": self.vin_sn,
                "license_plate": self.license_plate,
                "color": self.color,
                "owner_id": lead.partner_id.id,
                "driver_id": lead.partner_id.id,
                "dealer_usage": self.usage,
                "dealer_delivery_date": self.delivery_date,
                "dealer_sales_user_id": lead.user_id.id,
                "dealer_selling_company_id": company.id,
                "company_id": company.id,
            }
        )
        lead.dealer_vehicle_id = vehicle
        return {
            "type": "ir.actions.act_window",
            "res_model": "fleet.vehicle",
            "res_id": vehicle.id,
            "view_mode": "form",
            "views": [(self.env.ref("dealer_crm_base.fleet_vehicle_view_form_dealer").id, "form")],
        }
