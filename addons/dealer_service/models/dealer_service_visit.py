from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL

VISIT_TYPES = [
    ("first_maintenance", "First Maintenance"),
    ("maintenance", "Periodic Maintenance"),
    ("repair", "General Repair"),
    ("accident", "Accident Repair"),
    ("warranty", "Warranty Repair"),
    ("recall", "Recall / Campaign"),
]
STATES = [
    ("appointment", "Appointment"),
    ("checked_in", "Checked In"),
    ("in_progress", "In Progress"),
    ("quality_check", "Quality Check"),
    ("done", "Done"),
    ("invoiced", "Invoiced"),
    ("cancelled", "Cancelled"),
]
FUEL_LEVELS = [
    ("empty", "Empty"),
    ("quarter", "1/4"),
    ("half", "1/2"),
    ("three_quarters", "3/4"),
    ("full", "Full"),
]
OPEN_STATES = ("appointment", "checked_in", "in_progress", "quality_check")
# What a technician may change on a visit: the workflow and the workshop's notes.
TECHNICIAN_FIELDS = frozenset(("state", "diagnosis", "inspection_notes", "inspection_user_id", "date_inspection"))


class DealerServiceVisit(models.Model):
    """A car's visit to the workshop: the repair order, from appointment to invoice."""

    _name = "dealer.service.visit"
    _description = "Service Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char("Repair Order", required=True, readonly=True, copy=False, default="/", index="trigram")
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, default="appointment", required=True, tracking=True, index=True, copy=False)
    visit_type = fields.Selection(VISIT_TYPES, required=True, default="maintenance", tracking=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, tracking=True, index=True)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    warranty_state = fields.Selection(related="vehicle_id.dealer_warranty_state", string="Warranty")
    advisor_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        tracking=True,
        index=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )

    # appointment
    date_planned = fields.Datetime(
        "Appointment", default=lambda self: self.env["res.company"]._dealer_now(), tracking=True, index=True
    )
    planned_hours = fields.Float("Planned Duration", default=1.0, help="Hours the appointment takes in the calendar.")
    # stored: the appointment calendar searches it for the week it shows
    date_planned_end = fields.Datetime(compute="_compute_date_planned_end", store=True, index=True)
    day_booked = fields.Char("Workshop Load", compute="_compute_day_booked", help="Visits booked that day / capacity.")

    # reception
    date_checkin = fields.Datetime("Checked In", readonly=True, copy=False, index=True)
    odometer = fields.Float("Mileage (km)", tracking=True, copy=False)
    fuel_level = fields.Selection(FUEL_LEVELS, copy=False)
    customer_concern = fields.Text("Customer's Concern")
    walkaround_notes = fields.Text("Walk-around Notes", help="Scratches, dents, valuables left in the car...")
    walkaround_attachment_ids = fields.Many2many(
        "ir.attachment", string="Walk-around Photos", copy=False, bypass_search_access=True
    )
    diagnosis = fields.Text("Diagnosis / Cause of Failure")

    # work and final inspection
    line_ids = fields.One2many("dealer.service.visit.line", "visit_id", string="Jobs and Parts", copy=True)
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        compute="_compute_technician_ids",
        store=True,
        relation="dealer_service_visit_technician_rel",
    )
    work_log_ids = fields.One2many("dealer.service.work.log", "visit_id", string="Work Logs", readonly=True)
    is_comeback = fields.Boolean(
        "Comeback",
        compute="_compute_is_comeback",
        store=True,
        index=True,
        help="The car is back for a job done in the last 30 days or 1,000 km.",
    )
    can_edit_prices = fields.Boolean(compute="_compute_can_edit_prices")
    inspection_user_id = fields.Many2one(
        "res.users", string="Final Inspection By", readonly=True, copy=False, tracking=True
    )
    date_inspection = fields.Datetime("Final Inspection", readonly=True, copy=False)
    inspection_notes = fields.Text()
    date_done = fields.Datetime("Completed", readonly=True, copy=False, index=True)
    duration_hours = fields.Float(
        "Check-in to Done (h)",
        compute="_compute_duration_hours",
        store=True,
        aggregator="avg",
        help="Hours between reception and completion.",
    )

    # satisfaction, asked once per completed visit
    survey_user_input_id = fields.Many2one("survey.user_input", string="Satisfaction Survey", readonly=True, copy=False)
    satisfaction_state = fields.Selection(related="survey_user_input_id.state", string="Survey")
    satisfaction_score = fields.Float(
        "Satisfaction (%)",
        readonly=True,
        copy=False,
        aggregator="avg",
        help="Score of the visit's survey, as a share of the best possible answers.",
    )
    low_satisfaction_notified = fields.Boolean(readonly=True, copy=False)

    # warranty override
    warranty_override_reason = fields.Text(
        "Warranty Override",
        tracking=True,
        copy=False,
        groups="dealer_crm_base.group_dealer_manager",
        help="Why warranty work is accepted on a car out of warranty (goodwill of the carmaker, known defect...).",
    )
    warranty_override_user_id = fields.Many2one("res.users", string="Override By", readonly=True, copy=False)

    # parts and money
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Parts Warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    invoice_ids = fields.One2many("account.move", "dealer_visit_id", string="Invoices", readonly=True, copy=False)
    campaign_vehicle_ids = fields.One2many("dealer.service.campaign.vehicle", "visit_id", string="Campaign Work")
    open_campaign_count = fields.Integer(related="vehicle_id.dealer_open_campaign_count")
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    amount_labour = fields.Monetary("Labour", compute="_compute_amounts", store=True)
    amount_parts = fields.Monetary("Parts", compute="_compute_amounts", store=True)
    amount_customer = fields.Monetary("Customer Pays", compute="_compute_amounts", store=True)
    amount_warranty = fields.Monetary("Carmaker Pays", compute="_compute_amounts", store=True)
    amount_free = fields.Monetary(
        "Internal / Goodwill",
        compute="_compute_amounts",
        store=True,
        help="List value of the work nobody is charged for.",
    )
    amount_cost = fields.Monetary("Cost", compute="_compute_amounts", store=True)
    amount_invoiced = fields.Monetary(
        "Invoiced",
        compute="_compute_amount_invoiced",
        store=True,
        help="Posted invoices less posted credit notes, untaxed.",
    )

    _odometer_positive = models.Constraint("CHECK(odometer >= 0)", "The mileage of a visit cannot be negative.")

    @api.depends("vehicle_id")
    def _compute_partner_id(self):
        for visit in self.filtered(lambda visit: visit.vehicle_id.owner_id and not visit.partner_id):
            visit.partner_id = visit.vehicle_id.owner_id

    @api.depends("company_id")
    def _compute_warehouse_id(self):
        for visit in self:
            company = visit.company_id
            visit.warehouse_id = company.dealer_parts_warehouse_id or self.env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            )

    @api.depends("date_planned", "planned_hours")
    def _compute_date_planned_end(self):
        for visit in self:
            visit.date_planned_end = visit.date_planned and visit.date_planned + timedelta(
                hours=visit.planned_hours or 1
            )

    @api.depends("date_planned", "company_id")
    def _compute_day_booked(self):
        Company = self.env["res.company"]
        days = {Company._dealer_today(visit.date_planned) for visit in self if visit.date_planned}
        booked = {}
        if days:
            # grouped by the stores' days, whoever looks at the booking
            for company, day, count in self.with_context(tz=Company._dealer_tz().zone)._read_group(
                [
                    ("company_id", "in", self.company_id.ids),
                    ("date_planned", ">=", Company._dealer_day_start(min(days))),
                    ("date_planned", "<", Company._dealer_day_start(max(days) + timedelta(days=1))),
                    ("state", "!=", "cancelled"),
                ],
                ["company_id", "date_planned:day"],
                ["__count"],
            ):
                booked[company, day.date()] = count
        for visit in self:
            if visit.date_planned:
                count = booked.get((visit.company_id, Company._dealer_today(visit.date_planned)), 0)
                visit.day_booked = f"{count} / {visit.company_id.dealer_daily_capacity}"
            else:
                visit.day_booked = False

    @api.depends_context("uid")
    def _compute_can_edit_prices(self):
        self.can_edit_prices = self.env.user.has_group("dealer_service.group_dealer_service_advisor")

    @api.depends("line_ids.comeback_of_id")
    def _compute_is_comeback(self):
        for visit in self:
            visit.is_comeback = bool(visit.line_ids.comeback_of_id)

    @api.depends("line_ids.technician_ids")
    def _compute_technician_ids(self):
        for visit in self:
            visit.technician_ids = visit.line_ids.technician_ids

    @api.depends("date_checkin", "date_done")
    def _compute_duration_hours(self):
        for visit in self:
            if visit.date_checkin and visit.date_done:
                visit.duration_hours = (visit.date_done - visit.date_checkin).total_seconds() / 3600
            else:
                visit.duration_hours = 0.0

    @api.depends("line_ids.price_subtotal", "line_ids.cost_amount", "line_ids.pay_type", "line_ids.line_type")
    def _compute_amounts(self):
        for visit in self:
            lines = visit.line_ids
            visit.amount_labour = sum(lines.filtered(lambda line: line.line_type == "labour").mapped("price_subtotal"))
            visit.amount_parts = sum(lines.filtered(lambda line: line.line_type == "part").mapped("price_subtotal"))
            visit.amount_customer = sum(
                lines.filtered(lambda line: line.pay_type == "customer").mapped("price_subtotal")
            )
            visit.amount_warranty = sum(
                lines.filtered(lambda line: line.pay_type == "warranty").mapped("price_subtotal")
            )
            visit.amount_free = sum(
                lines.filtered(lambda line: line.pay_type in ("internal", "goodwill")).mapped("price_subtotal")
            )
            visit.amount_cost = sum(lines.mapped("cost_amount"))

    @api.depends("invoice_ids.state", "invoice_ids.amount_untaxed_signed")
    def _compute_amount_invoiced(self):
        for visit in self:
            posted = visit.invoice_ids.filtered(lambda move: move.state == "posted")
            visit.amount_invoiced = sum(posted.mapped("amount_untaxed_signed"))

    @api.depends("invoice_ids")
    def _compute_invoice_count(self):
        for visit in self:
            visit.invoice_count = len(visit.invoice_ids)

    @api.constrains("vehicle_id", "partner_id")
    def _check_vehicle_company(self):
        for visit in self:
            vehicle_store = visit.vehicle_id.company_id
            if vehicle_store and vehicle_store not in visit.company_id.parent_ids:
                # constraints run as superuser: name the car and its store only to who may see them
                if visit.vehicle_id.sudo(False).has_access("read"):
                    raise ValidationError(
                        self.env._(
                            "%(vehicle)s is a car of %(store)s: receive it in that store, or move the car to "
                            "%(visit_store)s first.",
                            vehicle=visit.vehicle_id.display_name,
                            store=vehicle_store.name,
                            visit_store=visit.company_id.name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "The car you chose (record %(vehicle_id)s) is not a car of %(visit_store)s: choose one of "
                        "the store's cars, or register the customer's car in this store.",
                        vehicle_id=visit.vehicle_id.id,
                        visit_store=visit.company_id.name,
                    )
                )

    @api.constrains("warehouse_id", "company_id")
    def _check_warehouse_company(self):
        for visit in self.filtered("warehouse_id"):
            if visit.warehouse_id.company_id != visit.company_id:
                raise ValidationError(
                    self.env._(
                        "Parts of %(visit)s cannot come from %(warehouse)s, the warehouse of %(store)s: choose "
                        "the parts warehouse of %(visit_store)s.",
                        visit=visit.name,
                        warehouse=visit.warehouse_id.name,
                        store=visit.warehouse_id.company_id.name,
                        visit_store=visit.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._dealer_number(vals_list)
        visits = super().create(vals_list)
        visits._dealer_stop_reminders()
        return visits

    def _dealer_stop_reminders(self):
        """A booked visit is what the reminder call was for: close the car's open reminders."""
        reminders = self.env["mail.activity"].search(
            [
                ("res_model", "=", "fleet.vehicle"),
                ("res_id", "in", self.vehicle_id.ids),
                ("activity_type_id", "=", self.env.ref("dealer_service.mail_activity_type_service_reminder").id),
            ]
        )
        for reminder in reminders:
            visit = self.filtered(lambda visit, vehicle=reminder.res_id: visit.vehicle_id.id == vehicle)[:1]
            reminder.action_feedback(feedback=self.env._("Visit booked: %(visit)s", visit=visit.name))

    @api.model
    def _dealer_number(self, vals_list):
        """Repair order numbers, from the sequence of each visit's store."""
        sequences = {}
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                if company not in sequences:
                    sequences[company] = self._dealer_sequence(company)
                day = self.env["res.company"]._dealer_today()
                vals["name"] = sequences[company].with_context(ir_sequence_date=day).next_by_id()

    def write(self, vals):
        advisor = self.env.su or self.env.user.has_group("dealer_service.group_dealer_service_advisor")
        if not advisor and set(vals) - TECHNICIAN_FIELDS - set(self._dealer_mail_fields()):
            raise AccessError(
                self.env._(
                    "A technician moves the work forward and writes the diagnosis; the rest of the visit "
                    "is the service advisor's."
                )
            )
        if "warranty_override_reason" in vals:
            vals["warranty_override_user_id"] = self.env.user.id if vals["warranty_override_reason"] else False
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        closed = self.filtered(lambda visit: visit.state in ("done", "invoiced"))
        if closed:
            raise UserError(
                self.env._(
                    "%(visits)s is done: a completed repair order is kept. Cancel the invoice with a credit "
                    "note if needed, but do not delete the visit.",
                    visits=", ".join(closed.mapped("name")),
                )
            )

    def unlink(self):
        # the parts of a closed visit were consumed: _unlink_except_done refuses it with the suite's message,
        # which must not be preempted by stock refusing to cancel done moves
        deletable = self.filtered(lambda visit: visit.state not in ("done", "invoiced"))
        # sudo: advisors have no inventory rights; if super() refuses the user the deletion, the cancel is
        # rolled back with it
        deletable.sudo().line_ids.move_ids._action_cancel()
        return super().unlink()

    def action_check_in(self):
        """Receive the car: its mileage goes into the odometer history, the visit opens."""
        for visit in self:
            if visit.state != "appointment":
                raise UserError(self.env._("%(visit)s is already checked in.", visit=visit.name))
            if not visit.odometer:
                raise UserError(
                    self.env._(
                        "Enter the mileage of %(vehicle)s before checking it in: it is read on the dashboard "
                        "during the walk-around.",
                        vehicle=visit.vehicle_id.display_name,
                    )
                )
        self.env["fleet.vehicle.odometer"].create(
            [
                {
                    "vehicle_id": visit.vehicle_id.id,
                    "value": visit.odometer,
                    "date": visit.env["res.company"]._dealer_today(),
                    "driver_id": visit.partner_id.id,
                }
                for visit in self
            ]
        )
        self.write({"state": "checked_in", "date_checkin": self.env["res.company"]._dealer_now()})
        self._dealer_add_campaign_work()
        return True

    def action_start(self):
        for visit in self:
            if visit.state != "checked_in":
                raise UserError(self.env._("Check %(visit)s in before starting the work.", visit=visit.name))
            if not visit.line_ids.filtered(lambda line: line.line_type == "labour"):
                raise UserError(self.env._("Add at least one job to %(visit)s before starting it.", visit=visit.name))
        self.state = "in_progress"
        return True

    def action_request_inspection(self):
        for visit in self:
            if visit.state != "in_progress":
                raise UserError(self.env._("%(visit)s is not in progress.", visit=visit.name))
        self.state = "quality_check"
        return True

    def action_pass_inspection(self):
        """The final inspection (竣工检查), by someone who did not work on the car."""
        for visit in self:
            if visit.state != "quality_check":
                raise UserError(self.env._("%(visit)s is not waiting for its final inspection.", visit=visit.name))
            if self.env.user in visit.technician_ids | visit.line_ids.work_log_ids.technician_id:
                raise UserError(
                    self.env._(
                        "You worked on %(visit)s: its final inspection must be done by someone else "
                        "(the workshop foreman or another technician).",
                        visit=visit.name,
                    )
                )
        self.write({"inspection_user_id": self.env.user.id, "date_inspection": self.env["res.company"]._dealer_now()})
        return True

    def action_done(self):
        """Hand-over: the parts are consumed from the store, the visit can be invoiced."""
        for visit in self:
            if visit.state != "quality_check" or not visit.inspection_user_id:
                raise UserError(
                    self.env._(
                        "%(visit)s cannot be completed before its final inspection is recorded.", visit=visit.name
                    )
                )
            if visit.inspection_user_id in visit.technician_ids | visit.line_ids.work_log_ids.technician_id:
                raise UserError(
                    self.env._(
                        "The final inspection of %(visit)s was recorded by %(user)s, who worked on the car: "
                        "have it done by someone else.",
                        visit=visit.name,
                        user=visit.inspection_user_id.name,
                    )
                )
        self.line_ids._dealer_consume_parts()
        self.write({"state": "done", "date_done": self.env["res.company"]._dealer_now()})
        self._dealer_close_campaign_work()
        self.vehicle_id._dealer_refresh_service_schedule()
        self._dealer_create_surveys()
        self.env["dealer.care.calendar"]._dealer_plan_callbacks(self)
        return True

    def action_create_invoices(self):
        """Invoice the customer for customer-pay lines and the carmaker for warranty lines.

        Only what is not invoiced yet is invoiced, so a second call creates
        nothing; a visit with nothing billable (internal or goodwill work) is
        closed without an invoice.
        """
        invoice_values = []
        for visit in self:
            if visit.state not in ("done", "invoiced"):
                raise UserError(self.env._("Complete %(visit)s before invoicing it.", visit=visit.name))
            to_invoice = visit.line_ids.filtered(lambda line: line.billable and line.qty_to_invoice > 0)
            if not to_invoice and visit.state == "invoiced":
                raise UserError(
                    self.env._(
                        "%(visit)s is already invoiced: open its invoices, or issue a credit note there to "
                        "invoice it again.",
                        visit=visit.name,
                    )
                )
            for payer, lines in to_invoice.grouped(lambda line: line._dealer_payer()).items():
                invoice_values.append(visit._dealer_invoice_values(payer, lines))
            if not to_invoice:
                visit.message_post(body=self.env._("Nothing to invoice: internal and goodwill work only."))
        moves = self._dealer_create_invoices(invoice_values)
        self.state = "invoiced"
        if self.env.user.has_group("account.group_account_invoice"):
            return self._dealer_action_open_invoices(moves)
        return True  # the accountant takes the drafts from here, in the invoice screens

    def action_cancel(self):
        for visit in self:
            if visit.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "%(visit)s is %(state)s and can no longer be cancelled.", visit=visit.name, state=visit.state
                    )
                )
        # the parts go back to the shelf for an advisor without inventory rights; the state written next, as
        # the user, refuses whoever may not change these visits and rolls the cancel back
        self.sudo().line_ids.move_ids._action_cancel()
        self.campaign_vehicle_ids.visit_id = False
        self.state = "cancelled"
        return True

    def action_reset_to_appointment(self):
        self.filtered(lambda visit: visit.state == "cancelled").state = "appointment"
        return True

    def action_view_invoices(self):
        self.ensure_one()
        return self._dealer_action_open_invoices(self.invoice_ids)

    def action_send_summary(self):
        """Open the mail composer with the visit summary and the repair order attached."""
        self.ensure_one()
        return self._dealer_action_compose("dealer_service.mail_template_visit_summary")

    def action_send_survey(self):
        """E-mail the customer the link to the visit's satisfaction survey."""
        self.ensure_one()
        self._dealer_ensure_survey()
        return self._dealer_action_compose("dealer_service.mail_template_visit_survey")

    def action_open_survey(self):
        """Fill the survey on the customer's behalf, during the follow-up call."""
        self.ensure_one()
        self._dealer_ensure_survey()
        return {"type": "ir.actions.act_url", "url": self.survey_user_input_id.get_start_url(), "target": "new"}

    def _dealer_ensure_survey(self):
        if not self.survey_user_input_id:
            raise UserError(
                self.env._("%(visit)s has no survey: it is sent once the car is handed over.", visit=self.name)
            )

    def _dealer_action_compose(self, template_xmlid):
        """The mail composer on this visit, filled from the template, sent by e-mail to the customer."""
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": self.env.ref(template_xmlid).id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    def _dealer_add_campaign_work(self):
        """A car with an open recall or campaign gets the campaign's jobs and parts, paid by the carmaker."""
        vals_list = []
        for visit in self:
            # the rows are the car's open campaigns, read under the user's rules; sudo reads their campaign's jobs
            # and parts (the carmaker's, which advisors do not manage) and links the row to this visit only
            for row in visit.vehicle_id._dealer_open_campaign_rows().sudo():
                row.visit_id = visit
                vals_list += [
                    {
                        "visit_id": visit.id,
                        "product_id": campaign_line.product_id.id,
                        "pay_type": "warranty",
                        "campaign_id": row.campaign_id.id,
                        **({"quantity": campaign_line.quantity} if campaign_line.quantity else {}),
                    }
                    for campaign_line in row.campaign_id.line_ids
                ]
        self.env["dealer.service.visit.line"].create(vals_list)

    def _dealer_close_campaign_work(self):
        """Campaigns whose work was done are done for the car; those the customer declined (their lines
        removed) stay open for the next visit."""
        done = self.campaign_vehicle_ids.filtered(lambda row: row.campaign_id in row.visit_id.line_ids.campaign_id)
        done.write({"state": "done", "date_done": self.env["res.company"]._dealer_today()})
        (self.campaign_vehicle_ids - done).visit_id = False

    def _dealer_create_surveys(self):
        """One satisfaction survey per completed visit, waiting for its answers."""
        survey = self.env.ref("dealer_service.survey_service_satisfaction", raise_if_not_found=False)
        if not survey:
            return
        for visit in self.filtered(lambda visit: not visit.survey_user_input_id):
            # advisors have no survey rights; the answer is created empty, for the visit's own customer
            visit.survey_user_input_id = survey.sudo()._create_answer(
                partner=visit.partner_id, check_attempts=False, dealer_visit_id=visit.id
            )

    def _dealer_record_satisfaction(self):
        """Keep the score of completed surveys; a low one alerts the service manager, once."""
        for visit in self:
            answer = visit.survey_user_input_id
            if answer.state != "done":
                continue
            visit.satisfaction_score = answer.scoring_percentage
            low = visit.satisfaction_score <= visit.company_id.dealer_satisfaction_threshold
            if low and not visit.low_satisfaction_notified:
                visit.low_satisfaction_notified = True
                visit._dealer_on_low_satisfaction()

    def _dealer_on_complaint_raised(self, note):
        """The customer complained during the follow-up call: the service manager takes it
        (dealer_complaints opens a complaint). The agent who took the call may not edit the visit."""
        # sudo writes only an activity for the store's own manager (or advisor); the note is the agent's own words
        for visit in self.sudo():
            visit.activity_schedule(
                "dealer_service.mail_activity_type_low_satisfaction",
                user_id=(visit.company_id.dealer_service_manager_id or visit.advisor_id).id,
                summary=self.env._("Complaint raised during the follow-up call"),
                note=note or "",
            )

    def _dealer_on_low_satisfaction(self):
        """An unhappy customer: the service manager calls back (dealer_complaints opens a complaint too).
        The survey is answered by the customer, who has no rights on the visit."""
        # sudo writes only an activity for the store's own manager (or advisor); nothing is read back
        for visit in self.sudo():
            visit.activity_schedule(
                "dealer_service.mail_activity_type_low_satisfaction",
                user_id=(visit.company_id.dealer_service_manager_id or visit.advisor_id).id,
                note=self.env._(
                    "%(customer)s scored the visit %(score)s%%. Call back before the customer tells others.",
                    customer=visit.partner_id.name,
                    score=round(visit.satisfaction_score),
                ),
            )

    @api.model
    def _dealer_paid_visits_query(self, date_from, date_to=None, company_ids=None):
        """SQL of (partner_id, visit_id, vehicle_id, day, amount): the visits completed in the period that
        their customer paid for, with the untaxed amount of their settled invoices less their settled credit
        notes. A visit still unpaid, or refunded in full, is no paid visit. The period is of the stores' days."""
        Company = self.env["res.company"]
        return SQL(
            """
            SELECT v.partner_id, v.id AS visit_id, v.vehicle_id, %(day)s AS day,
                   SUM(m.amount_untaxed_signed) AS amount
              FROM dealer_service_visit v
              JOIN account_move m ON m.dealer_visit_id = v.id AND m.partner_id = v.partner_id
             WHERE v.date_done >= %(date_from)s %(date_to)s %(companies)s
               AND m.move_type IN ('out_invoice', 'out_refund') AND m.state = 'posted'
               AND m.payment_state IN ('paid', 'in_payment', 'reversed')
          GROUP BY v.partner_id, v.id, v.vehicle_id, v.date_done
            HAVING SUM(m.amount_untaxed_signed) > 0
            """,
            day=Company._dealer_day_sql(SQL("v.date_done")),
            date_from=Company._dealer_day_start(date_from),
            date_to=SQL("AND v.date_done < %s", Company._dealer_day_start(date_to)) if date_to else SQL(),
            companies=SQL("AND v.company_id IN %s", tuple(company_ids)) if company_ids else SQL(),
        )

    def _dealer_mail_fields(self):
        """Fields the chatter writes for anybody who may read the record."""
        return [fname for fname in self._fields if fname.startswith(("message_", "activity_"))]

    @api.model
    def _dealer_sequence(self, company):
        """The repair order numbering of a store, created the first time it is needed."""
        # sequences are the admin's; sudo finds or creates only the store's repair order numbering
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", "dealer.service.visit"), ("company_id", "=", company.id)], limit=1)
        if not sequence:
            sequence = Sequence.create(
                {
                    "name": self.env._("Repair orders of %s", company.name),
                    "code": "dealer.service.visit",
                    "company_id": company.id,
                    "prefix": f"{company.dealer_store_code or 'RO'}/%(year)s/",
                    "padding": 5,
                }
            )
        return sequence

    def _dealer_invoice_values(self, payer, lines):
        self.ensure_one()
        return {
            "move_type": "out_invoice",
            "company_id": self.company_id.id,
            "partner_id": payer.id,
            "invoice_origin": self.name,
            "ref": self.vehicle_id.license_plate or self.vehicle_id.vin_sn,
            "dealer_visit_id": self.id,
            "invoice_line_ids": [Command.create(line._dealer_invoice_line_values()) for line in lines],
        }

    def _dealer_create_invoices(self, values_list):
        """Draft invoices, created together per store; the accountant reviews and posts them.

        Advisors invoice their visits without accounting rights, hence sudo,
        bound to each visit's store.
        """
        # the values are built from the visits (_dealer_invoice_values), none typed by the user; the drafts go back
        # without the sudo, so the advisor reads them only as far as his rights allow
        moves = self.env["account.move"]
        for company_id in {values["company_id"] for values in values_list}:
            moves |= (
                self.env["account.move"]
                .sudo()
                .with_company(company_id)
                .create([values for values in values_list if values["company_id"] == company_id])
            )
        return moves.sudo(False)

    def _dealer_action_open_invoices(self, moves):
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        if len(moves) == 1:
            action.update({"views": [(self.env.ref("account.view_move_form").id, "form")], "res_id": moves.id})
        else:
            action["domain"] = [("id", "in", moves.ids)]
        return action

    def _dealer_call_contact(self):
        self.ensure_one()
        return self.partner_id, self.partner_id.phone
