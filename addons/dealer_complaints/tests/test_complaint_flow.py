from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MONDAY_9AM, DealerComplaintCommon

RAW_EMAIL = """Return-Path: <li.na@example.com>
To: complaints@dealer.example.com
From: Li Na <li.na@example.com>
Subject: {subject}
Message-ID: <{message_id}@example.com>
{extra}Content-Type: text/plain; charset="utf-8"

{body}
"""


@tagged("post_install", "-at_install")
class TestComplaintFlow(DealerComplaintCommon):
    def test_agent_logs_a_phone_complaint_the_rule_assigns_its_owner(self):
        complaint = self.make_complaint()
        self.assertRegex(complaint.name, r"^CMP/\d{4}/\d{5}$")
        # the after-sales rule covers its subcategory "repair not fixed"
        self.assertEqual(complaint.user_id, self.advisor)
        self.assertEqual(complaint.state, "assigned")
        contact = complaint.activity_ids
        self.assertEqual(contact.activity_type_id.res_model, "dealer.complaint")
        self.assertEqual(contact.user_id, self.advisor)
        self.assertEqual(complaint.vehicle_model_id, self.vehicle_model)

    def test_unruled_category_goes_to_the_relations_manager(self):
        complaint = self.make_complaint(category_id=self.cat_attitude.id)
        self.assertEqual(complaint.user_id, self.relations_manager)

    def test_shared_rule_applies_in_every_store_but_the_stores_own_rule_wins(self):
        self.assertEqual(self.make_complaint(category_id=self.cat_sales.id).user_id, self.sales)
        self.env["dealer.complaint.assignment"].create(
            {"category_id": self.cat_sales.id, "company_id": self.store_a.id, "user_id": self.manager.id}
        )
        self.assertEqual(self.make_complaint(category_id=self.cat_sales.id).user_id, self.manager)

    def test_owner_is_never_the_staff_member_complained_about(self):
        # the rule names the advisor, but the complaint is about him: the relations manager takes it
        complaint = self.make_complaint(staff_user_id=self.advisor.id)
        self.assertEqual(complaint.user_id, self.relations_manager)
        with self.assertRaisesRegex(ValidationError, "cannot own complaint"):
            complaint.with_user(self.relations_manager).user_id = self.advisor
        self.assertEqual(complaint.user_id, self.relations_manager)
        with self.assertRaisesRegex(ValidationError, "cannot own complaint"):
            self.make_complaint(staff_user_id=self.sales.id, user_id=self.sales.id)

    def test_only_the_relations_manager_overrides_the_owner(self):
        complaint = self.make_complaint()
        with self.assertRaisesRegex(AccessError, "Only the customer-relations manager"):
            complaint.with_user(self.agent).user_id = self.sales
        self.assertEqual(complaint.user_id, self.advisor)
        complaint.with_user(self.relations_manager).user_id = self.sales
        self.assertEqual(complaint.user_id, self.sales)
        # the call to make moves to the new owner
        self.assertEqual(complaint.activity_ids.user_id, self.sales)

    def test_an_agent_cannot_change_owners_through_a_group(self):
        complaint = self.make_complaint()
        group = self.env["dealer.complaint.group"].create(
            {"name": "Rattling sunroofs", "company_id": self.store_a.id, "user_id": self.sales.id}
        )
        with self.assertRaisesRegex(AccessError, "Only the customer-relations manager"):
            complaint.with_user(self.agent).group_id = group
        with self.assertRaisesRegex(AccessError, "Only the customer-relations manager"):
            group.with_user(self.agent).user_id = self.agent
        self.assertEqual(
            (complaint.user_id, complaint.group_id, group.user_id), (self.advisor, group.browse(), self.sales)
        )
        group.with_user(self.relations_manager).user_id = self.advisor
        complaint.with_user(self.agent).group_id = group
        self.assertEqual(complaint.group_id, group, "joining a group of the complaint's own owner changes no owner")

    def test_manager_assigns_an_unassigned_complaint(self):
        self.store_a.dealer_complaint_manager_id = False
        complaint = self.make_complaint(category_id=self.cat_attitude.id)
        self.assertFalse(complaint.user_id)
        self.assertEqual(complaint.state, "new")
        with self.assertRaisesRegex(UserError, "No assignment rule"):
            complaint.with_user(self.relations_manager).action_assign()
        complaint.with_user(self.relations_manager).user_id = self.manager
        self.assertEqual((complaint.user_id, complaint.state), (self.manager, "assigned"))

    def test_owner_contacts_asks_the_carmaker_and_resolves(self):
        complaint = self.make_complaint()
        owner_view = complaint.with_user(self.advisor)
        owner_view.action_contacted()
        self.assertEqual(complaint.state, "in_progress")
        self.assertTrue(complaint.date_first_response)
        self.assertFalse(complaint.activity_ids)
        with self.assertRaisesRegex(UserError, "carmaker's case reference"):
            owner_view.action_request_carmaker()
        owner_view.carmaker_reference = "FAW-VW 2026-88123"
        owner_view.action_request_carmaker()
        self.assertTrue(complaint.carmaker_support)
        owner_view.write(
            {
                "resolution": "Brake pads replaced under goodwill.",
                "root_cause": "Glazed pads from a bad batch.",
                "corrective_action": "Pads of that batch checked at every service.",
            }
        )
        owner_view.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.date_resolved)
        self.assertEqual(complaint.sla_state, "on_time")
        owner_view.customer_satisfaction = "4"
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("dealer_complaints.report_dealer_complaint", complaint.ids)[0]
            .decode()
        )
        self.assertIn("FAW-VW 2026-88123", html)
        self.assertIn("Glazed pads from a bad batch.", html)

    def test_resolve_refuses_without_resolution_root_cause_and_corrective_action(self):
        complaint = self.make_complaint(resolution="Pads replaced")
        with self.assertRaisesRegex(ValidationError, "Root Cause, Corrective Action"):
            complaint.with_user(self.advisor).action_resolve()
        self.assertEqual(complaint.state, "assigned")
        self.assertFalse(complaint.date_resolved)
        complaint.write({"root_cause": "   ", "corrective_action": "Check"})
        with self.assertRaisesRegex(ValidationError, "fill in Root Cause"):
            complaint.with_user(self.advisor).action_resolve()
        self.assertEqual(complaint.state, "assigned")

    def test_reopen_keeps_the_history_and_sets_a_new_deadline(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint(
                resolution="Pads replaced", root_cause="Glazed pads", corrective_action="Batch checked"
            )
            complaint.with_user(self.advisor).action_resolve()
        with freeze_time(MONDAY_9AM + timedelta(days=14)):
            complaint.with_user(self.agent).action_reopen()
            self.assertEqual((complaint.state, complaint.reopen_count), ("in_progress", 1))
            self.assertFalse(complaint.date_resolved)
            self.assertGreater(complaint.date_resolution_deadline, fields.Datetime.now())
        self.assertEqual(complaint.resolution, "Pads replaced")
        self.assertIn("Previous resolution: Pads replaced", complaint.message_ids.mapped("preview")[0])
        with self.assertRaisesRegex(UserError, "Only a resolved or closed complaint"):
            complaint.action_reopen()

    def test_inquiry_is_answered_or_turned_into_a_complaint(self):
        inquiry = self.make_complaint(kind="inquiry", category_id=False, subject="Opening hours at New Year?")
        self.assertFalse(inquiry.user_id)
        with self.assertRaisesRegex(ValidationError, "Write the answer"):
            inquiry.action_answer()
        inquiry.resolution = "Open every day except New Year's Eve."
        inquiry.action_answer()
        self.assertEqual(inquiry.state, "closed")
        with self.assertRaisesRegex(UserError, "is an inquiry"):
            self.make_complaint(kind="inquiry", resolution="x", root_cause="y", corrective_action="z").action_resolve()

        other = self.make_complaint(kind="inquiry", subject="Why did the repair cost so much?")
        other.action_convert_to_complaint()
        self.assertEqual((other.kind, other.user_id), ("complaint", self.advisor))

    def test_deadline_typed_in_the_past_is_refused(self):
        complaint = self.make_complaint()
        deadline = complaint.date_resolution_deadline
        with self.assertRaisesRegex(ValidationError, "Resolution Deadline cannot be in the past"):
            complaint.date_resolution_deadline = fields.Datetime.now() - timedelta(days=1)
        self.assertEqual(complaint.date_resolution_deadline, deadline)
        later = fields.Datetime.now() + timedelta(days=30)
        with self.assertRaisesRegex(
            AccessError, "Only the customer-relations manager can move the Resolution Deadline"
        ):
            complaint.with_user(self.agent).date_resolution_deadline = later
        complaint.with_user(self.relations_manager).date_resolution_deadline = later
        self.assertEqual(complaint.date_resolution_deadline, later.replace(microsecond=0))

    def test_repeat_customer_is_flagged(self):
        first = self.make_complaint()
        second = self.make_complaint(subject="Still squealing")
        self.assertFalse(first.repeat_customer)
        self.assertTrue(second.repeat_customer)
        self.assertEqual(self.customer.dealer_complaint_count, 2)

    def test_email_to_the_alias_opens_a_complaint_and_threads_replies(self):
        alias = self.env.ref("dealer_complaints.mail_alias_dealer_complaint")
        self.assertEqual(alias.alias_model_id.model, "dealer.complaint")
        Thread = self.env["mail.thread"]
        complaint_id = Thread.message_process(
            "dealer.complaint",
            RAW_EMAIL.format(
                subject="Paint scratched during service",
                message_id="first",
                extra="",
                body="The rear bumper came back scratched.",
            ),
        )
        complaint = self.env["dealer.complaint"].browse(complaint_id)
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.subject, "Paint scratched during service")
        self.assertRegex(complaint.name, r"^CMP/")
        self.assertEqual(complaint.contact_email, "li.na@example.com")
        Thread.message_process(
            "dealer.complaint",
            RAW_EMAIL.format(
                subject="Re: Paint scratched during service",
                message_id="second",
                extra="In-Reply-To: <first@example.com>\n",
                body="Any news?",
            ),
        )
        self.assertEqual(self.env["dealer.complaint"].search_count([("channel", "=", "email")]), 1)
        self.assertIn("Any news?", complaint.message_ids[0].body)

    def test_email_from_a_known_customer_is_linked_to_him(self):
        li_na = self.env["res.partner"].create({"name": "李娜", "email": "li.na@example.com"})
        complaint = self.env["dealer.complaint"].browse(
            self.env["mail.thread"].message_process(
                "dealer.complaint",
                RAW_EMAIL.format(subject="No courtesy car", message_id="known", extra="", body="Promised, not given."),
            )
        )
        self.assertEqual(complaint.partner_id, li_na)
        self.assertEqual(complaint.contact_name, "李娜")
