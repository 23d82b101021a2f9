"""The demo tells the dealer group's two years in every report, whatever the day it is installed.

Runs with pytest-odoo on a database installed with the demo data: the one `make test` installs today, and
those `make demo-dates` installs with the clock moved to the days where calendars bite (it sets
DEALER_DEMO_DAY to the stores' day of the install).
"""

import os
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        day = os.environ.get("DEALER_DEMO_DAY")
        cls.demo_day = date.fromisoformat(day) if day else cls.env["res.company"]._dealer_today()
        cls.stores = cls.env.ref("dealer_crm_base.company_changchun_store_demo") | cls.env.ref(
            "dealer_crm_base.company_jilin_store_demo"
        )

    def store_days(self, model, field, domain=()):
        Company = self.env["res.company"]
        records = self.env[model].search([("company_id", "in", self.stores.ids), (field, "!=", False), *domain])
        return [Company._dealer_today(value) if hasattr(value, "hour") else value for value in records.mapped(field)]

    def assert_two_years_up_to_the_demo_day(self, days, what):
        self.assertLessEqual(max(days), self.demo_day, f"{what}: nothing after the day of the install")
        months = {(day.year, day.month) for day in days}
        # the 23 months before the install's, each with something to show (at 00:30 on the 1st of a month,
        # the month of the install has nothing done yet)
        for back in range(1, 24):
            month = self.demo_day - relativedelta(months=back)
            self.assertIn((month.year, month.month), months, f"{what}: nothing in {month:%Y-%m}")

    def test_visits_over_two_years_in_both_stores(self):
        Visit = self.env["dealer.service.visit"]
        done = Visit.search([("company_id", "in", self.stores.ids), ("state", "in", ("done", "invoiced"))])
        self.assertGreaterEqual(len(done), 100)
        self.assertEqual(done.company_id, self.stores)
        self.assertEqual(set(done.mapped("visit_type")), {key for key, _label in Visit._fields["visit_type"].selection})
        self.assert_two_years_up_to_the_demo_day(self.store_days("dealer.service.visit", "date_done"), "visits")
        under_way = Visit.search(
            [("company_id", "in", self.stores.ids), ("state", "in", ("checked_in", "in_progress"))]
        )
        self.assertTrue(under_way, "the workshop is busy on the day of the install")

    def test_invoices_paid_warranty_claimed_and_a_refund(self):
        moves = self.env["account.move"].search(
            [("company_id", "in", self.stores.ids), ("dealer_visit_id", "!=", False)]
        )
        paid = moves.filtered(lambda move: move.payment_state in ("paid", "in_payment"))
        self.assertGreaterEqual(len(paid), 50)
        self.assertTrue(moves.filtered(lambda move: move.partner_id.is_company and move.move_type == "out_invoice"))
        self.assertTrue(moves.filtered(lambda move: move.move_type == "out_refund"))

    def test_club_members_reach_gold_and_platinum_with_two_years_of_points(self):
        members = self.env["res.partner"].search([("dealer_loyalty_member", "=", True)])
        self.assertGreaterEqual(len(members), 10)
        tiers = members.dealer_loyalty_tier_id
        self.assertIn(self.env.ref("dealer_loyalty.dealer_loyalty_tier_gold"), tiers)
        self.assertIn(self.env.ref("dealer_loyalty.dealer_loyalty_tier_platinum"), tiers)
        entries = self.env["dealer.loyalty.entry"].search([("partner_id", "in", members.ids)])
        self.assertLessEqual(max(entries.mapped("date")), self.demo_day)
        self.assertLessEqual(min(entries.mapped("date")), self.demo_day - relativedelta(months=20))
        self.assertLessEqual(
            {"purchase", "tenure", "redemption", "expiry", "late_payment"}, set(entries.mapped("reason"))
        )

    def test_complaints_with_breaches_escalations_a_group_and_early_warnings(self):
        complaints = self.env["dealer.complaint"].search([("company_id", "in", self.stores.ids)])
        self.assertGreaterEqual(len(complaints), 50)
        self.assertTrue(complaints.filtered(lambda complaint: complaint.sla_breach_count >= 2), "up to head office")
        self.assertTrue(complaints.filtered("group_id"))
        self.assertTrue(
            complaints.filtered(lambda complaint: complaint.state not in ("resolved", "closed", "cancelled"))
        )
        self.assertLessEqual(max(self.store_days("dealer.complaint", "date_received")), self.demo_day)
        self.assertTrue(self.env["dealer.complaint.warning"].search([("company_id", "in", self.stores.ids)]))

    def test_customers_graded_and_surveys_answered(self):
        customers = self.env["res.partner"].search([("dealer_value_grade", "!=", False)])
        self.assertEqual(set(customers.mapped("dealer_value_grade")), {"A", "B", "C", "D"})
        self.assertTrue(customers.filtered(lambda partner: partner.dealer_lifecycle == "at_risk"))
        answers = self.env["survey.user_input"].search([("state", "=", "done"), ("dealer_visit_id", "!=", False)])
        self.assertGreaterEqual(len(answers), 50)

    def test_what_odoo_dates_itself_carries_the_date_of_the_story(self):
        """The chatter, the survey answers, the parts moves, the payments and the numbers are dated when the
        story says, not on the day of the install."""
        Company = self.env["res.company"]
        visits = self.env["dealer.service.visit"].search([("company_id", "in", self.stores.ids)])
        messages = self.env["mail.message"].search(
            [("model", "=", "dealer.service.visit"), ("res_id", "in", visits.ids)]
        )
        self.assert_two_years_up_to_the_demo_day([Company._dealer_today(m.date) for m in messages], "visit chatter")
        answers = self.env["survey.user_input"].search([("state", "=", "done"), ("dealer_visit_id", "in", visits.ids)])
        self.assert_two_years_up_to_the_demo_day([Company._dealer_today(a.end_datetime) for a in answers], "surveys")
        moves = self.env["stock.move"].search([("state", "=", "done"), ("company_id", "in", self.stores.ids)])
        self.assert_two_years_up_to_the_demo_day([Company._dealer_today(move.date) for move in moves], "parts")
        payments = self.env["account.payment"].search([("company_id", "in", self.stores.ids)])
        self.assert_two_years_up_to_the_demo_day(payments.mapped("date"), "payments")
        complaints = self.env["dealer.complaint"].search([("company_id", "in", self.stores.ids)])
        for complaint in complaints:
            year = Company._dealer_today(complaint.date_received).year
            self.assertIn(f"/{year}/", complaint.name, "numbered in the year it was received")
