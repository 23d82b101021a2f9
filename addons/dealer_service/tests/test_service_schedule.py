from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.dealer_crm_base.tests.clock import JUST_AFTER_MIDNIGHT, on_calendar_edges, store_moment
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

    def test_a_car_past_its_service_mileage_or_day_is_overdue(self):
        past_mileage = self.new_car(self.today - relativedelta(months=2))
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": past_mileage.id, "value": 7800, "date": self.today})
        self.assertEqual(past_mileage.dealer_next_service_date, self.today, "due today by the calendar")
        past_day = self.new_car(self.today - relativedelta(months=7))
        on_time = self.new_car(self.today - relativedelta(months=1))
        self.assertEqual(
            (past_mileage | past_day | on_time).mapped("dealer_service_overdue"),
            [True, True, False],
            "7,800 km beyond the 7,500 km service; six months after delivery gone by; one month old",
        )
        cars = past_mileage | past_day | on_time
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        self.assertEqual(
            Vehicle.search([("id", "in", cars.ids), ("dealer_service_overdue", "=", True)]), past_mileage | past_day
        )
        self.assertEqual(Vehicle.search([("id", "in", cars.ids), ("dealer_service_overdue", "=", False)]), on_time)

    def test_the_schedule_read_in_the_same_transaction_is_the_new_one(self):
        car = self.new_car(self.today - relativedelta(months=7))
        self.assertTrue(car.dealer_service_overdue, "six months after delivery gone by")  # read: in the cache
        # the model's schedule changes in SQL, where only the nightly refresh sees it
        self.env.cr.execute(
            "UPDATE fleet_vehicle_model SET dealer_first_service_months = 12, dealer_first_service_km = 20000"
            " WHERE id = %s",
            [self.vehicle_model.id],
        )
        self.env["fleet.vehicle"]._dealer_refresh_service_schedule_all()
        self.assertEqual(car.dealer_next_service_date, car.dealer_delivery_date + relativedelta(months=12))
        self.assertEqual(car.dealer_next_service_odometer, 20000)
        self.assertFalse(car.dealer_service_overdue, "computed again from the new schedule")

    def test_parts_of_the_schedule(self):
        car = self.new_car(date(2026, 1, 1))
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create({"vehicle_id": car.id, "value": 1000, "date": "2026-01-11"})
        Odometer.create({"vehicle_id": car.id, "value": 6000, "date": "2026-03-02"})
        Vehicle = self.env["fleet.vehicle"]
        where = SQL("fv.id = %s", car.id)
        self.assertEqual(
            self.part_rows(Vehicle._dealer_odometer_readings_query(where)),
            [
                {
                    "vehicle_id": car.id,
                    "first_day": date(2026, 1, 11),
                    "last_day": date(2026, 3, 2),
                    "first_km": 1000.0,
                    "last_km": 6000.0,
                }
            ],
        )
        self.assertFalse(self.part_rows(Vehicle._dealer_last_services_query(where)), "no maintenance yet")
        [pace] = self.part_rows(Vehicle._dealer_service_pace_query(where))
        # 5,000 km in 50 days; the first service counts from the delivery
        self.assertEqual(
            {key: pace[key] for key in ("km_per_day", "base_day", "base_km", "step_km", "step_months")},
            {"km_per_day": 100.0, "base_day": date(2026, 1, 1), "base_km": 0, "step_km": 7500, "step_months": 6},
        )
        self.assertEqual((pace["reading_day"], pace["reading_km"]), (date(2026, 3, 2), 6000.0))
        [target] = self.part_rows(Vehicle._dealer_service_targets_query(where))
        self.assertEqual((target["due_km"], target["due_day"]), (7500.0, date(2026, 3, 17)), "1,500 km in 15 days")

    def test_the_last_service_is_the_last_maintenance(self):
        self.vehicle.dealer_delivery_date = date(2025, 1, 1)
        self.done_visit("2025-07-01 09:00:00", 8000, visit_type="first_maintenance")
        self.done_visit("2025-09-01 09:00:00", 9000, visit_type="repair", paid=False)
        where = SQL("fv.id = %s", self.vehicle.id)
        self.assertEqual(
            self.part_rows(self.env["fleet.vehicle"]._dealer_last_services_query(where)),
            [{"vehicle_id": self.vehicle.id, "day": date(2025, 7, 1), "km": 8000.0}],
        )


@tagged("post_install", "-at_install")
class TestServiceReminders(DealerServiceCommon):
    """The advisor calls before a service falls due; the first-service reminder insists until the first visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.dealer_service_advisor_id = cls.advisor
        cls.store_a.write(
            {
                "dealer_reminder_days_before": 14,
                "dealer_first_service_repeat_days": 14,
                "dealer_default_km_per_day": 40.0,
            }
        )
        cls.vehicle_model.write({"dealer_first_service_km": 7500, "dealer_first_service_months": 6})
        cls.reminder_type = cls.env.ref("dealer_service.mail_activity_type_service_reminder")

    def new_car(self, delivered):
        """A car with no mileage recorded yet: its first service falls due 6 months after delivery."""
        return self.env["fleet.vehicle"].create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": self.customer.id,
                "vin_sn": make_vin(700001),
                "license_plate": "吉A70001",
                "company_id": self.store_a.id,
                "dealer_delivery_date": delivered,
            }
        )

    def run_cron(self):
        self.run_scheduled("fleet.vehicle", "_cron_dealer_service_reminders")

    def reminders(self, car):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "fleet.vehicle"),
                    ("res_id", "=", car.id),
                    ("activity_type_id", "=", self.reminder_type.id),
                ]
            )
        )

    def test_parts_of_the_reminders(self):
        car = self.new_car(date(2026, 1, 1))  # first service due 1 July 2026
        Calendar = self.env["dealer.care.calendar"]

        def due_on(day):
            return Calendar._dealer_reminders_due_query(day, car.ids)

        self.assertFalse(self.part_rows(due_on(date(2026, 6, 16))), "15 days before: not yet")
        [due] = self.part_rows(due_on(date(2026, 6, 17)))
        self.assertEqual(
            (due["owner_id"], due["day"], due["days_before"], due["first_service"], due["round"]),
            (self.customer.id, date(2026, 7, 1), 14, True, 0),
        )
        [late] = self.part_rows(due_on(date(2026, 7, 20)))
        self.assertEqual(late["round"], 1, "19 days overdue, reminded every 14: the second round")
        self.assertFalse(self.part_rows(due_on(date(2026, 10, 1))), "over 90 days overdue: left to the win-back")
        self.env.cr.execute(
            SQL("SELECT %s FROM (%s) r", Calendar._dealer_reminder_key_sql(), due_on(date(2026, 7, 20)))
        )
        self.assertEqual(self.env.cr.fetchone()[0], f"service_reminder:{car.id}:2026-07-01:1")

    def test_reminder_before_due_and_once(self):
        car = self.new_car(date(2026, 1, 1))  # first service due 1 July 2026
        with freeze_time("2026-06-16"):
            self.run_cron()
            self.assertFalse(self.reminders(car), "15 days before: not yet")
        with freeze_time("2026-06-17"):
            self.run_cron()
            reminder = self.reminders(car)
            self.assertEqual(len(reminder), 1)
            self.assertEqual(reminder.user_id, self.advisor)
            self.assertEqual(reminder.date_deadline, date(2026, 6, 17))
            self.run_cron()
            self.assertEqual(len(self.reminders(car)), 1, "a re-run creates nothing")

    @on_calendar_edges(at=JUST_AFTER_MIDNIGHT)
    def test_due_six_calendar_months_after_delivery_reminded_14_days_before(self):
        delivered = self.today - relativedelta(months=5)
        car = self.new_car(delivered)
        due = delivered + relativedelta(months=6)
        self.assertEqual(car.dealer_next_service_date, due, "the same day 6 months on, or the month's last")
        with freeze_time(store_moment(due - timedelta(days=15), JUST_AFTER_MIDNIGHT)):
            self.run_cron()
        self.assertFalse(self.reminders(car), "15 days before: not yet")
        with freeze_time(store_moment(due - timedelta(days=14), JUST_AFTER_MIDNIGHT)):
            self.run_cron()
        self.assertEqual(self.reminders(car).date_deadline, due - timedelta(days=14))

    def test_first_service_reminder_repeats_until_the_first_visit(self):
        car = self.new_car(date(2026, 1, 1))
        with freeze_time("2026-06-20"):
            self.run_cron()
            self.reminders(car).action_feedback(feedback="Will call back")
        with freeze_time("2026-07-10"):
            self.run_cron()
            self.assertEqual(len(self.reminders(car)), 1, "due 1 July, 9 days late: same round, nothing new")
        with freeze_time("2026-07-16"):
            self.run_cron()
            self.assertEqual(len(self.reminders(car)), 2, "a fortnight after the due day: reminded again")

    def test_booking_stops_the_reminders(self):
        car = self.new_car(date(2026, 1, 1))
        with freeze_time("2026-06-20"):
            self.run_cron()
            reminder = self.reminders(car)
            self.assertTrue(reminder.active)
            visit = self.make_visit(vehicle_id=car.id, date_planned="2026-06-28 09:00:00")
            self.assertFalse(reminder.active, "closed by the booking")
            self.assertIn(visit.name, reminder.feedback)
        with freeze_time("2026-07-20"):
            self.run_cron()
            self.assertEqual(len(self.reminders(car)), 1, "no reminder while a visit is booked")

    def test_no_reminder_for_a_customer_who_refused_calls(self):
        car = self.new_car(date(2026, 1, 1))
        self.customer.dealer_do_not_call = True
        with freeze_time("2026-06-20"):
            self.run_cron()
        self.assertFalse(self.reminders(car))

    def test_long_overdue_cars_are_left_to_the_win_back(self):
        car = self.new_car(date(2024, 1, 1))
        with freeze_time("2026-06-20"):
            self.run_cron()
        self.assertFalse(self.reminders(car), "due since mid-2024: the relationship job handles this customer")

    def test_due_list_for_the_month_ahead(self):
        self.new_car(date(2026, 1, 1))
        with freeze_time("2026-06-28"):
            wizard = self.env["dealer.service.due.list"].with_user(self.advisor).create({})
            self.assertEqual((wizard.date_from, wizard.date_to), (date(2026, 7, 1), date(2026, 7, 31)))
            action = wizard.action_print()
        self.assertEqual(action["report_type"], "xlsx")
        content, kind = self.env["ir.actions.report"]._render(
            "dealer_service.service_due_xlsx", action["context"]["active_ids"]
        )
        self.assertEqual(kind, "xlsx")
        header, *rows = self.read_xlsx(content)
        self.assertEqual(header[:4], ("Customer", "Phone", "Vehicle", "Plate"))
        [row] = [row for row in rows if row[3] == "吉A70001"]
        self.assertEqual(row[0], "王伟")
        self.assertEqual(row[4].date(), date(2026, 7, 1))

    @on_calendar_edges
    def test_due_list_covers_next_month_from_its_first_to_its_last_day(self):
        wizard = self.env["dealer.service.due.list"].with_user(self.advisor).create({})
        first = self.today.replace(day=1) + relativedelta(months=1)
        self.assertEqual((wizard.date_from, wizard.date_to), (first, first + relativedelta(day=31)))

    def test_empty_due_list_says_so(self):
        wizard = self.env["dealer.service.due.list"].create(
            {
                "date_from": self.today + relativedelta(years=5),
                "date_to": self.today + relativedelta(years=5, days=30),
            }
        )
        with self.assertRaisesRegex(UserError, "No car falls due"):
            wizard.action_print()
