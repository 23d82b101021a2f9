from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from odoo.addons.dealer_service.models.dealer_service_visit import OPEN_STATES

STATES = [
    ("draft", "Being Inspected"),
    ("done", "Inspected"),
    ("sent", "Sent to Customer"),
    ("answered", "Answered"),
    ("cancelled", "Cancelled"),
]
CHANNELS = [("link", "Link"), ("phone", "Phone")]
# the customer answers while the car is in the workshop: an older link is refused
LINK_VALID_DAYS = 3
FINDINGS = ("attention", "urgent")


class DealerVehicleInspection(models.Model):
    """The multi-point inspection of a car during a visit, what it found, and the customer's answer."""

    _name = "dealer.vehicle.inspection"
    _description = "Vehicle Inspection"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    visit_id = fields.Many2one(
        "dealer.service.visit", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True, string="Store")
    currency_id = fields.Many2one(related="visit_id.currency_id")
    vehicle_id = fields.Many2one(related="visit_id.vehicle_id", store=True, index=True)
    partner_id = fields.Many2one(related="visit_id.partner_id", store=True, index=True, string="Customer")
    advisor_id = fields.Many2one(related="visit_id.advisor_id", store=True, string="Service Advisor")
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")
    template_id = fields.Many2one("dealer.inspection.template", readonly=True, check_company=True)
    technician_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True, copy=False)
    line_ids = fields.One2many("dealer.vehicle.inspection.line", "inspection_id", string="Items", copy=True)
    finding_ids = fields.One2many(
        "dealer.vehicle.inspection.line",
        "inspection_id",
        string="Findings",
        domain=[("status", "in", FINDINGS)],
        help="What needs attention, and the customer's answer to each.",
    )
    estimate_ids = fields.One2many("dealer.vehicle.inspection.estimate", "inspection_id", string="Proposed Work")
    count_attention = fields.Integer("Attention", compute="_compute_counts", store=True)
    count_urgent = fields.Integer("Urgent", compute="_compute_counts", store=True)
    amount_proposed = fields.Monetary("Proposed", compute="_compute_amounts", store=True)
    amount_approved = fields.Monetary("Approved", compute="_compute_amounts", store=True)
    amount_declined = fields.Monetary("Declined", compute="_compute_amounts", store=True)
    date_sent = fields.Datetime("Sent", readonly=True, copy=False)
    date_link_expiry = fields.Datetime("Link Valid Until", readonly=True, copy=False)
    date_answered = fields.Datetime("Answered", readonly=True, copy=False)
    answer_channel = fields.Selection(CHANNELS, readonly=True, copy=False)
    answered_by = fields.Char(
        readonly=True, copy=False, help="Who gave the answer: the customer, or the advisor who took the call."
    )
    urgent_acknowledged = fields.Boolean(
        "Urgent Risk Acknowledged",
        copy=False,
        help="The customer was told that an urgent item declined puts the car at risk, and accepts it.",
    )
    portal_link = fields.Char("Customer Link", compute="_compute_portal_link")

    @api.depends("visit_id.name")
    def _compute_name(self):
        for inspection in self:
            inspection.name = self.env._("Inspection of %(visit)s", visit=inspection.visit_id.name)

    def _compute_access_url(self):
        for inspection in self:
            inspection.access_url = f"/my/inspection/{inspection.id}"

    @api.depends("access_token")
    def _compute_portal_link(self):
        for inspection in self:
            inspection.portal_link = inspection.access_token and inspection.get_base_url() + inspection.get_portal_url()

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for inspection in self:
            inspection.count_attention = len(inspection.line_ids.filtered(lambda line: line.status == "attention"))
            inspection.count_urgent = len(inspection.line_ids.filtered(lambda line: line.status == "urgent"))

    @api.depends("estimate_ids.price_total", "line_ids.decision", "line_ids.status")
    def _compute_amounts(self):
        for inspection in self:
            proposed = inspection.estimate_ids.filtered(lambda estimate: estimate.line_id.status in FINDINGS)
            inspection.amount_proposed = sum(proposed.mapped("price_total"))
            inspection.amount_approved = sum(
                proposed.filtered(lambda estimate: estimate.line_id.decision == "approved").mapped("price_total")
            )
            inspection.amount_declined = sum(
                proposed.filtered(lambda estimate: estimate.line_id.decision == "declined").mapped("price_total")
            )

    def _findings(self):
        return self.line_ids.filtered(lambda line: line.status in FINDINGS)

    def action_finish(self):
        """The technician has been round the car: every item judged, work proposed for each finding."""
        for inspection in self:
            if inspection.state != "draft":
                raise UserError(self.env._("%(inspection)s is already finished.", inspection=inspection.name))
            unchecked = inspection.line_ids.filtered(lambda line: not line.status)
            if unchecked:
                raise UserError(
                    self.env._(
                        "Judge every item of %(inspection)s before finishing it; still to check: %(items)s.",
                        inspection=inspection.name,
                        items=", ".join(unchecked.mapped("name")),
                    )
                )
        self._findings().filtered(lambda line: not line.estimate_ids)._dealer_propose_work()
        self.state = "done"
        return True

    def action_reopen(self):
        for inspection in self:
            if inspection.state != "done":
                raise UserError(
                    self.env._(
                        "%(inspection)s was sent to the customer: it can no longer be changed.",
                        inspection=inspection.name,
                    )
                )
        self.state = "draft"
        return True

    def action_cancel(self):
        answered = self.filtered(lambda inspection: inspection.state == "answered")
        if answered:
            raise UserError(
                self.env._("%(inspection)s was answered by the customer and is kept.", inspection=answered[0].name)
            )
        self.state = "cancelled"
        return True

    def action_record_phone_answer(self):
        """The advisor called the customer and recorded the answer to each finding."""
        self.ensure_one()
        self._dealer_check_advisor()
        decisions = {line.id: line.decision for line in self._findings() if line.decision != "pending"}
        return self._dealer_record_answer(decisions, "phone", self.urgent_acknowledged, self.env.user.name)

    def _dealer_check_advisor(self):
        if not (self.env.su or self.env.user.has_group("dealer_service.group_dealer_service_advisor")):
            raise AccessError(
                self.env._("Only service advisors send an inspection to the customer and record the answer.")
            )

    def _dealer_send(self):
        """Open the link for the customer, valid a few days."""
        self._dealer_check_advisor()
        for inspection in self:
            if inspection.state not in ("done", "sent"):
                raise UserError(
                    self.env._(
                        "%(inspection)s is %(state)s: finish the inspection before sending it to the customer.",
                        inspection=inspection.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[inspection.state],
                    )
                )
            if inspection.visit_id.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "%(visit)s is closed: its inspection can no longer be sent.", visit=inspection.visit_id.name
                    )
                )
        now = self.env["res.company"]._dealer_now()
        self.write({"state": "sent", "date_sent": now, "date_link_expiry": now + timedelta(days=LINK_VALID_DAYS)})
        for inspection in self:
            inspection._portal_ensure_token()

    def _dealer_link_refusal(self):
        """Why the customer's link can no longer be answered, or False."""
        self.ensure_one()
        if self.visit_id.state not in OPEN_STATES:
            return self.env._("Your car's visit is closed: please call the store.")
        if self.state == "answered":
            return self.env._("You have already answered: thank you.")
        if self.state != "sent" or not self.date_link_expiry:
            return self.env._("This inspection is not waiting for your answer: please call the store.")
        if self.env["res.company"]._dealer_now() > self.date_link_expiry:
            return self.env._("This link has expired: please ask the store for a new one.")
        return False

    def _dealer_record_answer(self, decisions, channel, acknowledged=False, answered_by=None):
        """Record the customer's answer to each finding ({line id: 'approved' or 'declined'}).

        Everything is checked before anything is written: the approved work is added to the visit, the
        declined work is kept on the car, and the chatter says who answered, when and how.
        """
        self.ensure_one()
        refusal = self._dealer_link_refusal() if channel == "link" else self._dealer_phone_refusal()
        if refusal:
            raise UserError(refusal)
        findings = self._findings()
        unknown = set(decisions) - set(findings.ids)
        if unknown or set(decisions.values()) - {"approved", "declined"}:
            raise UserError(self.env._("The answer names items that are not findings of this inspection."))
        unanswered = findings.filtered(lambda line: line.id not in decisions)
        if unanswered:
            raise UserError(
                self.env._(
                    "Approve or decline every item: still to answer: %(items)s.",
                    items=", ".join(unanswered.mapped("name")),
                )
            )
        approved = findings.filtered(lambda line: decisions[line.id] == "approved")
        declined = findings - approved
        urgent_declined = declined.filtered(lambda line: line.status == "urgent")
        if urgent_declined and not acknowledged:
            raise UserError(
                self.env._(
                    "%(items)s is urgent: declining it needs the customer's acknowledgement that the car is at "
                    "risk. Tick the acknowledgement, or approve the work.",
                    items=", ".join(urgent_declined.mapped("name")),
                )
            )
        now = self.env["res.company"]._dealer_now()
        approved.write({"decision": "approved", "date_decision": now})
        declined.write({"decision": "declined", "date_decision": now})
        approved.estimate_ids._dealer_add_to_visit()
        declined._dealer_defer()
        self.write(
            {
                "state": "answered",
                "date_answered": now,
                "answer_channel": channel,
                "answered_by": answered_by or self.partner_id.name,
                "urgent_acknowledged": bool(urgent_declined),
            }
        )
        self._dealer_post_answer(approved, declined, channel, now)
        return True

    def _dealer_phone_refusal(self):
        if self.visit_id.state not in OPEN_STATES:
            return self.env._(
                "%(visit)s is closed: the customer's answer can no longer be recorded.", visit=self.visit_id.name
            )
        if self.state != "sent":
            return self.env._(
                "%(inspection)s is not waiting for the customer's answer: send it first.", inspection=self.name
            )
        return False

    def _dealer_post_answer(self, approved, declined, channel, moment):
        at = pytz.utc.localize(moment).astimezone(self.env["res.company"]._dealer_tz()).strftime("%H:%M")
        summary = self.env._(
            "Approved: %(approved)s. Declined: %(declined)s.",
            approved=", ".join(approved.mapped("name")) or "-",
            declined=", ".join(declined.mapped("name")) or "-",
        )
        if channel == "phone":
            body = self.env._(
                "Answered by phone at %(time)s (recorded by %(user)s). %(summary)s",
                time=at,
                user=self.env.user.name,
                summary=summary,
            )
        else:
            body = self.env._(
                "Answered by %(customer)s on the link at %(time)s. %(summary)s",
                customer=self.partner_id.name,
                time=at,
                summary=summary,
            )
        author = self.partner_id if channel == "link" else self.env.user.partner_id
        for record in (self, self.visit_id):
            record.message_post(body=body, author_id=author.id, subtype_xmlid="mail.mt_note")

    @api.model
    def _dealer_line_values(self, template):
        return [
            Command.create(
                {
                    "item_id": item.id,
                    "sequence": item.sequence,
                    "name": item.name,
                    "area": item.area,
                    "kind": item.kind,
                    "uom": item.uom,
                    "explanation": item.explanation,
                }
            )
            for item in template.item_ids
        ]
