from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import STORE_TZ, on_calendar_edges, store_moment

from .common import MONDAY_9AM, DealerComplaintCommon

STORE_HOURS = ((8, 12), (13, 17))  # Monday to Friday, Beijing time


def add_working_hours(start, hours, holidays):
    """The store's moment `hours` working hours after `start` (Beijing time), a minute at a time: the rule
    written out independently of resource.calendar."""
    moment, minutes = start.replace(second=0, microsecond=0), round(hours * 60)
    while minutes:
        working = moment.weekday() < 5 and moment.date() not in holidays
        if working and any(begin <= moment.hour < end for begin, end in STORE_HOURS):
            minutes -= 1
        moment += timedelta(minutes=1)
    return moment


@tagged("post_install", "-at_install")
class TestComplaintDeadlines(DealerComplaintCommon):
    def deadline_activities(self, complaint):
        deadline_type = self.env.ref("dealer_complaints.mail_activity_type_complaint_deadline")
        return complaint.activity_ids.filtered(lambda activity: activity.activity_type_id == deadline_type)

    def run_sla(self, when):
        with freeze_time(when):
            self.run_scheduled("dealer.complaint", "_cron_dealer_sla")

    def test_deadlines_count_the_stores_working_hours(self):
        with freeze_time(MONDAY_9AM):
            medium = self.make_complaint()
            critical = self.make_complaint(severity="critical")
        # 24 working hours of 8-hour days from Monday 09:00: Thursday 09:00
        self.assertEqual(medium.date_response_deadline, datetime(2026, 11, 26, 9, 0))
        # medium: 40 working hours, over the weekend to the next Monday 09:00
        self.assertEqual(medium.date_resolution_deadline, datetime(2026, 11, 30, 9, 0))
        self.assertEqual(critical.date_resolution_deadline, datetime(2026, 11, 24, 9, 0))
        # at risk once 75% of the time has passed: 6 working hours before the response deadline
        self.assertEqual(medium.date_response_risk, datetime(2026, 11, 25, 11, 0))
        self.assertEqual(medium.date_resolution_risk, datetime(2026, 11, 26, 16, 0))
        with freeze_time(datetime(2026, 11, 27, 16, 0)):
            friday = self.make_complaint()
        self.assertEqual(friday.date_response_deadline, datetime(2026, 12, 2, 16, 0))

    def test_each_step_is_due_from_its_moment_until_done(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint()

        def due_at(moment):
            steps = dict(self.env["dealer.complaint"]._dealer_sla_due_steps(moment))
            return steps.get(complaint.id, [])

        self.assertEqual(due_at(complaint.date_response_risk - timedelta(minutes=1)), [])
        self.assertEqual(due_at(complaint.date_response_risk), ["response_reminder"])
        self.assertEqual(due_at(complaint.date_response_deadline), ["response_reminder"])
        self.assertEqual(due_at(complaint.date_response_deadline + timedelta(minutes=1)), ["response_breach"])
        complaint.sla_response_escalated = True
        self.assertEqual(due_at(complaint.date_response_deadline + timedelta(minutes=1)), [])
        # answered: the response steps are over, the resolution's come in their turn
        complaint.date_first_response = complaint.date_response_risk
        late = complaint.date_resolution_deadline + timedelta(minutes=1)
        self.assertEqual(due_at(complaint.date_resolution_risk), ["resolution_reminder"])
        self.assertEqual(due_at(late), ["resolution_breach"])
        complaint.state = "closed"
        self.assertEqual(due_at(late), [], "a closed complaint has no deadline left")

    def test_severity_hours_are_configurable(self):
        self.store_a.dealer_complaint_hours_high = 16.0
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint(severity="high")
        self.assertEqual(complaint.date_resolution_deadline, datetime(2026, 11, 25, 9, 0))
        with freeze_time(MONDAY_9AM):
            complaint.severity = "critical"
        self.assertEqual(complaint.date_resolution_deadline, datetime(2026, 11, 24, 9, 0))

    def test_reminder_escalation_and_head_office_each_happen_once(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint()
        self.assertEqual(complaint.sla_state, "on_time")

        self.run_sla(datetime(2026, 11, 25, 11, 30))
        self.assertEqual(complaint.sla_state, "at_risk")
        reminder = self.deadline_activities(complaint)
        self.assertEqual(reminder.user_id, self.advisor)
        self.run_sla(datetime(2026, 11, 25, 15, 0))
        self.assertEqual(len(self.deadline_activities(complaint)), 1)

        self.run_sla(datetime(2026, 11, 26, 10, 0))
        self.assertEqual(complaint.sla_state, "breached")
        self.assertEqual(complaint.sla_breach_count, 1)
        escalation = self.deadline_activities(complaint) - reminder
        self.assertEqual(escalation.user_id, self.relations_manager)
        self.run_sla(datetime(2026, 11, 26, 11, 0))
        self.assertEqual(len(self.deadline_activities(complaint)), 2)

        self.run_sla(datetime(2026, 11, 26, 16, 30))  # the resolution deadline is at risk too
        self.assertEqual(len(self.deadline_activities(complaint)), 3)
        self.run_sla(datetime(2026, 11, 30, 10, 0))  # and missed: a second breach
        self.assertEqual(complaint.sla_breach_count, 2)
        self.assertIn(self.head_office, self.deadline_activities(complaint).user_id)
        self.run_sla(datetime(2026, 11, 30, 11, 0))
        self.assertEqual(len(self.deadline_activities(complaint)), 4)

    def test_late_job_escalates_both_breaches_without_stale_reminders(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint()
        self.run_sla(datetime(2026, 12, 1, 9, 0))
        activities = self.deadline_activities(complaint)
        self.assertEqual(activities.user_id, self.relations_manager | self.head_office)
        self.assertEqual(complaint.sla_breach_count, 2)

    def test_answered_and_resolved_in_time_stays_on_time(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint()
        with freeze_time(datetime(2026, 11, 24, 10, 0)):
            complaint.with_user(self.advisor).action_contacted()
        self.assertAlmostEqual(complaint.response_hours, 25.0)
        self.run_sla(datetime(2026, 11, 26, 10, 0))  # after the response deadline, already answered
        self.assertEqual(complaint.sla_state, "on_time")
        self.assertFalse(self.deadline_activities(complaint))
        with freeze_time(datetime(2026, 11, 26, 11, 0)):
            complaint.write({"resolution": "Fixed", "root_cause": "Pads", "corrective_action": "Checked"})
            complaint.with_user(self.advisor).action_resolve()
        self.run_sla(datetime(2026, 12, 10, 10, 0))
        self.assertEqual(complaint.sla_state, "on_time")

    def test_late_first_response_counts_as_breached(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint()
        with freeze_time(datetime(2026, 11, 26, 12, 0)):
            complaint.with_user(self.advisor).action_contacted()
        self.assertEqual(complaint.sla_state, "breached")

    def test_breach_after_reopening_goes_to_head_office(self):
        with freeze_time(MONDAY_9AM):
            complaint = self.make_complaint(severity="critical")
        self.run_sla(datetime(2026, 11, 24, 10, 0))  # resolution (8 working hours) missed: first breach
        self.assertEqual(self.deadline_activities(complaint).user_id, self.relations_manager)
        with freeze_time(datetime(2026, 11, 24, 11, 0)):
            complaint.write({"resolution": "Fixed", "root_cause": "Pads", "corrective_action": "Checked"})
            complaint.with_user(self.advisor).action_resolve()
        with freeze_time(datetime(2026, 11, 25, 9, 0)):
            complaint.with_user(self.agent).action_reopen()
        self.assertEqual(complaint.date_resolution_deadline, datetime(2026, 11, 26, 9, 0))
        self.run_sla(datetime(2026, 11, 26, 10, 0))
        self.assertEqual(complaint.sla_breach_count, 2)
        self.assertIn(self.head_office, self.deadline_activities(complaint).user_id)


@tagged("post_install", "-at_install")
class TestComplaintDeadlinesOnAnyDay(DealerComplaintCommon):
    """Deadlines count the hours of a store in Beijing, over evenings, weekends and public holidays."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beijing_hours = cls.env["resource.calendar"].create(
            {
                "name": "Store hours, Beijing (test)",
                "tz": STORE_TZ.zone,
                "attendance_ids": [
                    Command.create(
                        {"name": f"{day} {begin}", "dayofweek": str(day), "hour_from": begin, "hour_to": end}
                    )
                    for day in range(5)
                    for begin, end in STORE_HOURS
                ],
            }
        )
        cls.store_a.resource_calendar_id = cls.beijing_hours

    def public_holiday(self, day):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday (test)",
                "calendar_id": self.beijing_hours.id,
                "date_from": store_moment(day, time.min),
                "date_to": store_moment(day, time(23, 59, 59)),
            }
        )

    @on_calendar_edges(at=time(18, 30))
    def test_received_in_the_evening_before_a_public_holiday(self):
        holiday = self.today + timedelta(days=1)
        self.public_holiday(holiday)
        complaint = self.make_complaint(severity="critical")
        received = datetime.combine(self.today, time(18, 30))
        for field, hours in (("date_response_deadline", 24.0), ("date_resolution_deadline", 8.0)):
            expected = add_working_hours(received, hours, {holiday})
            self.assertEqual(complaint[field], store_moment(expected.date(), expected.time()), field)
