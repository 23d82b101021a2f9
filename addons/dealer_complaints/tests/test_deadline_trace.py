from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import SQL

from .common import MONDAY_9AM, DealerComplaintCommon

# the tests of the suite run without mail's tracking (BaseCommon); these are about it
TRACKING = {"tracking_disable": False, "mail_notrack": False}


@tagged("post_install", "-at_install")
class TestDeadlineTrace(DealerComplaintCommon):
    """The deadline job finds the changed deadline states in one query and writes them through the ORM: the
    complaint's chatter shows when and why its deadlines were missed."""

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, **TRACKING))
        with freeze_time(MONDAY_9AM):
            self.complaint = self.make_complaint().with_env(self.env)
        self.env.cr.flush()
        self.late = self.complaint.date_response_deadline + timedelta(minutes=1)

    def deadline_trace(self, user):
        self.env.cr.flush()  # the messages are logged as the transaction commits
        messages = self.complaint.with_user(user).message_ids
        return messages.filtered(
            lambda message: "sla_state" in message.sudo().tracking_value_ids.field_id.mapped("name")
        )

    def run_sla(self, when):
        with freeze_time(when):
            self.run_scheduled("dealer.complaint", "_cron_dealer_sla")

    def test_a_breach_is_tracked_with_its_date_and_reason(self):
        self.run_sla(self.late)
        [message] = self.deadline_trace(self.relations_manager)
        self.assertEqual(message.date, self.late)
        self.assertIn("The response deadline passed without a first response.", message.body)
        values = message.sudo().tracking_value_ids.filtered(lambda value: value.field_id.name == "sla_state")
        self.assertEqual((values.old_value_char, values.new_value_char), ("On Time", "Breached"))

    def test_a_rerun_that_changes_nothing_leaves_no_trace(self):
        self.run_sla(self.complaint.date_response_risk)
        self.assertEqual(len(self.deadline_trace(self.relations_manager)), 1, "at risk")
        self.run_sla(self.complaint.date_response_risk + timedelta(minutes=5))
        self.assertEqual(len(self.deadline_trace(self.relations_manager)), 1)

    def test_caches_hold_the_state_right_after_the_job(self):
        self.assertEqual(self.complaint.sla_state, "on_time")
        self.env["dealer.complaint"]._dealer_refresh_sla(self.late, SQL("c.id = %s", self.complaint.id))
        self.assertEqual(self.complaint.sla_state, "breached")

    def test_changes_part(self):
        Complaint = self.env["dealer.complaint"]
        where = SQL("c.id = %s", self.complaint.id)

        def changes(now):
            self.env.flush_all()
            self.env.cr.execute(Complaint._dealer_sla_changes_sql(now, where))
            return self.env.cr.fetchall()

        self.assertEqual(changes(self.complaint.date_response_risk - timedelta(minutes=1)), [])
        risk = self.complaint.date_response_risk
        self.assertEqual(changes(risk), [(self.complaint.id, "on_time", "at_risk", "response_risk")])
        self.assertEqual(changes(self.late), [(self.complaint.id, "on_time", "breached", "response_late")])
        self.complaint.date_first_response = risk
        self.assertEqual(changes(self.late), [], "answered in time: on time, as stored")
        late_resolution = self.complaint.date_resolution_deadline + timedelta(minutes=1)
        self.assertEqual(changes(late_resolution), [(self.complaint.id, "on_time", "breached", "resolution_late")])
