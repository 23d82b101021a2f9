from contextlib import contextmanager
from datetime import date, time, timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import JUST_AFTER_MIDNIGHT, on_calendar_edges, store_moment
from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon

TODAY = "2026-10-15"


@tagged("post_install", "-at_install")
class TestValueGrades(DealerServiceCommon):
    """A/B/C/D from paid customer-pay visits: average ticket, visits, interval; cut-offs fit target shares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_service.grade_min_series", 3)

    def customer_with_car(self, name, series=None, delivered=date(2023, 1, 1)):
        partner = self.env["res.partner"].create({"name": name, "company_id": self.store_a.id})
        model = self.vehicle_model
        if series:
            model = self.env["fleet.vehicle.model"].create(
                {"name": f"{series.name} model", "brand_id": self.brand.id, "dealer_series_id": series.id}
            )
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "owner_id": partner.id,
                "vin_sn": make_vin(700000 + partner.id),
                "company_id": self.store_a.id,
                "dealer_delivery_date": delivered,
            }
        )
        return partner, vehicle

    def paid_visits(self, vehicle, months_ago, products):
        for index, months in enumerate(sorted(months_ago, reverse=True)):
            when = (date.fromisoformat(TODAY) - relativedelta(months=months)).isoformat() + " 10:00:00"
            self.done_visit(when, 10000 + index * 5000, products=products, vehicle=vehicle)

    @contextmanager
    def own_stores(self):
        """Within the block, the grades rank the customers of the test stores only (not the demo data's)."""
        Visit = type(self.env["dealer.service.visit"])
        paid_visits = Visit._dealer_paid_visits_query
        stores = (self.store_a | self.store_b).ids

        def own_stores(visits, date_from, date_to=None, company_ids=None):
            return paid_visits(visits, date_from, date_to, company_ids=stores)

        with patch.object(Visit, "_dealer_paid_visits_query", own_stores):
            yield

    def grade(self, when=TODAY):
        """The nightly grading on `when`, of the customers of the test stores."""
        with freeze_time(when), self.own_stores():
            self.env["res.partner"]._dealer_update_customer_values()

    def test_ten_customers_fit_the_target_shares(self):
        customers = []
        for rank in range(10):
            partner, vehicle = self.customer_with_car(f"Customer {rank}")
            # better customers come more often and spend more
            months = [2 + step * (10 - rank) for step in range(1 + rank // 3)]
            self.paid_visits(vehicle, months, [self.brake_job] * (1 + rank // 2))
            customers.append(partner)
        self.grade()
        grades = [partner.dealer_value_grade for partner in reversed(customers)]
        # the two weakest tie (one visit, one job): they share the last place, D
        self.assertEqual(grades, ["A", "A", "B", "B", "B", "C", "C", "C", "D", "D"])

    def test_the_customer_sees_why(self):
        partner, vehicle = self.customer_with_car("陈明")
        self.paid_visits(vehicle, [2, 5, 8], [self.brake_job])
        self.grade()
        self.assertEqual(partner.dealer_paid_visits, 3)
        self.assertAlmostEqual(partner.dealer_avg_ticket, 300.0)
        self.assertRegex(partner.dealer_grade_reason, r"^[ABCD]: average ticket .*300.00, 3 visits, every 3.0 months$")

    def test_parts_of_the_grades(self):
        best, best_car = self.customer_with_car("Best")
        self.paid_visits(best_car, [2, 5, 8], [self.brake_job])
        worst, worst_car = self.customer_with_car("Worst")
        self.paid_visits(worst_car, [3], [self.brake_job])
        Partner = self.env["res.partner"]
        with freeze_time(TODAY), self.own_stores():
            customers = Partner._dealer_grade_customers_query(date(2024, 10, 15))
            scores = Partner._dealer_grade_scores_query(customers)
            positions = Partner._dealer_grade_positions_query(scores)
            grades = Partner._dealer_grades_query(date.fromisoformat(TODAY))
            [customer] = self.part_rows(customers, partner_id=best.id)
            # three visits of 300.00, from the first to the last in two intervals
            days = self.env["dealer.service.visit"].search([("vehicle_id", "=", best_car.id)]).mapped("date_done")
            span = (max(days) - min(days)).days
            self.assertEqual(
                (customer["vehicle_id"], customer["series_id"], customer["visits"], float(customer["ticket"])),
                (best_car.id, self.series.id, 3, 300.0),
            )
            self.assertAlmostEqual(customer["interval"], (span // 2) / 30.4375, msg="whole days between visits")
            self.assertIsNone(self.part_rows(customers, partner_id=worst.id)[0]["interval"], "one visit")
            # same ticket; more visits and an interval beat a single visit: 35 + 25 of 100
            self.assertEqual(
                {
                    row["partner_id"]: (row["series_size"], row["score_in_series"], row["score_in_group"])
                    for row in self.part_rows(scores)
                },
                {best.id: (2, 60.0, 60.0), worst.id: (2, 0.0, 0.0)},
            )
            # a series of 2 is under the 3 of the settings: ranked in the group, halfway through their place
            self.assertEqual(
                {row["partner_id"]: (row["score"], float(row["position"])) for row in self.part_rows(positions)},
                {best.id: (60.0, 0.25), worst.id: (0.0, 0.75)},
            )
            self.assertEqual(
                {row["partner_id"]: row["grade"] for row in self.part_rows(grades)}, {best.id: "B", worst.id: "C"}
            )

    def test_ties_share_a_grade_and_a_lone_customer_is_average(self):
        twins = []
        for name in ("Twin 1", "Twin 2", "Twin 3", "Twin 4"):
            partner, vehicle = self.customer_with_car(name)
            self.paid_visits(vehicle, [3], [self.oil_service])
            twins.append(partner)
        self.grade()
        self.assertEqual({partner.dealer_value_grade for partner in twins}, {"C"}, "all equal: all in the middle")

    def test_tiny_series_are_graded_together(self):
        rare = self.env["dealer.vehicle.series"].create({"name": "Phaeton (test)", "brand_id": self.brand.id})
        alone, vehicle = self.customer_with_car("Phaeton owner", series=rare)
        self.paid_visits(vehicle, [1, 4, 7, 10], [self.brake_job, self.oil_service])
        others = []
        for rank in range(4):
            partner, other_vehicle = self.customer_with_car(f"Sagitar {rank}")
            self.paid_visits(other_vehicle, [6], [self.oil_service])
            others.append(partner)
        self.grade()
        self.assertEqual(alone.dealer_value_grade, "A", "ranked with the others, not alone in its series")
        self.assertTrue(all(partner.dealer_value_grade for partner in others))

    def test_only_paid_customer_pay_visits_count(self):
        partner, vehicle = self.customer_with_car("Unpaid", delivered=date(2025, 1, 1))
        with freeze_time("2026-09-01 10:00:00"):
            visit = self.make_visit(vehicle_id=vehicle.id, odometer=5000)
            visit.action_check_in()
            self.add_line(visit, self.brake_job, pay_type="warranty")
            self.add_line(visit, self.oil_service)
            self.complete(visit)
            visit.action_create_invoices()
            visit.invoice_ids.with_user(self.accountant).action_post()
        self.grade()
        self.assertFalse(partner.dealer_value_grade, "posted but not paid: no grade yet")
        with freeze_time("2026-09-02"):
            customer_invoice = visit.invoice_ids.filtered(lambda move: move.partner_id == partner)
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=customer_invoice.ids
            ).create({}).action_create_payments()
        self.grade()
        self.assertTrue(partner.dealer_value_grade)
        self.assertAlmostEqual(partner.dealer_avg_ticket, 160.0, msg="the warranty part is the carmaker's")

    def test_visits_out_of_the_window_do_not_count(self):
        partner, vehicle = self.customer_with_car("Long ago")
        self.paid_visits(vehicle, [30], [self.brake_job])
        self.grade()
        self.assertFalse(partner.dealer_value_grade)

    @on_calendar_edges
    def test_the_window_is_24_months_of_the_stores_days(self):
        first_day = self.today - relativedelta(months=24)
        inside, inside_car = self.customer_with_car("On the window's first day")
        outside, outside_car = self.customer_with_car("On the day before")
        # 07:00 in Beijing is still the day before in UTC; 23:30 is the same day in both
        self.done_visit(store_moment(first_day, time(7, 0)), 10000, products=[self.brake_job], vehicle=inside_car)
        self.done_visit(
            store_moment(first_day - timedelta(days=1), time(23, 30)),
            10000,
            products=[self.brake_job],
            vehicle=outside_car,
        )
        self.grade(store_moment(self.today, JUST_AFTER_MIDNIGHT))
        self.assertTrue(inside.dealer_value_grade)
        self.assertFalse(outside.dealer_value_grade)

    def test_the_rules_are_checked_in_the_settings(self):
        Settings = self.env["res.config.settings"]
        with self.assertRaisesRegex(ValidationError, "add up to 100"):
            Settings.create({"dealer_grade_share_a": 30})
        with self.assertRaisesRegex(ValidationError, "more months for Lost"):
            Settings.create({"dealer_at_risk_months": 12, "dealer_lost_months": 12})
        self.assertEqual(self.env["res.partner"]._dealer_setting("grade_share_a"), 20)
        Settings.create({"dealer_grade_share_a": 15, "dealer_grade_share_d": 15}).execute()
        self.assertEqual(self.env["res.partner"]._dealer_setting("grade_share_d"), 15)
