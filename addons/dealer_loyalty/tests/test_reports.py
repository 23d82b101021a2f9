from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyReports(DealerLoyaltyCommon):
    def test_liability_by_store_and_xlsx(self):
        self.give(self.customer, 1000)
        self.give(self.referrer, 500)
        line = self.env["dealer.loyalty.liability"].search([("company_id", "=", self.store_a.id)])
        self.assertEqual((line.member_count, line.points, line.value), (2, 1500, 150.0))
        content, report_type = self.env["ir.actions.report"]._render(
            "dealer_loyalty.action_report_liability_xlsx", line.ids
        )
        self.assertEqual(report_type, "xlsx")
        rows = self.read_xlsx(content)
        self.assertEqual(rows[0][0], "Store")
        self.assertEqual(rows[1][:3], (self.store_a.name, 2, 1500))

    def test_accrual_books_the_difference(self):
        self.give(self.customer, 1000)
        accounts = self.company_data
        wizard = self.env["dealer.loyalty.accrual"].create({"company_id": self.store_a.id})
        with self.assertRaisesRegex(UserError, "Points Liability Account"):
            wizard.action_post()
        self.store_a.write(
            {
                "dealer_loyalty_expense_account_id": accounts["default_account_expense"].id,
                "dealer_loyalty_liability_account_id": accounts["default_account_payable"]
                .copy({"code": "2299", "account_type": "liability_current", "reconcile": False})
                .id,
            }
        )
        wizard = self.env["dealer.loyalty.accrual"].create({"company_id": self.store_a.id})
        self.assertEqual((wizard.liability, wizard.booked, wizard.amount), (100.0, 0.0, 100.0))
        wizard.action_post()
        again = self.env["dealer.loyalty.accrual"].create({"company_id": self.store_a.id})
        self.assertEqual(again.amount, 0.0)
        with self.assertRaisesRegex(UserError, "already booked"):
            again.action_post()

    def test_points_analysis_per_month_and_store(self):
        self.give(self.customer, 300)
        invoice = self.make_invoice(5000.0)
        invoice.dealer_redeem_points(100)
        groups = self.env["dealer.loyalty.entry"]._read_group(
            [("company_id", "=", self.store_a.id)],
            ["month:month", "company_id"],
            ["points_earned:sum", "points_redeemed:sum", "points_expired:sum"],
        )
        self.assertEqual([group[2:] for group in groups], [(300, 100, 0)])

    def test_tier_distribution(self):
        self.run_scheduled("res.partner", "_cron_dealer_loyalty")
        counts = dict(
            self.env["res.partner"]._read_group(
                [("dealer_loyalty_member", "=", True)], ["dealer_loyalty_tier_id"], ["__count"]
            )
        )
        self.assertEqual(counts[self.silver], 2)
        self.assertEqual(self.silver.member_count, 2)
