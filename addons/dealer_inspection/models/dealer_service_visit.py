from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_service.models.dealer_service_visit import OPEN_STATES


class DealerServiceVisit(models.Model):
    _inherit = "dealer.service.visit"

    inspection_ids = fields.One2many(
        "dealer.vehicle.inspection",
        "visit_id",
        string="Inspections",
        groups="dealer_service.group_dealer_service_advisor,dealer_service.group_dealer_technician",
    )
    # counted for whoever reads the visit (an accountant too), whatever he may open
    inspection_count = fields.Integer(compute="_compute_inspection_count", compute_sudo=True)
    deferred_work_ids = fields.One2many(
        "dealer.deferred.work",
        compute="_compute_deferred_work_ids",
        string="Work Declined Before",
        groups="dealer_service.group_dealer_service_advisor",
        help="Open work the customer declined at earlier visits: offer it again.",
    )

    @api.depends("inspection_ids")
    def _compute_inspection_count(self):
        for visit in self:
            visit.inspection_count = len(visit.inspection_ids)

    @api.depends("vehicle_id")
    def _compute_deferred_work_ids(self):
        for visit in self:
            visit.deferred_work_ids = visit.vehicle_id.dealer_deferred_work_ids.filtered(
                lambda work, visit=visit: work.state == "open" and work.visit_id != visit._origin
            )

    def action_done(self):
        result = super().action_done()
        self._dealer_close_deferred_work()
        return result

    def _dealer_close_deferred_work(self):
        """Work declined at an earlier visit and done at this one (all its proposed jobs and parts) is closed."""
        # sudo: whoever hands the car over closes the car's deferred work, judged from the visit's own lines
        open_work = (
            self.env["dealer.deferred.work"]
            .sudo()
            .search([("vehicle_id", "in", self.vehicle_id.ids), ("state", "=", "open")])
        )
        for work in open_work:
            products = work.inspection_line_id.estimate_ids.product_id
            visit = self.filtered(
                lambda visit, work=work: visit.vehicle_id == work.vehicle_id and visit != work.visit_id
            )[:1]
            if visit and products and products <= visit.line_ids.product_id:
                work.write({"state": "done", "done_visit_id": visit.id})

    def action_start_inspection(self):
        """A new inspection of the car from the template for the visit's type and the car's series."""
        self.ensure_one()
        if self.state not in OPEN_STATES or self.state == "appointment":
            raise UserError(self.env._("Check %(visit)s in before inspecting the car.", visit=self.name))
        if self.inspection_ids.filtered(lambda inspection: inspection.state != "cancelled"):
            raise UserError(self.env._("%(visit)s is already being inspected: open its inspection.", visit=self.name))
        template = self.env["dealer.inspection.template"]._dealer_for_visit(self)
        if not template:
            raise UserError(
                self.env._(
                    "No inspection template fits %(visit)s: create one in Configuration > Inspection Templates.",
                    visit=self.name,
                )
            )
        inspection = self.env["dealer.vehicle.inspection"].create(
            {
                "visit_id": self.id,
                "template_id": template.id,
                "technician_id": self.technician_ids[:1].id,
                "line_ids": self.env["dealer.vehicle.inspection"]._dealer_line_values(template),
            }
        )
        return inspection._get_records_action()

    def action_view_inspections(self):
        self.ensure_one()
        return self.inspection_ids._get_records_action(name=self.env._("Inspections"))

    def action_send_inspection(self):
        """Send the customer the link to the inspection: by e-mail from the composer, or pasted into a message."""
        self.ensure_one()
        inspection = self.inspection_ids.filtered(lambda inspection: inspection.state in ("done", "sent"))[:1]
        if not inspection:
            raise UserError(
                self.env._(
                    "%(visit)s has no finished inspection to send: finish the inspection first.", visit=self.name
                )
            )
        inspection._dealer_send()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": inspection._name,
                "default_res_ids": inspection.ids,
                "default_template_id": self.env.ref("dealer_inspection.mail_template_inspection_link").id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }
