from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import store_moment
from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestCustomerValueHistory(DealerServiceCommon):
    """What the store manager reads on the customer after the nightly job: the grade and the relationship,
    when and why they changed; and nothing when nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle.dealer_delivery_date = date(2024, 1, 1)
        cls.vehicle.dealer_odometer_ids.date = date(2024, 1, 1)

    def nightly(self, day, grade):
        """The nightly job on the stores' `day`, the customer graded `grade` whatever their visits, in the
        test's transaction (no cache cleared after it)."""
        with freeze_time(store_moment(day)), self.given_grades({self.customer: grade}):
            return self.env["res.partner"]._dealer_update_customer_values()

    def history(self, user=None):
        changes = self.customer.with_user(user or self.env.user).dealer_lifecycle_change_ids.sorted("id")
        return [
            (c.date, c.previous, c.lifecycle, c.previous_grade, c.grade, c.reason, c.last_visit_date) for c in changes
        ]

    def test_the_store_manager_sees_when_and_why_grade_and_relationship_changed(self):
        self.done_visit(store_moment(date(2026, 1, 10)), 20000)
        self.nightly(date(2026, 3, 1), "A")
        self.assertIn(self.customer.id, self.nightly(date(2026, 7, 11), "C"), "turned at risk: a win-back call")
        self.assertEqual(
            self.history(self.manager),
            [
                (date(2026, 3, 1), False, "loyal", False, "A", "grade", date(2026, 1, 10)),
                (date(2026, 7, 11), "loyal", "at_risk", "A", "C", "no_visit", date(2026, 1, 10)),
            ],
        )
        form = self.env["res.partner"].with_user(self.manager).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="dealer_lifecycle_change_ids"', form, "the history is on the customer's form")

    def test_a_grade_change_alone_is_kept_too(self):
        self.done_visit(store_moment(date(2026, 5, 10)), 20000)
        self.nightly(date(2026, 6, 1), "C")
        self.nightly(date(2026, 6, 2), "D")
        self.assertEqual(
            self.history(self.manager)[-1],
            (date(2026, 6, 2), "general", "general", "C", "D", "grade", date(2026, 5, 10)),
        )

    def test_a_low_survey_is_the_reason(self):
        visit = self.done_visit(store_moment(date(2026, 5, 10)), 20000)
        self.nightly(date(2026, 6, 1), "A")
        visit.write({"satisfaction_score": 20.0, "low_satisfaction_notified": True})
        self.nightly(date(2026, 6, 2), "A")
        self.assertEqual(
            self.history(self.manager)[-1],
            (date(2026, 6, 2), "loyal", "at_risk", "A", "A", "concern", date(2026, 5, 10)),
        )

    def test_a_run_that_changes_nothing_writes_nothing(self):
        self.done_visit(store_moment(date(2026, 5, 10)), 20000)
        self.nightly(date(2026, 6, 1), "B")
        history = self.history()
        written_on = self.customer.write_date
        Message = self.env["mail.message"]
        messages = Message.search_count([("model", "=", "res.partner"), ("res_id", "=", self.customer.id)])
        self.assertEqual(self.nightly(date(2026, 6, 2), "B"), [])
        self.assertEqual(self.history(), history, "no history row")
        self.assertEqual(self.customer.write_date, written_on, "the customer is not written")
        self.assertEqual(
            Message.search_count([("model", "=", "res.partner"), ("res_id", "=", self.customer.id)]),
            messages,
            "no message in the chatter",
        )

    def test_the_customer_reads_the_new_values_in_the_same_transaction(self):
        self.done_visit(store_moment(date(2026, 5, 10)), 20000)
        self.nightly(date(2026, 6, 1), "C")
        customer = self.customer
        # what the screen has just read, in the cache
        self.assertEqual(customer.dealer_value_grade, "C")
        self.assertEqual(customer.dealer_lifecycle, "general")
        self.assertTrue(customer.dealer_grade_reason.startswith("C:"))
        self.assertEqual(customer.property_payment_term_id, self.env.ref("account.account_payment_term_immediate"))
        self.assertEqual(len(customer.dealer_lifecycle_change_ids), 1)
        self.nightly(date(2026, 6, 2), "A")
        self.assertEqual(customer.dealer_value_grade, "A")
        self.assertEqual(customer.dealer_lifecycle, "loyal")
        self.assertTrue(customer.dealer_grade_reason.startswith("A:"), "the reason is computed again")
        self.assertEqual(
            customer.property_payment_term_id, self.env.ref("dealer_service.account_payment_term_dealer_3_months")
        )
        self.assertEqual(customer.dealer_lifecycle_change_ids.mapped("grade"), ["A", "C"])


@tagged("post_install", "-at_install")
class TestCustomerValueParts(DealerServiceCommon):
    """Each named part of the nightly customer values, on real records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.vehicle.dealer_delivery_date = date(2025, 3, 1)
        cls.vehicle.dealer_odometer_ids.date = date(2025, 3, 1)

    def test_last_visits(self):
        self.done_visit(store_moment(date(2026, 2, 3)), 20000)
        self.done_visit(store_moment(date(2026, 5, 4)), 25000)
        rows = self.part_rows(self.Partner._dealer_last_visits_query(), partner_id=self.customer.id)
        self.assertEqual(rows, [{"partner_id": self.customer.id, "last_day": date(2026, 5, 4)}])

    def test_first_deliveries(self):
        self.vehicle.copy(
            {"vin_sn": make_vin(500002), "license_plate": False, "dealer_delivery_date": date(2025, 9, 1)}
        )
        rows = self.part_rows(self.Partner._dealer_first_deliveries_query(), partner_id=self.customer.id)
        self.assertEqual(rows, [{"partner_id": self.customer.id, "first_delivery": date(2025, 3, 1)}])

    def test_concerns(self):
        visit = self.done_visit(store_moment(date(2026, 5, 4)), 20000)
        query = self.Partner._dealer_concerns_query(date(2026, 1, 1))
        self.assertFalse(self.part_rows(query, partner_id=self.customer.id))
        visit.write({"satisfaction_score": 20.0, "low_satisfaction_notified": True})
        self.assertEqual(self.part_rows(query, partner_id=self.customer.id), [{"partner_id": self.customer.id}])
        later = self.Partner._dealer_concerns_query(date(2026, 6, 1))
        self.assertFalse(self.part_rows(later, partner_id=self.customer.id), "an old survey is forgotten")

    def test_grade_terms_store_before_shared(self):
        thirty_days = self.env.ref("account.account_payment_term_30days")
        self.env["dealer.grade.policy"].create(
            {"grade": "A", "company_id": self.store_a.id, "payment_term_id": thirty_days.id}
        )
        rows = self.part_rows(self.Partner._dealer_grade_terms_query(), grade="A")
        terms = {row["company_id"]: row["payment_term_id"] for row in rows}
        self.assertEqual(terms[self.store_a.id], thirty_days.id)
        self.assertEqual(terms[self.store_b.id], self.env.ref("dealer_service.account_payment_term_dealer_3_months").id)

    def test_targets_and_changes(self):
        self.done_visit(store_moment(date(2026, 5, 4)), 20000)
        with self.given_grades({self.customer: "B"}):
            targets = self.Partner._dealer_customer_targets_query(self.today)
            changed = self.Partner._dealer_changed_customers_query(self.today)
            [target] = self.part_rows(targets, id=self.customer.id)
            self.assertEqual(
                (target["grade"], target["lifecycle"], target["reason"], target["last_day"]),
                ("B", "loyal", "grade", date(2026, 5, 4)),
            )
            self.assertEqual(target["term_id"], self.env.ref("account.account_payment_term_30days").id)
            [change] = self.part_rows(changed, id=self.customer.id)
            self.assertEqual((change["previous"], change["previous_grade"]), (None, None))
            self.Partner._dealer_update_customer_values()
            self.assertFalse(self.part_rows(changed, id=self.customer.id), "written: nothing left to change")
