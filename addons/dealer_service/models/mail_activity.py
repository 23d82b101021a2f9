from odoo import api, fields, models
from odoo.exceptions import UserError

from .dealer_care_calendar import CALLBACK_ATTEMPTS

OUTCOMES = [("reached", "Reached"), ("not_reached", "Not Reached"), ("complaint", "Complaint Raised")]
CALLBACK_KINDS = ("callback", "callback_first_service")


class MailActivity(models.Model):
    """Follow-up calls after a visit record their outcome; a call not answered is tried again."""

    _inherit = "mail.activity"

    dealer_attempt = fields.Integer("Attempt", readonly=True, copy=False)
    dealer_callback_outcome = fields.Selection(OUTCOMES, string="Outcome", readonly=True, copy=False, index=True)
    dealer_visit_id = fields.Many2one(
        "dealer.service.visit",
        string="Service Visit",
        compute="_compute_dealer_visit_id",
        store=True,
        index="btree_not_null",
    )
    dealer_visit_advisor_id = fields.Many2one(
        related="dealer_visit_id.advisor_id", store=True, string="Visit Advisor", index="btree_not_null"
    )
    dealer_visit_company_id = fields.Many2one(related="dealer_visit_id.company_id", store=True, string="Store")
    dealer_reached = fields.Float(
        "Reached (%)",
        compute="_compute_dealer_reached",
        store=True,
        aggregator="avg",
        help="100 for a call that reached the customer, 0 for one that did not: its average is the reach rate.",
    )

    @api.depends("res_model", "res_id")
    def _compute_dealer_visit_id(self):
        for activity in self:
            visit = activity.res_model == "dealer.service.visit" and activity.res_id
            activity.dealer_visit_id = visit or False

    @api.depends("dealer_callback_outcome")
    def _compute_dealer_reached(self):
        for activity in self:
            activity.dealer_reached = 0.0 if activity.dealer_callback_outcome == "not_reached" else 100.0

    def action_dealer_reached(self):
        """The customer answered: note the call, and open the visit's survey to fill in with them."""
        self.ensure_one()
        visit = self.dealer_visit_id
        self._dealer_close_callback("reached")
        if visit.survey_user_input_id.state in ("new", "in_progress"):
            return visit.action_open_survey()
        return True

    def action_dealer_not_reached(self):
        """No answer: try again tomorrow, up to three times."""
        for activity in self:
            visit, attempt = activity.dealer_visit_id, activity.dealer_attempt
            activity._dealer_close_callback("not_reached")
            if visit and attempt < CALLBACK_ATTEMPTS:
                self.env["dealer.care.calendar"]._dealer_plan_callbacks(visit, attempt=attempt + 1)
        return True

    def action_dealer_open_complaint(self):
        """Write down what the customer complains about before raising it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complaint Raised"),
            "res_model": "mail.activity",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("dealer_service.mail_activity_view_form_dealer_complaint").id, "form")],
            "target": "new",
        }

    def action_dealer_complaint(self):
        """The customer complained: the visit's managers hear of it."""
        if any(not activity.feedback for activity in self):
            raise UserError(self.env._("Write down what the customer complains about before raising it."))
        for activity in self:
            visit = activity.dealer_visit_id
            complaint = activity.feedback
            activity._dealer_close_callback("complaint", complaint)
            visit._dealer_on_complaint_raised(complaint)
        return True

    def _dealer_close_callback(self, outcome, note=None):
        """Mark the calls done with their outcome, and what the customer said, in the chatter."""
        self.write({"dealer_callback_outcome": outcome})
        label = dict(self._fields["dealer_callback_outcome"]._description_selection(self.env))[outcome]
        self.action_feedback(feedback=f"{label}: {note}" if note else label)
