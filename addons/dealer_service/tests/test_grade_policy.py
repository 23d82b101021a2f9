from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestGradePolicy(DealerServiceCommon):
    """What a grade earns: a discount or a surcharge, payment terms, the advisor's courtesy calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Policy = cls.env["dealer.grade.policy"]
        cls.three_months = cls.env.ref("dealer_service.account_payment_term_dealer_3_months")
        cls.thirty_days = cls.env.ref("account.account_payment_term_30days")
        cls.immediate = cls.env.ref("account.account_payment_term_immediate")
        cls.courtesy_type = cls.env.ref("dealer_service.mail_activity_type_courtesy_call")
        cls.customer.dealer_service_advisor_id = cls.advisor

    def set_grade(self, grade, partner=None):
        (partner or self.customer).sudo().dealer_value_grade = grade

    def job_and_warranty_part(self):
        visit = self.make_visit(odometer=21000)
        visit.action_check_in()
        return self.add_line(visit, self.brake_job), self.add_line(visit, self.brake_pads, pay_type="warranty")

    def test_a_customers_get_a_discount_d_customers_a_surcharge(self):
        self.set_grade("A")
        job, warranty_part = self.job_and_warranty_part()
        self.assertEqual(job.discount, 5.0)
        self.assertAlmostEqual(job.price_subtotal, 1.5 * 200 * 0.95)
        self.assertEqual(warranty_part.discount, 0.0, "the carmaker pays its own price")
        self.set_grade("D")
        job, _warranty_part = self.job_and_warranty_part()
        self.assertEqual(job.discount, -5.0)
        self.assertAlmostEqual(job.price_subtotal, 1.5 * 200 * 1.05)

    def test_a_store_policy_comes_before_the_shared_one(self):
        self.Policy.create({"grade": "A", "company_id": self.store_a.id, "discount": 8.0})
        self.set_grade("A")
        job, _warranty_part = self.job_and_warranty_part()
        self.assertEqual(job.discount, 8.0)
        self.assertEqual(self.Policy._for("A", self.store_b).discount, 5.0, "the other store keeps the shared one")

    def test_an_ungraded_customer_pays_list_price(self):
        job, _warranty_part = self.job_and_warranty_part()
        self.assertEqual(job.discount, 0.0)

    def test_bad_policies_are_refused(self):
        with self.assertRaisesRegex(IntegrityError, "dealer_grade_policy_discount_range"), mute_logger("odoo.sql_db"):
            self.Policy.create({"grade": "B", "company_id": self.store_a.id, "discount": 120.0})
        with (
            self.assertRaisesRegex(IntegrityError, "dealer_grade_policy_grade_company_unique"),
            mute_logger("odoo.sql_db"),
        ):
            self.Policy.create({"grade": "B", "discount": 2.0})
        self.assertEqual(self.Policy.search_count([("grade", "=", "B")]), 1)

    def test_only_managers_set_policies_for_their_stores(self):
        policy = self.env.ref("dealer_service.dealer_grade_policy_a")
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            policy.with_user(self.advisor).discount = 50.0
        self.assertEqual(policy.discount, 5.0)
        own = self.Policy.with_user(self.manager).create({"grade": "A", "company_id": self.store_a.id, "discount": 6})
        self.assertFalse(
            self.Policy.with_user(self.advisor_b).search([("id", "=", own.id)]), "store B sees its own or shared"
        )

    # payment terms and late payments

    def invoice(self, due, paid_on=None, partner=None):
        """A posted customer invoice due on `due` (immediate terms), paid on `paid_on` if given."""
        invoice = self._create_invoice(
            partner_id=(partner or self.customer).id,
            invoice_date=due,
            invoice_payment_term_id=self.immediate.id,
            post=True,
        )
        if paid_on:
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": paid_on}).action_create_payments()
        return invoice

    def update_terms(self, when):
        with freeze_time(when), self.given_grades({self.customer: self.customer.dealer_value_grade}):
            self.env["res.partner"]._dealer_update_customer_values()

    def terms(self):
        return self.customer.with_company(self.store_a).property_payment_term_id

    def test_payment_terms_follow_the_grade(self):
        self.set_grade("A")
        self.update_terms("2026-07-15")
        self.assertEqual(self.terms(), self.three_months)
        self.set_grade("C")
        self.update_terms("2026-07-15")
        self.assertEqual(self.terms(), self.immediate)

    def test_two_late_payments_in_a_quarter_cost_a_grade_of_terms(self):
        self.set_grade("A")
        self.invoice(date(2026, 6, 30), paid_on=date(2026, 7, 5))
        self.invoice(date(2026, 7, 1), paid_on=date(2026, 7, 10))
        self.invoice(date(2026, 7, 3), paid_on=date(2026, 7, 3))
        self.update_terms("2026-07-15")
        self.assertEqual(self.customer.dealer_late_payments, 1, "one late in June, one in July: not the same quarter")
        self.assertEqual(self.terms(), self.three_months)

        self.invoice(date(2026, 7, 2), paid_on=date(2026, 8, 1))
        self.update_terms("2026-08-02")
        self.assertEqual(self.customer.dealer_late_payments, 2)
        self.assertEqual(self.terms(), self.thirty_days, "the terms of a B customer")

        self.update_terms("2027-01-05")
        self.assertEqual(self.customer.dealer_late_payments, 0, "the late quarter is behind")
        self.assertEqual(self.terms(), self.three_months)

    def test_unpaid_past_due_counts_as_late(self):
        self.set_grade("B")
        self.invoice(date(2026, 4, 1))
        self.invoice(date(2026, 5, 1))
        self.invoice(date(2026, 6, 1))
        self.update_terms("2026-06-01")
        self.assertEqual(self.customer.dealer_late_payments, 2, "due today is not late yet")
        self.assertEqual(self.terms(), self.immediate)

    def test_a_late_d_keeps_the_terms_of_d(self):
        self.set_grade("D")
        self.invoice(date(2026, 7, 1))
        self.invoice(date(2026, 7, 2))
        self.update_terms("2026-08-01")
        self.assertEqual(self.terms(), self.immediate)

    # courtesy calls

    def courtesy_calls(self):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", self.customer.id),
                    ("activity_type_id", "=", self.courtesy_type.id),
                ]
            )
        )

    def run_care_calendar(self, when):
        with freeze_time(when):
            self.run_scheduled("dealer.care.calendar", "_cron_dealer_care_calendar")

    def test_a_customers_hear_from_their_advisor_every_quarter(self):
        self.set_grade("A")
        self.run_care_calendar("2026-04-02")
        call = self.courtesy_calls()
        self.assertEqual(call.user_id, self.advisor)
        self.run_care_calendar("2026-04-03")
        self.assertEqual(len(self.courtesy_calls()), 1, "a re-run calls nobody twice")
        with freeze_time("2026-04-03"):
            call.action_feedback(feedback="Happy with the car")
            self.env.flush_all()  # the done date is computed on flush
        self.run_care_calendar("2026-06-30")
        self.assertEqual(len(self.courtesy_calls()), 1, "called less than three months ago")
        self.run_care_calendar("2026-07-03")
        self.assertEqual(len(self.courtesy_calls()), 2, "a new quarter, three months after the last call")

    def test_no_courtesy_call_below_a_or_where_the_store_stopped_them(self):
        self.set_grade("B")
        self.run_care_calendar("2026-04-02")
        self.assertFalse(self.courtesy_calls())
        self.set_grade("A")
        self.Policy.create({"grade": "A", "company_id": self.store_a.id, "courtesy_call_months": 0})
        self.run_care_calendar("2026-04-02")
        self.assertFalse(self.courtesy_calls(), "the store's own policy has no courtesy calls")
