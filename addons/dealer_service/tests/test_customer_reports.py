from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestCustomerReports(DealerServiceCommon):
    """Who pays, who comes back, who is due: the manager's customer reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle.dealer_odometer_ids.date = date(2024, 1, 1)
        cls.manager_b = cls._staff("manager_b", "dealer_crm_base.group_dealer_manager", cls.store_b)

    def months_ago(self, months, hour="10:00:00"):
        return f"{self.today - relativedelta(months=months)} {hour}"

    def customer_with_car(self, name, serial, delivered=None, company=None):
        company = company or self.store_a
        partner = self.env["res.partner"].create({"name": name, "phone": f"+86 139 4300 {serial % 10000:04d}"})
        vehicle = self.env["fleet.vehicle"].create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": partner.id,
                "vin_sn": make_vin(serial),
                "company_id": company.id,
                "dealer_delivery_date": delivered or self.today - relativedelta(months=20),
            }
        )
        return partner, vehicle

    # 客户消费排行

    def ranking_rows(self, user=None, **values):
        wizard = self.env["dealer.service.spending.ranking"].with_user(user or self.manager).create(values)
        action = wizard.action_print()
        content, kind = self.env["ir.actions.report"]._render(action["report_name"], wizard.ids)
        self.assertEqual(kind, "xlsx")
        return self.read_xlsx(content)[2:]

    def test_spending_ranking_counts_what_was_paid(self):
        self.done_visit(self.months_ago(5), 20000)
        self.done_visit(self.months_ago(2), 25000, products=[self.brake_job])
        big_spender, big_car = self.customer_with_car("李娜", 800001)
        big_visit = self.done_visit(
            self.months_ago(3), 30000, products=[self.brake_job, self.brake_pads], vehicle=big_car
        )
        goodwill = self._create_invoice(
            move_type="out_refund",
            partner_id=big_spender.id,
            dealer_visit_id=big_visit.id,
            invoice_line_ids=[Command.create({"name": "Goodwill on labour", "price_unit": 300.0, "tax_ids": []})],
            post=True,
        )
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=goodwill.ids).create(
            {}
        ).action_create_payments()
        _unpaid, unpaid_car = self.customer_with_car("Unpaid", 800002)
        self.done_visit(self.months_ago(1), 10000, vehicle=unpaid_car, paid=False)
        _refunded, refunded_car = self.customer_with_car("Refunded", 800003)
        refunded_visit = self.done_visit(self.months_ago(1), 10000, products=[self.brake_job], vehicle=refunded_car)
        refund = refunded_visit.invoice_ids.with_user(self.accountant)._reverse_moves(cancel=False)
        refund.action_post()
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=refund.ids).create(
            {}
        ).action_create_payments()

        rows = self.ranking_rows()
        self.assertEqual([row[1] for row in rows], ["李娜", "王伟"])
        rank, _name, _phone, _grade, _relationship, visits, amount, ticket, _last = rows[1]
        self.assertEqual((rank, visits, amount, ticket), (2, 2, 160.0 + 300.0, 230.0))
        self.assertEqual(rows[0][6], 300.0 + 680.0 - 300.0, "the goodwill credit note is deducted")

    def test_spending_ranking_period_and_limit(self):
        self.done_visit(self.months_ago(14), 20000)
        self.done_visit(self.months_ago(2), 25000, products=[self.brake_job])
        rows = self.ranking_rows()
        self.assertEqual(rows[0][5:7], (1, 300.0), "a year by default: the older visit is out")
        _other, other_car = self.customer_with_car("Other", 800004)
        self.done_visit(self.months_ago(2), 10000, vehicle=other_car)
        self.assertEqual(len(self.ranking_rows(limit=1)), 1)

    def test_spending_ranking_refuses_a_backwards_period_and_an_empty_one(self):
        self.done_visit(self.months_ago(2), 25000)
        Ranking = self.env["dealer.service.spending.ranking"].with_user(self.manager)
        with self.assertRaisesRegex(UserError, "ends after it starts"):
            Ranking.create({"date_from": self.today, "date_to": self.today - relativedelta(days=1)}).action_print()
        with self.assertRaisesRegex(UserError, "No customer paid"):
            Ranking.with_user(self.manager_b).create({}).action_print()
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            Ranking.with_user(self.advisor).create({})

    # retention and due against booked

    def test_retention_by_cohort(self):
        # the view counts the months up to the database's day, which no test clock pins: the test runs on it
        self.env.cr.execute(SQL("SELECT (now() AT TIME ZONE %s)::date", self.env["res.company"]._dealer_tz_sql()))
        [(database_day,)] = self.env.cr.fetchall()
        with self.pinned_to(database_day):
            self.check_retention_by_cohort()

    def check_retention_by_cohort(self):
        delivered = self.today - relativedelta(months=14)
        _loyal, loyal_car = self.customer_with_car("Back twice", 800010, delivered=delivered)
        self.done_visit(self.months_ago(8), 7000, vehicle=loyal_car, visit_type="first_maintenance")
        self.done_visit(self.months_ago(2), 16000, vehicle=loyal_car)
        _once, once_car = self.customer_with_car("Back once", 800011, delivered=delivered)
        self.done_visit(self.months_ago(8), 7000, vehicle=once_car, visit_type="first_maintenance")
        self.done_visit(self.months_ago(6), 9000, vehicle=once_car, visit_type="repair")
        self.customer_with_car("Never back", 800012, delivered=delivered)
        Retention = self.env["dealer.service.retention.report"].with_user(self.manager)
        [(cohort, months, first, second)] = Retention._read_group(
            [("vehicle_id.owner_id.name", "in", ["Back twice", "Back once", "Never back"])],
            ["cohort:month"],
            ["months_since_delivery:min", "first_service_rate:avg", "second_service_rate:avg"],
        )
        self.assertEqual(cohort, delivered.replace(day=1))
        self.assertEqual(months, 14)
        self.assertAlmostEqual(first, 200 / 3)
        self.assertAlmostEqual(second, 100 / 3, msg="a repair is not a service")
        self.assertFalse(
            Retention.with_user(self.manager_b).search([("vehicle_id", "=", loyal_car.id)]), "store B: its own cars"
        )

    def test_due_against_booked(self):
        _booked, booked_car = self.customer_with_car("Booked", 800020)
        self.customer_with_car("Not booked", 800021)
        self.make_visit(vehicle_id=booked_car.id)
        Due = self.env["dealer.service.due.report"].with_user(self.manager)
        domain = [("partner_id.name", "in", ["Booked", "Not booked"])]
        self.assertEqual(
            {row.partner_id.name: row.booked for row in Due.search(domain)}, {"Booked": True, "Not booked": False}
        )
        [(rate,)] = Due._read_group(domain, [], ["booked_rate:avg"])
        self.assertEqual(rate, 50.0)

    def test_relationship_history_stays_in_the_store(self):
        self.customer.sudo().dealer_lifecycle = "general"
        self.env["dealer.lifecycle.change"].sudo().create(
            {"partner_id": self.customer.id, "date": self.today, "previous": "general", "lifecycle": "at_risk"}
        )
        History = self.env["dealer.lifecycle.change"]
        self.assertEqual(History.with_user(self.advisor).search_count([("partner_id", "=", self.customer.id)]), 1)
        self.assertEqual(History.with_user(self.advisor_b).search_count([("partner_id", "=", self.customer.id)]), 0)
