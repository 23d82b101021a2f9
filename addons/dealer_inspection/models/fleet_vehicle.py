from odoo import api, fields, models


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    dealer_deferred_work_ids = fields.One2many(
        "dealer.deferred.work",
        "vehicle_id",
        string="Deferred Work",
        groups="dealer_service.group_dealer_service_advisor,dealer_crm_base.group_dealer_customer_relations",
    )
    # a count, read with the car by every role that reads cars
    dealer_open_deferred_count = fields.Integer(
        "Open Deferred Work", compute="_compute_dealer_open_deferred_count", compute_sudo=True
    )

    @api.depends("dealer_deferred_work_ids.state")
    def _compute_dealer_open_deferred_count(self):
        for vehicle in self:
            vehicle.dealer_open_deferred_count = len(
                vehicle.dealer_deferred_work_ids.filtered(lambda work: work.state == "open")
            )

    def action_open_dealer_deferred_work(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_inspection.dealer_deferred_work_action")
        action.update({"domain": [("vehicle_id", "=", self.id)], "context": {"search_default_open": 1}})
        return action
