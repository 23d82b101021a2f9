from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyUi(DealerLoyaltyCommon, AccountTestInvoicingHttpCommon):
    today = None  # the browser runs on the real clock: so do the tours

    def test_enrol_pay_see_points_redeem(self):
        li_na = self.env["res.partner"].create(
            {"name": "李娜", "phone": "+86 139 4300 0002", "company_id": self.store_a.id}
        )
        self.start_tour("/odoo/club-members", "dealer_loyalty_enrol_tour", login="advisor_a")
        card = li_na.dealer_loyalty_card_id
        self.assertEqual((card.code, card.company_id), ("CLUB-88001", self.store_a))

        invoice = self.make_invoice(1000.0, partner=li_na)
        invoice.action_post()
        self.start_tour(f"/odoo/customer-invoices/{invoice.id}", "dealer_loyalty_pay_tour", login="accountant_a")
        self.assertEqual(li_na.dealer_loyalty_points, 100)

        next_invoice = self.make_invoice(500.0, partner=li_na)
        self.start_tour(
            f"/odoo/customer-invoices/{next_invoice.id}", "dealer_loyalty_redeem_tour", login="accountant_a"
        )
        self.assertEqual(next_invoice.dealer_loyalty_redeemed, 60)
        self.assertEqual(next_invoice.amount_untaxed, 494.0)
        self.assertEqual(li_na.dealer_loyalty_points, 40)
