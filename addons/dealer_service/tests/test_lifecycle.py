from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import JUST_AFTER_MIDNIGHT, on_calendar_edges, store_moment
from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestLifecycle(DealerServiceCommon):
    """Loyal, general, at risk, lost: by the months without a visit and the reasons to worry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.dealer_service_advisor_id = cls.advisor
        cls.vehicle.dealer_delivery_date = date(2024, 1, 1)
        cls.vehicle.dealer_odometer_ids.date = date(2024, 1, 1)

    def classify(self, when):
        with freeze_time(when):
            self.run_scheduled("res.partner", "_cron_dealer_classification")

    def update_with_grade(self, when, grade):
        """The nightly job, the customer graded `grade` whatever their visits."""
        with freeze_time(when), self.given_grades({self.customer: grade}):
            self.env["res.partner"]._dealer_update_customer_values()

    def test_drifting_away_step_by_step(self):
        self.done_visit("2026-01-10 10:00:00", 20000)
        self.classify("2026-03-01")
        self.assertEqual(self.customer.dealer_lifecycle, "general")
        self.assertEqual(self.customer.dealer_last_visit_date, date(2026, 1, 10))
        self.classify("2026-07-11")
        self.assertEqual(self.customer.dealer_lifecycle, "at_risk", "more than 6 months without a visit")
        win_back = self.customer.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("dealer_service.mail_activity_type_win_back")
        )
        self.assertEqual(win_back.user_id, self.advisor)
        self.classify("2026-07-12")
        self.assertEqual(len(self.customer.activity_ids), 1, "still at risk: no second win-back call")
        self.classify("2027-01-11")
        self.assertEqual(self.customer.dealer_lifecycle, "lost")
        history = self.customer.dealer_lifecycle_change_ids.sorted("date").filtered(
            lambda change: change.previous != change.lifecycle
        )
        self.assertEqual(
            [(change.previous or False, change.lifecycle) for change in history],
            [(False, "general"), ("general", "at_risk"), ("at_risk", "lost")],
        )

    @on_calendar_edges
    def test_six_and_twelve_months_are_calendar_months_of_the_stores_days(self):
        last_visits = {
            "general": self.today - relativedelta(months=6),
            "at_risk": self.today - relativedelta(months=6) - timedelta(days=1),
            "at_risk_still": self.today - relativedelta(months=12),
            "lost": self.today - relativedelta(months=12) - timedelta(days=1),
        }
        customers = {}
        for serial, (name, day) in enumerate(last_visits.items(), start=710001):
            customers[name] = self.env["res.partner"].create({"name": name, "company_id": self.store_a.id})
            car = self.vehicle.copy(
                {"vin_sn": make_vin(serial), "license_plate": False, "owner_id": customers[name].id}
            )
            self.done_visit(store_moment(day), 20000, vehicle=car)
        self.classify(store_moment(self.today, JUST_AFTER_MIDNIGHT))
        self.assertEqual(
            {name: partner.dealer_lifecycle for name, partner in customers.items()},
            {"general": "general", "at_risk": "at_risk", "at_risk_still": "at_risk", "lost": "lost"},
        )

    def test_a_good_customer_is_loyal(self):
        self.done_visit("2026-02-10 10:00:00", 20000)
        self.update_with_grade("2026-03-01", "A")
        self.assertEqual(self.customer.dealer_lifecycle, "loyal")
        self.update_with_grade("2026-03-02", "C")
        self.assertEqual(self.customer.dealer_lifecycle, "general")

    def test_a_low_survey_puts_even_a_good_customer_at_risk(self):
        visit = self.done_visit("2026-02-10 10:00:00", 20000)
        visit.write({"satisfaction_score": 20.0, "low_satisfaction_notified": True})
        self.update_with_grade("2026-03-01", "A")
        self.assertEqual(self.customer.dealer_lifecycle, "at_risk")

    def test_a_customer_who_never_came_counts_from_delivery(self):
        self.classify("2024-04-01")
        self.assertEqual(self.customer.dealer_lifecycle, "general", "a new car")
        self.classify("2025-02-01")
        self.assertEqual(self.customer.dealer_lifecycle, "lost", "never came in a year")

    def test_a_re_run_changes_nothing(self):
        self.done_visit("2026-01-10 10:00:00", 20000)
        self.classify("2026-07-11")
        changes = len(self.customer.dealer_lifecycle_change_ids)
        activities = len(self.customer.activity_ids)
        self.classify("2026-07-11")
        self.assertEqual(len(self.customer.dealer_lifecycle_change_ids), changes)
        self.assertEqual(len(self.customer.activity_ids), activities)
