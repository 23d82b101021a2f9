from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, email_normalize

CHANNELS = [
    ("phone", "Phone"),
    ("walk_in", "Walk-in"),
    ("email", "E-mail"),
    ("web", "Web Form"),
    ("wechat", "WeChat"),
    ("sms", "SMS"),
    ("hotline", "Carmaker Hotline"),
    ("survey", "Service Survey"),
]
SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
STATES = [
    ("new", "New"),
    ("assigned", "Assigned"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("new", "assigned", "in_progress")
SLA_STATES = [("on_time", "On Time"), ("at_risk", "At Risk"), ("breached", "Breached")]
SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
# (flag field, deadline field, risk field, is an escalation) of each step of the deadline job
SLA_STEPS = {
    "response_reminder": ("sla_response_reminded", "date_response_deadline", "date_response_risk", False),
    "response_breach": ("sla_response_escalated", "date_response_deadline", "date_response_risk", True),
    "resolution_reminder": ("sla_resolution_reminded", "date_resolution_deadline", "date_resolution_risk", False),
    "resolution_breach": ("sla_resolution_escalated", "date_resolution_deadline", "date_resolution_risk", True),
}
SLA_BATCH = 500


class DealerComplaint(models.Model):
    """A customer's complaint or inquiry, from intake to resolution, answered within the store's deadlines."""

    _name = "dealer.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_received desc, id desc"
    _check_company_auto = True
    _mail_post_access = "read"

    name = fields.Char("Reference", required=True, readonly=True, copy=False, default="/", index="trigram")
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(help="What the customer says, in the customer's words.")
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(
        [("inquiry", "Inquiry"), ("complaint", "Complaint")],
        required=True,
        default="complaint",
        tracking=True,
        index=True,
        help="Triage: an inquiry is answered and closed; a complaint is owned, solved and reported.",
    )
    channel = fields.Selection(CHANNELS, required=True, default="phone", index=True)
    state = fields.Selection(STATES, required=True, default="new", tracking=True, index=True, copy=False)
    category_id = fields.Many2one("dealer.complaint.category", tracking=True, index=True)
    severity = fields.Selection(SEVERITIES, required=True, default="medium", tracking=True, index=True)

    partner_id = fields.Many2one("res.partner", string="Customer", tracking=True, index=True, check_company=True)
    contact_name = fields.Char()
    contact_phone = fields.Char()
    contact_email = fields.Char()
    vehicle_id = fields.Many2one("fleet.vehicle", index=True, domain="[('owner_id', '=?', partner_id)]")
    vehicle_model_id = fields.Many2one(
        "fleet.vehicle.model", related="vehicle_id.model_id", string="Vehicle Model", store=True, index=True
    )
    visit_id = fields.Many2one("dealer.service.visit", string="Service Visit", index=True, check_company=True)
    lead_id = fields.Many2one("crm.lead", index=True)
    staff_user_id = fields.Many2one(
        "res.users",
        string="Staff Concerned",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The staff member the customer complains about: never the owner, and blind to the confidential notes.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Contacts the customer and solves the complaint.",
    )
    group_id = fields.Many2one(
        "dealer.complaint.group", string="Complaint Group", index=True, tracking=True, check_company=True
    )

    date_received = fields.Datetime(
        "Received", required=True, default=lambda self: self.env["res.company"]._dealer_now(), index=True
    )
    date_response_deadline = fields.Datetime(
        "Response Deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        tracking=True,
        help="First contact with the customer, counted in the store's working hours.",
    )
    date_resolution_deadline = fields.Datetime(
        "Resolution Deadline",
        compute="_compute_deadlines",
        store=True,
        readonly=False,
        tracking=True,
        index=True,
        help="Resolution, in working hours per severity.",
    )
    date_response_risk = fields.Datetime(compute="_compute_risk_dates", store=True)
    date_resolution_risk = fields.Datetime(compute="_compute_risk_dates", store=True)
    date_first_response = fields.Datetime("First Response", readonly=True, copy=False)
    date_resolved = fields.Datetime("Resolved On", readonly=True, copy=False, index=True)
    sla_state = fields.Selection(
        SLA_STATES, string="Deadlines", default="on_time", readonly=True, copy=False, index=True, tracking=True
    )
    sla_response_reminded = fields.Boolean(readonly=True, copy=False)
    sla_response_escalated = fields.Boolean(readonly=True, copy=False)
    sla_resolution_reminded = fields.Boolean(readonly=True, copy=False)
    sla_resolution_escalated = fields.Boolean(readonly=True, copy=False)
    sla_breach_count = fields.Integer("Breaches", readonly=True, copy=False)
    response_hours = fields.Float(
        "Response Time (h)", readonly=True, copy=False, aggregator="avg", help="Hours until the first contact."
    )
    resolution_hours = fields.Float(
        "Resolution Time (h)", readonly=True, copy=False, aggregator="avg", help="Hours until the resolution."
    )

    proposed_solution = fields.Text(tracking=True)
    carmaker_support = fields.Boolean("Carmaker Support Requested", tracking=True, copy=False)
    carmaker_reference = fields.Char(tracking=True, copy=False)
    date_carmaker_request = fields.Datetime("Carmaker Asked On", readonly=True, copy=False)
    resolution = fields.Text(tracking=True, copy=False)
    root_cause = fields.Text(tracking=True, copy=False)
    corrective_action = fields.Text(tracking=True, copy=False)
    customer_satisfaction = fields.Selection(
        SATISFACTION, string="Satisfaction with Handling", tracking=True, copy=False
    )
    reopen_count = fields.Integer("Reopened", readonly=True, copy=False)
    repeat_customer = fields.Boolean(
        readonly=True, copy=False, index=True, help="The customer had complained within the 12 months before."
    )
    note_ids = fields.One2many("dealer.complaint.note", "complaint_id", string="Confidential Notes")
    intake_ip = fields.Char("Sender Address", readonly=True, copy=False, groups="base.group_system")

    _date_received_company_idx = models.Index("(company_id, date_received)")

    @api.depends("date_received", "severity", "company_id")
    def _compute_deadlines(self):
        for complaint in self:
            company = complaint.company_id or self.env.company
            start = complaint.date_received or self.env["res.company"]._dealer_now()
            complaint.date_response_deadline = self._dealer_plan(
                company, start, company.dealer_complaint_response_hours
            )
            complaint.date_resolution_deadline = self._dealer_plan(
                company, start, company._dealer_complaint_resolution_hours(complaint.severity)
            )

    @api.depends("date_response_deadline", "date_resolution_deadline")
    def _compute_risk_dates(self):
        for complaint in self:
            company = complaint.company_id or self.env.company
            margin = 1.0 - company.dealer_complaint_risk_ratio
            complaint.date_response_risk = complaint.date_response_deadline and self._dealer_plan(
                company, complaint.date_response_deadline, -margin * company.dealer_complaint_response_hours
            )
            complaint.date_resolution_risk = complaint.date_resolution_deadline and self._dealer_plan(
                company,
                complaint.date_resolution_deadline,
                -margin * company._dealer_complaint_resolution_hours(complaint.severity),
            )

    @api.constrains("user_id", "staff_user_id")
    def _check_owner(self):
        for complaint in self:
            if complaint.user_id and complaint.user_id == complaint.staff_user_id:
                raise ValidationError(
                    self.env._(
                        "%(user)s cannot own complaint %(complaint)s: the complaint is about them. "
                        "Choose another owner.",
                        user=complaint.user_id.name,
                        complaint=complaint.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_typed_deadlines(vals)
            if vals.get("name", "/") == "/":
                day = self.env["res.company"]._dealer_today()
                vals["name"] = (
                    self.env["ir.sequence"].with_context(ir_sequence_date=day).next_by_code("dealer.complaint") or "/"
                )
            if vals.get("group_id") and not vals.get("user_id"):
                vals["user_id"] = self.env["dealer.complaint.group"].browse(vals["group_id"]).user_id.id
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: not c.partner_id)._dealer_match_customers()
        complaints._dealer_mark_repeat_customers()
        owned = complaints.filtered("user_id")
        owned.filtered(lambda c: c.state == "new").write({"state": "assigned"})
        for complaint in owned:
            complaint._dealer_schedule_contact()
        (complaints - owned).filtered(lambda c: c.kind == "complaint")._dealer_assign()
        complaints._dealer_refresh_sla()
        return complaints

    def write(self, vals):
        self._dealer_check_typed_deadlines(vals)
        # a complaint joining a group takes the group's owner: an owner change like any other
        if vals.get("group_id") and "user_id" not in vals:
            vals["user_id"] = self.env["dealer.complaint.group"].browse(vals["group_id"]).user_id.id or False
        if (
            "user_id" in vals
            and not self.env.su
            and not self.env.user.has_group("dealer_complaints.group_dealer_complaint_manager")
            and any(complaint.user_id and complaint.user_id.id != vals["user_id"] for complaint in self)
        ):
            raise AccessError(self.env._("Only the customer-relations manager can change a complaint's owner."))
        if (
            "staff_user_id" in vals
            and not self.env.su
            and not self.env.user.has_group("dealer_crm_base.group_dealer_customer_relations")
        ):
            raise AccessError(self.env._("Only customer relations can change whom a complaint is about."))
        previous_owners = {complaint: complaint.user_id for complaint in self}
        result = super().write(vals)
        if vals.get("user_id"):
            for complaint in self.filtered(lambda c: c.user_id != previous_owners[c]):
                if complaint.state == "new":
                    complaint.state = "assigned"
                complaint._dealer_schedule_contact()
        if {"date_response_deadline", "date_resolution_deadline", "severity", "date_received"} & set(vals):
            self._dealer_refresh_sla()
        return result

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the complaints alias opens a complaint; replies thread on it (mail.thread)."""
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        email = (email_normalize(msg_dict.get("email_from") or "") or "")[:254]
        values = {
            "name": "/",
            "subject": (msg_dict.get("subject") or self.env._("E-mail without subject"))[:150],
            "description": msg_dict.get("body"),
            "channel": "email",
            "contact_email": email,
            "contact_name": author.name or email,
            **(custom_values or {}),
        }
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        if author and author.company_id in (company, self.env["res.company"]):
            values["partner_id"] = author.id
        return super().message_new(msg_dict, custom_values=values)

    # ---------------------------------------------------------------- buttons

    def action_assign(self):
        """Apply the category's assignment rule (the manager may then pick someone else)."""
        self._dealer_check_open()
        unassigned = self.filtered(lambda c: not c.user_id)
        unassigned._dealer_assign()
        missing = unassigned.filtered(lambda c: not c.user_id)
        if missing:
            raise UserError(
                self.env._(
                    "No assignment rule names an owner for %(complaints)s: choose the owner by hand, "
                    "or add a rule for the category in Configuration > Assignment Rules.",
                    complaints=", ".join(missing.mapped("name")),
                )
            )
        return True

    def action_contacted(self):
        """The owner reached the customer: the first response is on record."""
        self._dealer_check_open()
        now = self.env["res.company"]._dealer_now()
        for complaint in self.filtered(lambda c: not c.date_first_response):
            complaint.write(
                {
                    "date_first_response": now,
                    "response_hours": (now - complaint.date_received).total_seconds() / 3600,
                    "state": "in_progress",
                }
            )
        self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("dealer_complaints.mail_activity_type_complaint_contact")
        ).action_feedback(feedback=self.env._("Customer contacted"))
        self._dealer_refresh_sla()
        return True

    def action_request_carmaker(self):
        """The owner asks the carmaker for support; its reference follows the case."""
        self._dealer_check_open()
        missing = self.filtered(lambda c: not c.carmaker_reference)
        if missing:
            raise UserError(
                self.env._(
                    "Enter the carmaker's case reference before asking it for support (%(complaints)s).",
                    complaints=", ".join(missing.mapped("name")),
                )
            )
        self.write({"carmaker_support": True, "date_carmaker_request": self.env["res.company"]._dealer_now()})
        return True

    def action_convert_to_complaint(self):
        """Triage: the inquiry turns out to be a complaint, owned and followed like any other."""
        inquiries = self.filtered(lambda c: c.kind == "inquiry" and c.state in OPEN_STATES)
        inquiries.write({"kind": "complaint"})
        inquiries.filtered(lambda c: not c.user_id)._dealer_assign()
        return True

    def action_answer(self):
        """Triage: the inquiry was answered; the answer is its resolution."""
        if any(complaint.kind != "inquiry" for complaint in self):
            raise UserError(self.env._("Only an inquiry is answered and closed: resolve a complaint instead."))
        self._dealer_check_open()
        if any(not (complaint.resolution or "").strip() for complaint in self):
            raise ValidationError(self.env._("Write the answer given to the customer in Resolution first."))
        self._dealer_finish("closed")
        return True

    def action_resolve(self):
        """Close the complaint: refused until the resolution, root cause and corrective action are written."""
        self._dealer_check_open()
        labels = {
            name: self._fields[name].get_description(self.env)["string"]
            for name in ("resolution", "root_cause", "corrective_action")
        }
        for complaint in self:
            if complaint.kind != "complaint":
                raise UserError(self.env._("%(complaint)s is an inquiry: answer it instead.", complaint=complaint.name))
            missing = [label for name, label in labels.items() if not (complaint[name] or "").strip()]
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(complaint)s cannot be resolved yet: fill in %(fields)s.",
                        complaint=complaint.name,
                        fields=", ".join(missing),
                    )
                )
        self._dealer_finish("resolved")
        return True

    def action_reopen(self):
        """The customer is not satisfied after all: back to the owner with a new deadline; the chatter keeps
        the previous resolution."""
        if any(complaint.state not in ("resolved", "closed") for complaint in self):
            raise UserError(self.env._("Only a resolved or closed complaint can be reopened."))
        now = self.env["res.company"]._dealer_now()
        for complaint in self:
            complaint.message_post(
                body=self.env._("Reopened. Previous resolution: %(resolution)s", resolution=complaint.resolution or "-")
            )
            company = complaint.company_id
            complaint.with_context(dealer_complaint_system_deadline=True).write(
                {
                    "state": "in_progress",
                    "kind": "complaint",
                    "reopen_count": complaint.reopen_count + 1,
                    "date_resolved": False,
                    "resolution_hours": 0.0,
                    "customer_satisfaction": False,
                    "sla_resolution_reminded": False,
                    "sla_resolution_escalated": False,
                    "date_resolution_deadline": self._dealer_plan(
                        company, now, company._dealer_complaint_resolution_hours(complaint.severity)
                    ),
                }
            )
        self._dealer_refresh_sla()
        return True

    def action_cancel(self):
        self._dealer_check_open()
        self.write({"state": "cancelled"})
        self.activity_ids.unlink()
        return True

    # ---------------------------------------------------------------- helpers

    def _dealer_check_open(self):
        closed = self.filtered(lambda c: c.state not in OPEN_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "%(complaints)s is no longer open: reopen it first.", complaints=", ".join(closed.mapped("name"))
                )
            )

    def _dealer_check_typed_deadlines(self, vals):
        """A deadline other than the one the severity gives was typed by hand: only the customer-relations
        manager may, and never in the past."""
        if self.env.context.get("dealer_complaint_system_deadline"):
            return
        now = self.env["res.company"]._dealer_now()
        for name in ("date_response_deadline", "date_resolution_deadline"):
            if not vals.get(name):
                continue
            value = fields.Datetime.to_datetime(vals[name])
            for complaint in self or [self.browse()]:
                if abs((value - complaint._dealer_expected_deadline(name, vals)).total_seconds()) <= 60:
                    continue
                label = self._fields[name].get_description(self.env)["string"]
                if value < now - timedelta(minutes=1):
                    raise ValidationError(
                        self.env._("%(field)s cannot be in the past: enter a date and time to come.", field=label)
                    )
                if not self.env.su and not self.env.user.has_group("dealer_complaints.group_dealer_complaint_manager"):
                    raise AccessError(
                        self.env._("Only the customer-relations manager can move the %(field)s.", field=label)
                    )

    def _dealer_expected_deadline(self, name, vals):
        company = self.env["res.company"].browse(vals.get("company_id")) or self.company_id or self.env.company
        received = fields.Datetime.to_datetime(vals.get("date_received")) or self.date_received
        received = received or self.env["res.company"]._dealer_now()
        if name == "date_response_deadline":
            hours = company.dealer_complaint_response_hours
        else:
            hours = company._dealer_complaint_resolution_hours(vals.get("severity") or self.severity or "medium")
        return self._dealer_plan(company, received, hours)

    def _dealer_finish(self, state):
        now = self.env["res.company"]._dealer_now()
        for complaint in self:
            values = {
                "state": state,
                "date_resolved": now,
                "resolution_hours": (now - complaint.date_received).total_seconds() / 3600,
            }
            if not complaint.date_first_response:
                values.update(date_first_response=now, response_hours=values["resolution_hours"])
            complaint.write(values)
        self.activity_ids.filtered(lambda a: a.activity_type_id.res_model == self._name).action_feedback(
            feedback=self.env._("Complaint closed")
        )
        self._dealer_refresh_sla()

    def _dealer_assign(self):
        # an agent or the web form files the complaint without rights on the assignment rules: sudo reads the rule
        # and sets the owner it names (never the staff member complained about), nothing chosen by the user
        Rule = self.env["dealer.complaint.assignment"].sudo()
        for complaint in self:
            rule = Rule._dealer_rule_for(complaint.category_id, complaint.company_id)
            owner = rule._owner() if rule else self.env["res.users"]
            if not owner or owner == complaint.staff_user_id:
                owner = complaint.company_id.dealer_complaint_manager_id
            if owner and owner != complaint.staff_user_id:
                complaint.sudo().user_id = owner

    def _dealer_schedule_contact(self):
        self.ensure_one()
        if self.state not in OPEN_STATES or self.date_first_response:
            return
        contact_type = self.env.ref("dealer_complaints.mail_activity_type_complaint_contact")
        # the owner's call to make, moved or planned whoever changed the complaint (activities of other users are
        # not his to edit); only the contact activity of this complaint is touched
        pending = self.sudo().activity_ids.filtered(lambda activity: activity.activity_type_id == contact_type)
        if pending:
            pending.user_id = self.user_id
            return
        deadline = self.date_response_deadline or self.env["res.company"]._dealer_now()
        self.sudo().activity_schedule(
            "dealer_complaints.mail_activity_type_complaint_contact",
            date_deadline=self.env["res.company"]._dealer_today(deadline),
            user_id=self.user_id.id,
            summary=self.env._("Contact the customer about %(subject)s", subject=self.subject),
        )

    def _dealer_match_customers(self):
        """Link a complaint that came without a customer (web form, e-mail) to the store's customer with the
        same mobile phone (the last 11 digits) or e-mail, when exactly one matches: never ask twice."""
        for complaint in self.filtered(lambda c: c.contact_phone or c.contact_email):
            digits = "".join(char for char in complaint.contact_phone or "" if char.isdigit())[-11:]
            email = email_normalize(complaint.contact_email or "")
            if len(digits) < 7 and not email:
                continue
            self.env.cr.execute(
                SQL(
                    """
                    SELECT id FROM res_partner
                     WHERE active AND (company_id IS NULL OR company_id = %(company)s)
                       AND ((%(digits)s != '' AND right(regexp_replace(phone, '\\D', '', 'g'), 11) = %(digits)s)
                            OR (%(email)s != '' AND email_normalized = %(email)s))
                     LIMIT 2
                    """,
                    company=complaint.company_id.id,
                    digits=digits if len(digits) >= 7 else "",
                    email=email or "",
                )
            )
            matches = [row[0] for row in self.env.cr.fetchall()]
            if len(matches) == 1:
                # the store's one customer with this phone or e-mail (or a shared one); the web form reads nothing back
                complaint.sudo().partner_id = matches[0]

    def _dealer_mark_repeat_customers(self):
        complaints = self.filtered("partner_id")
        if not complaints:
            return
        self.env.cr.execute(
            SQL(
                """
                SELECT c.id FROM dealer_complaint c
                 WHERE c.id IN %(ids)s AND EXISTS (
                       SELECT 1 FROM dealer_complaint o
                        WHERE o.partner_id = c.partner_id AND o.id != c.id AND o.kind = 'complaint'
                          AND o.date_received <= c.date_received
                          AND o.date_received > c.date_received - interval '12 months')
                """,
                ids=tuple(complaints.ids),
            )
        )
        repeat_ids = [row[0] for row in self.env.cr.fetchall()]
        self.browse(repeat_ids).write({"repeat_customer": True})

    @api.model
    def _dealer_plan(self, company, start, hours):
        """`start` moved by `hours` working hours of the store (backwards when negative), naive UTC."""
        if not start:
            return False
        calendar = company.resource_calendar_id
        if calendar:
            end = calendar.plan_hours(hours, pytz.utc.localize(start), compute_leaves=True)
            if end:
                return end.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)
        return start + timedelta(hours=hours)

    def _dealer_sla_case(self, now):
        """SQL: the deadline state of complaint c at `now`, and the reason of it (the first condition met)."""
        return SQL(
            """CASE
                 WHEN COALESCE(c.date_first_response, %(now)s) > c.date_response_deadline THEN 'response_late'
                 WHEN COALESCE(c.date_resolved, %(now)s) > c.date_resolution_deadline THEN 'resolution_late'
                 WHEN c.date_first_response IS NULL AND %(now)s >= c.date_response_risk THEN 'response_risk'
                 WHEN c.date_resolved IS NULL AND %(now)s >= c.date_resolution_risk THEN 'resolution_risk'
                 ELSE 'on_time' END""",
            now=now,
        )

    def _dealer_sla_changes_sql(self, now, where):
        """SQL: (id, stored state, state, reason) of the complaints matching `where` whose stored deadline state
        is not the one of `now` any more."""
        return SQL(
            """
            SELECT id, sla_state AS old_state, state, reason FROM (
                SELECT c.id, c.sla_state, %(reason)s AS reason FROM dealer_complaint c WHERE %(where)s
            ) s, LATERAL (SELECT %(state)s AS state) n
             WHERE s.sla_state IS DISTINCT FROM n.state
             ORDER BY id
            """,
            reason=self._dealer_sla_case(now),
            state=SQL(
                """CASE WHEN reason IN ('response_late', 'resolution_late') THEN 'breached'
                        WHEN reason IN ('response_risk', 'resolution_risk') THEN 'at_risk'
                        ELSE 'on_time' END"""
            ),
            where=where,
        )

    def _dealer_refresh_sla(self, now=None, where=None):
        """Store on time / at risk / breached on the given complaints, or those matching `where`: the changes
        are found in one query, then written through the ORM, one `write` per new state, and tracked in the
        chatter with the reason as the message's text (logged in one batch, see _dealer_track_sql_changes)."""
        if where is None:
            if not self:
                return
            where = SQL("c.id IN %s", tuple(self.ids))
        self.env["dealer.complaint"].flush_model()
        self.env.cr.execute(self._dealer_sla_changes_sql(now or self.env["res.company"]._dealer_now(), where))
        by_state, old_states, reasons = defaultdict(list), {}, {}
        for complaint_id, old_state, state, reason in self.env.cr.fetchall():
            by_state[state].append(complaint_id)
            old_states[complaint_id] = {"sla_state": old_state}
            reasons[complaint_id] = self._dealer_sla_reason(reason)
        # the state follows the deadlines and the complaint's own dates; whoever changed those, the system writes it
        for state, ids in by_state.items():
            self.browse(ids).sudo().with_context(mail_notrack=True).write({"sla_state": state})
        self.browse(old_states)._dealer_track_sql_changes(old_states, reasons)

    @api.model
    def _dealer_sla_reason(self, reason):
        return {
            "response_late": self.env._("The response deadline passed without a first response."),
            "resolution_late": self.env._("The resolution deadline passed before the complaint was resolved."),
            "response_risk": self.env._("The response deadline is near and the customer was not contacted yet."),
            "resolution_risk": self.env._("The resolution deadline is near and the complaint is not resolved."),
            "on_time": self.env._("The deadlines are met again."),
        }[reason]

    @api.model
    def _cron_dealer_sla(self):
        """Every hour: refresh the deadline states of the open complaints, remind the owner of a deadline at
        risk, escalate a breach to the customer-relations manager, a second breach to head office. Each step
        is flagged once done, so a re-run (or a crash midway) never notifies twice."""
        now = self.env["res.company"]._dealer_now()
        self._dealer_refresh_sla(now, SQL("c.state IN %s", OPEN_STATES))
        self.env["ir.cron"]._dealer_commit_progress()
        todo = self._dealer_sla_due_steps(now)
        activity_type = self.env.ref("dealer_complaints.mail_activity_type_complaint_deadline")
        for start in range(0, len(todo), SLA_BATCH):
            batch = todo[start : start + SLA_BATCH]
            complaints = self.browse([complaint_id for complaint_id, _steps in batch])
            activities, writes = [], defaultdict(list)
            for complaint, (_id, steps) in zip(complaints, batch, strict=True):
                values, notices = complaint._dealer_sla_steps(steps)
                writes[tuple(sorted(values.items()))].append(complaint.id)
                for user, summary, note in notices:
                    if user:
                        activities.append(
                            {
                                "res_model_id": self.env["ir.model"]._get_id(self._name),
                                "res_id": complaint.id,
                                "activity_type_id": activity_type.id,
                                "user_id": user.id,
                                "date_deadline": self.env["res.company"]._dealer_today(),
                                "summary": summary,
                                "note": note,
                            }
                        )
                    else:
                        complaint.message_post(body=note)
            # the activity appears in the user's activities; no e-mail per activity in a batch job. The hourly job
            # writes as the system only the steps and flags it computed, for each store's own users
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activities)
            for values, ids in writes.items():
                self.browse(ids).sudo().write(dict(values))
            self.env["ir.cron"]._dealer_commit_progress(len(batch), remaining=len(todo) - start - len(batch))

    @api.model
    def _dealer_sla_due_steps(self, now):
        """The open complaints with a reminder or an escalation due at `now`: [(id, [step, ...])]."""
        self.flush_model(["state", "date_first_response", *{name for step in SLA_STEPS.values() for name in step[:3]}])
        due = [self._dealer_sla_step_due(step, now) for step in SLA_STEPS]
        self.env.cr.execute(
            SQL(
                "SELECT c.id, %s FROM dealer_complaint c WHERE c.state IN %s AND (%s) ORDER BY c.id",
                SQL(", ").join(due),
                OPEN_STATES,
                SQL(" OR ").join(due),
            )
        )
        return [
            (row[0], [step for step, is_due in zip(SLA_STEPS, row[1:], strict=True) if is_due])
            for row in self.env.cr.fetchall()
        ]

    @api.model
    def _dealer_sla_step_due(self, step, now):
        """SQL: the step is due on complaint c at `now`: not done yet, and its moment reached (a reminder
        from the risk moment to the deadline, an escalation after the deadline); the response steps only
        while the complaint has no response."""
        flag, deadline, risk, escalation = SLA_STEPS[step]
        if escalation:
            reached = SQL("%s > c.%s", now, SQL.identifier(deadline))
        else:
            reached = SQL("%s BETWEEN c.%s AND c.%s", now, SQL.identifier(risk), SQL.identifier(deadline))
        due = SQL("c.%s IS NOT TRUE AND %s", SQL.identifier(flag), reached)
        if deadline == "date_response_deadline":
            return SQL("c.date_first_response IS NULL AND %s", due)
        return due

    def _dealer_sla_steps(self, steps):
        """The flags to set and the (user, summary, note) notices of the complaint's due steps."""
        self.ensure_one()
        values, notices = {}, []
        breaches = self.sla_breach_count
        for step in steps:
            flag, deadline_field, _risk, escalation = SLA_STEPS[step]
            values[flag] = True
            deadline = self[deadline_field]
            label = self._fields[deadline_field].get_description(self.env)["string"]
            if not escalation:
                if f"{step.split('_')[0]}_breach" in steps:
                    continue  # already missed: escalated below, no stale reminder
                notices.append(
                    (
                        self.user_id or self.company_id.dealer_complaint_manager_id,
                        self.env._("%(deadline)s at risk", deadline=label),
                        self.env._(
                            "%(complaint)s: %(deadline)s is %(date)s. Act before it passes.",
                            complaint=self.name,
                            deadline=label,
                            date=deadline,
                        ),
                    )
                )
                continue
            breaches += 1
            if breaches == 1:
                target = self.company_id.dealer_complaint_manager_id
            else:
                target = self.company_id._dealer_complaint_head_office_user()
            values["sla_breach_count"] = breaches
            notices.append(
                (
                    target or self.company_id.dealer_complaint_manager_id or self.user_id,
                    self.env._("%(deadline)s breached", deadline=label),
                    self.env._(
                        "%(complaint)s (owner: %(owner)s) missed its %(deadline)s of %(date)s. "
                        "Breach number %(count)s.",
                        complaint=self.name,
                        owner=self.user_id.name or "-",
                        deadline=label,
                        date=deadline,
                        count=breaches,
                    ),
                )
            )
        return values, notices

    @api.model
    def _cron_dealer_early_warning(self):
        """Nightly: the category x vehicle model x store combinations that complain more than usual."""
        self.env["dealer.complaint.warning"]._dealer_analyse()
