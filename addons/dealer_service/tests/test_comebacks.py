from datetime import date

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestComebacks(DealerServiceCommon):
    """The same job on the same car within 30 days or 1,000 km of a completed visit: a comeback (返工)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle.dealer_odometer_ids.date = date(2025, 12, 1)

    def other_car(self, serial, plate):
        return self.env["fleet.vehicle"].create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": self.customer.id,
                "vin_sn": make_vin(serial),
                "license_plate": plate,
                "company_id": self.store_a.id,
            }
        )

    def job_on(self, when, odometer, product=None, technician=None, vehicle=None, advisor=None):
        """A repair visit on `when`, its one job done by `technician`; returns the job line."""
        with freeze_time(when):
            visit = self.make_visit(
                visit_type="repair",
                vehicle_id=(vehicle or self.vehicle).id,
                odometer=odometer,
                date_planned=fields.Datetime.now(),
                advisor_id=(advisor or self.advisor).id,
            )
            visit.action_check_in()
            line = self.add_line(visit, product or self.brake_job, technician_ids=[(technician or self.technician).id])
            self.complete(visit)
        return line

    def test_back_on_the_thirtieth_day_is_a_comeback(self):
        first = self.job_on("2026-03-01 10:00:00", 20000)
        again = self.job_on("2026-03-31 15:59:00", 25000)  # 23:59 in Beijing
        self.assertEqual(again.comeback_of_id, first, "30 days later, whatever the hour")
        self.assertTrue(again.visit_id.is_comeback)
        self.assertEqual(again.comeback_advisor_id, self.advisor)
        self.assertEqual(first.comeback_rate, 100.0)
        self.assertEqual(again.comeback_rate, 0.0)

    def test_back_on_the_thirty_first_day_is_not(self):
        first = self.job_on("2026-03-01 10:00:00", 20000)
        again = self.job_on("2026-03-31 16:30:00", 25000)  # 00:30 on 1 April in Beijing, the stores' day
        self.assertFalse(again.comeback_of_id)
        self.assertFalse(again.visit_id.is_comeback)
        self.assertEqual(first.comeback_rate, 0.0)

    def test_within_a_thousand_km_months_later_is_a_comeback(self):
        first = self.job_on("2026-01-10 10:00:00", 20000)
        again = self.job_on("2026-05-01 10:00:00", 21000)
        self.assertEqual(again.comeback_of_id, first)

    def test_a_thousand_and_one_km_later_is_not(self):
        self.job_on("2026-01-10 10:00:00", 20000)
        again = self.job_on("2026-05-01 10:00:00", 21001)
        self.assertFalse(again.comeback_of_id)

    def test_another_job_or_another_car_is_not(self):
        self.job_on("2026-03-01 10:00:00", 20000)
        other_job = self.job_on("2026-03-05 10:00:00", 20300, product=self.oil_service)
        self.assertFalse(other_job.comeback_of_id)
        other_car = self.other_car(500002, "吉A54321")
        same_job_other_car = self.job_on("2026-03-06 10:00:00", 5000, vehicle=other_car)
        self.assertFalse(same_job_other_car.comeback_of_id)

    def test_an_open_visit_is_no_origin(self):
        with freeze_time("2026-03-01 10:00:00"):
            open_visit = self.make_visit(visit_type="repair", odometer=20000)
            open_visit.action_check_in()
            self.add_line(open_visit, self.brake_job)
        again = self.job_on("2026-03-02 10:00:00", 20100)
        self.assertFalse(again.comeback_of_id, "the first job is not finished: nothing to come back for")

    def test_comeback_rate_per_technician_and_advisor(self):
        other_car = self.other_car(500003, "吉A77777")
        sloppy = self.job_on("2026-03-01 10:00:00", 20000, technician=self.technician)
        self.job_on("2026-03-10 10:00:00", 20200, technician=self.technician_2)
        careful = self.job_on(
            "2026-03-01 11:00:00", 8000, vehicle=other_car, technician=self.technician_2, advisor=self.manager
        )
        Line = self.env["dealer.service.visit.line"]
        first_jobs = [("id", "in", (sloppy | careful).ids)]
        by_technician = dict(Line._read_group(first_jobs, ["technician_ids"], ["comeback_rate:avg"]))
        self.assertEqual(by_technician, {self.technician: 100.0, self.technician_2: 0.0})
        by_advisor = dict(Line._read_group(first_jobs, ["advisor_id"], ["comeback_rate:avg"]))
        self.assertEqual(by_advisor, {self.advisor: 100.0, self.manager: 0.0})
