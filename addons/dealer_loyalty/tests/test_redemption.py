from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestRedemption(DealerLoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.give(cls, cls.customer, 1000)

    def test_points_become_a_discount_line_on_the_next_invoice(self):
        invoice = self.make_invoice(2000.0, tax=True)
        entry = invoice.dealer_redeem_points(300)
        line = invoice.invoice_line_ids.filtered("dealer_loyalty_entry_id")
        self.assertEqual(line.price_unit, -30.0, "300 points at 0.10 each")
        self.assertFalse(line.tax_ids)
        self.assertEqual(line.dealer_loyalty_entry_id, entry)
        self.assertEqual((entry.reason, entry.points, entry.move_id), ("redemption", -300, invoice))
        self.assertEqual(self.customer.dealer_loyalty_points, 700)
        self.assertEqual(invoice.amount_untaxed, 1970.0)
        self.assertEqual(invoice.dealer_loyalty_redeemed, 300)
        invoice.action_post()
        self.register_payment(invoice)
        self.assertEqual(self.entries(reason="purchase").points, 197, "points are earned on what was paid")

    def test_redeeming_more_than_the_balance_is_refused(self):
        invoice = self.make_invoice(100000.0)
        with self.assertRaisesRegex(UserError, "can spend 1000 points, not 1001"):
            invoice.dealer_redeem_points(1001)
        self.assertEqual(len(invoice.invoice_line_ids), 1)
        self.assertEqual(self.customer.dealer_loyalty_points, 1000)
        self.assertFalse(self.entries(reason="redemption"))

    def test_bad_inputs_are_refused(self):
        invoice = self.make_invoice(2000.0)
        for points in (0, -5, 2.5, "10", True):
            with self.assertRaisesRegex(UserError, "positive whole number"):
                invoice.dealer_redeem_points(points)
        invoice.action_post()
        with self.assertRaisesRegex(UserError, "draft customer invoice"):
            invoice.dealer_redeem_points(10)
        bill = self.make_invoice(500.0, move_type="in_invoice")
        with self.assertRaisesRegex(UserError, "draft customer invoice"):
            bill.dealer_redeem_points(10)
        outsider_invoice = self.make_invoice(500.0, partner=self.stranger)
        with self.assertRaisesRegex(UserError, "not a club member"):
            outsider_invoice.dealer_redeem_points(10)
        self.assertEqual(self.customer.dealer_loyalty_points, 1000)

    def test_points_pay_at_most_the_configured_share(self):
        invoice = self.make_invoice(100.0)
        with self.assertRaisesRegex(UserError, "at most 50.0% of the invoice, i.e. 500 points"):
            invoice.dealer_redeem_points(600)
        invoice.dealer_redeem_points(400)
        with self.assertRaisesRegex(UserError, "i.e. 100 points"):
            invoice.dealer_redeem_points(200)
        invoice.dealer_redeem_points(100)
        self.assertEqual(invoice.amount_untaxed, 50.0)

    def test_cancelled_invoice_gives_the_points_back(self):
        invoice = self.make_invoice(2000.0)
        invoice.dealer_redeem_points(500)
        invoice.button_cancel()
        self.assertEqual(self.customer.dealer_loyalty_points, 1000)
        self.assertEqual(self.entries(reason="reversal").points, 500)
        invoice._dealer_loyalty_give_back("again")
        self.assertEqual(self.customer.dealer_loyalty_points, 1000, "given back once")

    def test_refunded_invoice_gives_the_points_back(self):
        invoice = self.make_invoice(2000.0)
        invoice.dealer_redeem_points(500)
        invoice.action_post()
        self.register_payment(invoice)
        earned = self.entries(reason="purchase").points
        refund = invoice._reverse_moves(cancel=False)
        self.assertTrue(refund.invoice_line_ids.filtered(lambda line: line.price_unit < 0), "the discount is refunded")
        refund.action_post()
        self.assertEqual(self.customer.dealer_loyalty_points, 1000, "redeemed points back, earned points taken back")
        self.assertEqual(self.entries(reason="refund").points, -earned)

    def test_removing_the_discount_line_gives_the_points_back(self):
        invoice = self.make_invoice(2000.0)
        invoice.dealer_redeem_points(500)
        invoice.invoice_line_ids.filtered("dealer_loyalty_entry_id").unlink()
        self.assertEqual(self.customer.dealer_loyalty_points, 1000)

    def test_invoice_with_points_is_cancelled_not_deleted(self):
        invoice = self.make_invoice(2000.0)
        invoice.dealer_redeem_points(500)
        with self.assertRaisesRegex(UserError, "cancel it instead"):
            invoice.unlink()
        self.assertTrue(invoice.exists())

    def test_a_copy_of_the_invoice_gets_no_free_discount(self):
        invoice = self.make_invoice(2000.0)
        invoice.dealer_redeem_points(500)
        copy = invoice.copy()
        self.assertEqual(copy.amount_untaxed, 2000.0)

    def test_late_payer_of_a_freezing_store_cannot_spend_this_quarter_points(self):
        self.store_a.dealer_loyalty_late_policy = "freeze"
        overdue = self.make_invoice(100.0, invoice_date="2020-01-01")
        overdue.action_post()
        invoice = self.make_invoice(100000.0)
        with self.assertRaisesRegex(UserError, "can spend 0 points"):
            invoice.dealer_redeem_points(10)
        self.register_payment(overdue)
        invoice.dealer_redeem_points(10)
        self.assertEqual(self.customer.dealer_loyalty_points, 1000 - 10 + 10, "paid late: 10 points earned, 10 spent")

    def test_redeem_wizard(self):
        invoice = self.make_invoice(2000.0)
        wizard = self.env["dealer.loyalty.redeem"].create({"move_id": invoice.id, "points": 200})
        self.assertEqual((wizard.balance, wizard.value), (1000, 20.0))
        wizard.action_redeem()
        self.assertEqual(self.customer.dealer_loyalty_points, 800)
