from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestServiceSchedule(DealerServiceCommon):
    """Next service by time or by mileage, whichever comes first, at the car's own pace."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a.dealer_default_km_per_day = 40.0
        cls.vehicle_model.write(
            {
                "dealer_first_service_km": 7500,
                "dealer_first_service_months": 6,
                "dealer_service_interval_km": 10000,
                "dealer_service_interval_months": 12,
            }
        )

    def new_car(self, delivered, **values):
        return self.env["fleet.vehicle"].create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": self.customer.id,
                "vin_sn": make_vin(600000 + len(self.env["fleet.vehicle"].search([]))),
                "company_id": self.store_a.id,
                "dealer_delivery_date": delivered,
                **values,
            }
        )

    def test_no_reading_uses_the_store_average(self):
        car = self.new_car(date(2026, 1, 1))
        # 7,500 km at 40 km a day: 188 days; 6 months: 1 July. The calendar comes first.
        self.assertEqual(car.dealer_next_service_date, date(2026, 7, 1))
        self.assertEqual(car.dealer_next_service_odometer, 7500)
        self.assertEqual(car.dealer_km_per_day, 40.0)

    def test_one_reading_is_not_a_pace(self):
        car = self.new_car(date(2026, 1, 1))
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": car.id, "value": 3000, "date": "2026-02-01"})
        self.assertEqual(car.dealer_km_per_day, 40.0, "one reading: still the store's average")
        # 4,500 km left at 40 km a day from 1 February: 113 days, 25 May, before 1 July
        self.assertEqual(car.dealer_next_service_date, date(2026, 2, 1) + timedelta(days=113))

    def test_many_readings_give_the_car_its_own_pace(self):
        car = self.new_car(date(2026, 1, 1))
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create({"vehicle_id": car.id, "value": 1000, "date": "2026-01-11"})
        Odometer.create({"vehicle_id": car.id, "value": 3000, "date": "2026-01-31"})
        Odometer.create({"vehicle_id": car.id, "value": 6000, "date": "2026-03-02"})
        # a taxi: 5,000 km in 50 days = 100 km a day; 1,500 km left: 15 days after 2 March
        self.assertEqual(car.dealer_km_per_day, 100.0)
        self.assertEqual(car.dealer_next_service_date, date(2026, 3, 17), "the mileage comes first")

    def test_after_a_maintenance_the_interval_starts_from_it(self):
        self.vehicle.dealer_delivery_date = date(2025, 1, 1)
        self.done_visit("2025-07-01 09:00:00", 8000, visit_type="first_maintenance")
        self.assertEqual(self.vehicle.dealer_next_service_odometer, 18000)
        # 12 months after 1 July 2025; the car's pace (18,000 -> 8,000 km readings) decides if sooner
        self.assertLessEqual(self.vehicle.dealer_next_service_date, date(2026, 7, 1))
        repairs = self.done_visit("2025-09-01 09:00:00", 9000, visit_type="repair", paid=False)
        self.assertEqual(repairs.state, "done")
        self.assertEqual(self.vehicle.dealer_next_service_odometer, 18000, "a repair is not a maintenance")

    def test_schedule_must_be_positive(self):
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self.vehicle_model.dealer_service_interval_km = 0
        self.assertEqual(self.vehicle_model.dealer_service_interval_km, 10000)

    def test_model_schedule_change_moves_its_cars(self):
        car = self.new_car(date(2026, 1, 1))
        self.vehicle_model.dealer_first_service_months = 3
        self.assertEqual(car.dealer_next_service_date, date(2026, 4, 1))


@tagged("post_install", "-at_install")
class TestServiceReminders(DealerServiceCommon):
    """The advisor calls before a service falls due; the first-service reminder insists until the first visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.dealer_service_advisor_id = cls.advisor
        cls.store_a.write({"dealer_reminder_days_before": 14, "dealer_first_service_repeat_days": 14})
        cls.reminder_type = cls.env.ref("dealer_service.mail_activity_type_service_reminder")

    def run_cron(self):
        self.run_scheduled("fleet.vehicle", "_cron_dealer_service_reminders")

    def reminders(self):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "fleet.vehicle"),
                    ("res_id", "=", self.vehicle.id),
                    ("activity_type_id", "=", self.reminder_type.id),
                ]
            )
        )

    def test_reminder_before_due_and_once(self):
        self.vehicle.dealer_delivery_date = date(2026, 1, 1)  # first service due 1 July 2026
        with freeze_time("2026-06-16"):
            self.run_cron()
            self.assertFalse(self.reminders(), "15 days before: not yet")
        with freeze_time("2026-06-17"):
            self.run_cron()
            reminder = self.reminders()
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.user_id, self.advisor)
            self.assertEqual(reminder.date_deadline, date(2026, 6, 17))
            self.run_cron()
            self.assertEqual(len(self.reminders()), 1, "a re-run creates nothing")

    def test_first_service_reminder_repeats_until_the_first_visit(self):
        self.vehicle.dealer_delivery_date = date(2026, 1, 1)
        with freeze_time("2026-06-20"):
            self.run_cron()
            self.reminders().action_feedback(feedback="Will call back")
        with freeze_time("2026-07-10"):
            self.run_cron()
            self.assertEqual(len(self.reminders()), 1, "due 1 July, 9 days late: same round, nothing new")
        with freeze_time("2026-07-16"):
            self.run_cron()
            self.assertEqual(len(self.reminders()), 2, "a fortnight after the due day: reminded again")

    def test_booking_stops_the_reminders(self):
        self.vehicle.dealer_delivery_date = date(2026, 1, 1)
        with freeze_time("2026-06-20"):
            self.run_cron()
            reminder = self.reminders()
            self.assertTrue(reminder.active)
            visit = self.make_visit(date_planned="2026-06-28 09:00:00")
            self.assertFalse(reminder.active, "closed by the booking")
            self.assertIn(visit.name, reminder.feedback)
        with freeze_time("2026-07-20"):
            self.run_cron()
            self.assertEqual(len(self.reminders()), 1, "no reminder while a visit is booked")

    def test_no_reminder_for_a_customer_who_refused_calls(self):
        self.vehicle.dealer_delivery_date = date(2026, 1, 1)
        self.customer.dealer_do_not_call = True
        with freeze_time("2026-06-20"):
            self.run_cron()
        self.assertFalse(self.reminders())

    def test_long_overdue_cars_are_left_to_the_win_back(self):
        self.vehicle.dealer_delivery_date = date(2024, 1, 1)
        with freeze_time("2026-06-20"):
            self.run_cron()
        self.assertFalse(self.reminders(), "due since mid-2024: the relationship job handles this customer")

    def test_due_list_for_the_month_ahead(self):
        self.vehicle.dealer_delivery_date = date(2026, 1, 1)
        with freeze_time("2026-06-28"):
            wizard = self.env["dealer.service.due.list"].with_user(self.advisor).create({})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 7, 1), date(2026, 7, 31)))
            action = wizard.action_print()
        self.assertEqual(action["report_type"], "xlsx")
        content, kind = self.env["ir.actions.report"]._render(
            "dealer_service.service_due_xlsx", action["context"]["active_ids"]
        )
        self.assertEqual(kind, "xlsx")
        rows = self.read_xlsx(content)
        self.assertEqual(rows[0][:4], ("Customer", "Phone", "Vehicle", "Plate"))
        self.assertEqual(rows[1][0], "王伟")
        self.assertEqual(rows[1][3], "吉A12345")
        self.assertEqual(rows[1][4].date(), date(2026, 7, 1))

    def test_empty_due_list_says_so(self):
        wizard = self.env["dealer.service.due.list"].create(
            {
                "date_from": self.today + relativedelta(years=5),
                "date_to": self.today + relativedelta(years=5, days=30),
            }
        )
        with self.assertRaisesRegex(UserError, "No car falls due"):
            wizard.action_print()
