from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .clock import JUST_AFTER_MIDNIGHT, on_calendar_edges, store_moment
from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestWarranty(DealerCrmCommon):
    """Three guarantees, then warranty, then expired: each ends at whichever comes first."""

    def test_new_family_car_is_in_three_guarantees(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(3))
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees")
        self.assertEqual(vehicle.dealer_three_guarantees_end_date, self.months_ago(3 - 24, days=1))
        self.assertEqual(vehicle.dealer_warranty_end_date, self.months_ago(3 - 36, days=1))

    def test_date_ends_the_period_first(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(25), odometer=20000)
        self.assertEqual(vehicle.dealer_warranty_state, "warranty", "24 months passed, 20,000 km did not")
        vehicle.dealer_delivery_date = self.months_ago(37)
        self.assertEqual(vehicle.dealer_warranty_state, "expired")

    def test_mileage_ends_the_period_first(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(6), odometer=50000)
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees", "50,000 km is still covered")
        vehicle.odometer = 50001
        self.assertEqual(vehicle.dealer_warranty_state, "warranty", "6 months passed, 50,001 km did")
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 60001})
        self.assertEqual(vehicle.dealer_warranty_state, "expired", "a reading alone moves the state")

    def test_three_guarantees_apply_to_family_cars_only(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(3), dealer_usage="commercial")
        self.assertEqual(vehicle.dealer_warranty_state, "warranty", "a taxi has no 三包")
        vehicle.dealer_usage = "private"
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees")

    def test_longer_terms_of_a_model(self):
        vehicle = self.make_vehicle(
            model_id=self.model_tayron.id, dealer_delivery_date=self.months_ago(40), odometer=80000
        )
        self.assertEqual(vehicle.dealer_warranty_state, "warranty", "Tayron: 48 months / 100,000 km")
        self.model_tayron.dealer_warranty_months = 36
        self.assertEqual(vehicle.dealer_warranty_state, "expired", "changing the model's terms moves its cars")

    def test_miles_are_converted(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(6), odometer_unit="miles", odometer=32000)
        self.assertEqual(vehicle.dealer_warranty_state, "warranty", "32,000 miles is over 50,000 km")

    def test_no_delivery_date_no_warranty_state(self):
        vehicle = self.make_vehicle()
        self.assertFalse(vehicle.dealer_warranty_state)
        self.assertFalse(vehicle.dealer_warranty_end_date)

    def test_month_end_delivery(self):
        with freeze_time("2024-03-31"):
            vehicle = self.make_vehicle(dealer_delivery_date=date(2024, 2, 29))
            self.assertEqual(vehicle.dealer_three_guarantees_end_date, date(2026, 2, 27))
            self.assertEqual(vehicle.dealer_warranty_end_date, date(2027, 2, 27))

    def test_daily_job_moves_states_when_dates_pass(self):
        with freeze_time("2025-01-09"):
            vehicle = self.make_vehicle(dealer_delivery_date=date(2023, 1, 10))
            self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees", "its last covered day")
        with freeze_time("2025-01-10"):
            self.run_scheduled("res.partner", "_cron_dealer_classification")
            self.assertEqual(vehicle.dealer_warranty_state, "warranty")
            self.assertEqual(self.customer.dealer_vehicle_age_class, "warranty", "the owner follows")
        with freeze_time("2026-01-10"):
            self.run_scheduled("res.partner", "_cron_dealer_classification")
            self.assertEqual(vehicle.dealer_warranty_state, "expired")
            self.assertEqual(self.customer.dealer_vehicle_age_class, "expired")

    @on_calendar_edges
    def test_covered_on_the_last_day_moved_on_by_the_job_that_runs_after_midnight(self):
        # the period that ends today, or the nearest one: the day before the same date 24 months on
        delivered = self.today + timedelta(days=1) - relativedelta(months=24)
        last_day = delivered + relativedelta(months=24) - timedelta(days=1)
        self.assertIn(last_day, (self.today, self.today - timedelta(days=1)))
        with freeze_time(store_moment(last_day)):
            vehicle = self.make_vehicle(dealer_delivery_date=delivered)
        self.assertEqual(vehicle.dealer_three_guarantees_end_date, last_day)
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees", "covered on its last day")
        # 00:30 in Beijing: UTC still reads the last day, the stores do not
        with freeze_time(store_moment(last_day + timedelta(days=1), JUST_AFTER_MIDNIGHT)):
            self.run_scheduled("res.partner", "_cron_dealer_classification")
        self.assertEqual(vehicle.dealer_warranty_state, "warranty")
        self.assertEqual(self.customer.dealer_vehicle_age_class, "warranty", "the owner follows")

    def test_legal_minimum_terms(self):
        with self.assertRaisesRegex(ValidationError, "below the legal minimum: set at least 50000"):
            self.model_sagitar.dealer_three_guarantees_km = 40000
        with self.assertRaisesRegex(ValidationError, "below the legal minimum: set at least 36"):
            self.env["fleet.vehicle.model"].create(
                {"name": "Bora", "brand_id": self.brand.id, "dealer_warranty_months": 24}
            )
        self.assertEqual(self.model_sagitar.dealer_three_guarantees_km, 50000)

    def test_series_must_belong_to_the_model_brand(self):
        other_brand = self.env["fleet.vehicle.model.brand"].create({"name": "Chery"})
        with self.assertRaisesRegex(ValidationError, "belongs to FAW-Volkswagen, not to Chery"):
            self.env["fleet.vehicle.model"].create(
                {"name": "Tiggo 8", "brand_id": other_brand.id, "dealer_series_id": self.series_sagitar.id}
            )
