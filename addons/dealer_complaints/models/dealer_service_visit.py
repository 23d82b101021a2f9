from odoo import fields, models


class DealerServiceVisit(models.Model):
    _inherit = "dealer.service.visit"

    dealer_complaint_ids = fields.One2many("dealer.complaint", "visit_id", string="Complaints")
    dealer_complaint_count = fields.Integer(compute="_compute_dealer_complaint_count", string="Complaints Count")

    def _compute_dealer_complaint_count(self):
        # the count is shown to advisors who may not read every complaint of their visits; only the number leaves
        counts = dict(
            self.env["dealer.complaint"].sudo()._read_group([("visit_id", "in", self.ids)], ["visit_id"], ["__count"])
        )
        for visit in self:
            visit.dealer_complaint_count = counts.get(visit, 0)

    def _dealer_on_complaint_raised(self, note):
        result = super()._dealer_on_complaint_raised(note)
        self._dealer_open_complaints("phone", note)
        return result

    def _dealer_on_low_satisfaction(self):
        result = super()._dealer_on_low_satisfaction()
        self._dealer_open_complaints("survey")
        return result

    def _dealer_open_complaints(self, channel, note=None):
        """A detractor's answer opens one complaint per visit, whichever way it came (survey or call)."""
        # the customer's answer or the agent's call opens it, neither may create complaints on the visit: sudo
        # files one per visit from the visit's own data (and the agent's note), nothing is read back
        Complaint = self.env["dealer.complaint"].sudo()
        already = set(Complaint.search([("visit_id", "in", self.ids)]).visit_id.ids)
        category = self.env.ref("dealer_complaints.dealer_complaint_category_after_sales", raise_if_not_found=False)
        vals_list = []
        for visit in self.sudo():
            if visit.id in already:
                continue
            already.add(visit.id)
            vals_list.append(
                {
                    "company_id": visit.company_id.id,
                    "kind": "complaint",
                    "channel": channel,
                    "subject": self.env._("Unhappy after visit %(visit)s", visit=visit.name),
                    "description": note
                    or self.env._(
                        "The satisfaction survey of the visit scored %(score)s%%.",
                        score=round(visit.satisfaction_score),
                    ),
                    "partner_id": visit.partner_id.id,
                    "vehicle_id": visit.vehicle_id.id,
                    "visit_id": visit.id,
                    "category_id": category.id if category else False,
                    "severity": "medium",
                }
            )
        return Complaint.create(vals_list) if vals_list else Complaint
