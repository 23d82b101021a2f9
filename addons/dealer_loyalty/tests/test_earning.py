from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestEarning(DealerLoyaltyCommon):
    def test_points_are_earned_when_the_invoice_is_paid_not_posted(self):
        invoice = self.make_invoice(1234.0, tax=True)
        invoice.action_post()
        self.assertEqual(self.customer.dealer_loyalty_points, 0, "posted is not paid")
        self.register_payment(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        [entry] = self.entries(reason="purchase")
        self.assertEqual(entry.points, 123, "1 point per 10 of the untaxed amount, rounded down")
        self.assertEqual(entry.move_id, invoice)
        self.assertEqual(entry.company_id, self.store_a)
        self.assertEqual(entry.expiry_date.year - entry.date.year, 2)
        self.assertEqual(self.customer.dealer_loyalty_points, 123 + 0)
        self.assertEqual(self.member_card.points, 123, "the loyalty wallet shows the same balance")
        self.assertEqual(invoice.dealer_loyalty_earned, 123)

    def test_partial_payment_earns_nothing_until_fully_paid(self):
        invoice = self.make_invoice(1000.0)
        invoice.action_post()
        self.register_payment(invoice, amount=400.0)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self.entries(reason="purchase"))
        self.register_payment(invoice, amount=600.0)
        self.assertEqual(self.entries(reason="purchase").points, 100)

    def test_same_payment_is_never_credited_twice(self):
        invoice = self.paid_invoice(500.0)
        invoice._dealer_loyalty_sync()
        invoice._invoice_paid_hook()
        self.assertEqual(len(self.entries(reason="purchase")), 1)
        self.assertEqual(self.customer.dealer_loyalty_points, 50)

    def test_undoing_the_payment_reverses_the_points_and_paying_again_earns_them(self):
        invoice = self.make_invoice(800.0)
        invoice.action_post()
        payment = self.register_payment(invoice)
        self.assertEqual(self.customer.dealer_loyalty_points, 80)
        payment.action_cancel()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self.customer.dealer_loyalty_points, 0)
        reversal = self.entries(reason="reversal")
        self.assertEqual(reversal.points, -80)
        self.assertEqual(reversal.reversal_of_id, self.entries(reason="purchase"))
        self.register_payment(invoice)
        self.assertEqual(self.customer.dealer_loyalty_points, 80)
        self.assertEqual(len(self.entries(reason="purchase")), 2)

    def test_credit_note_takes_back_the_points_of_the_refunded_amount(self):
        invoice = self.paid_invoice(1000.0)
        refund = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Wrong part"})
            .refund_moves()
        )
        credit_note = self.env["account.move"].browse(refund["res_id"])
        credit_note.invoice_line_ids.price_unit = 300.0
        credit_note.action_post()
        self.assertEqual(self.entries(reason="refund").points, -30)
        self.assertEqual(self.customer.dealer_loyalty_points, 70)
        credit_note._dealer_loyalty_refund()
        self.assertEqual(self.customer.dealer_loyalty_points, 70, "a credit note takes its points once")

    def test_unreconciling_the_payment_reverses_the_points(self):
        invoice = self.paid_invoice(600.0)
        invoice.line_ids.remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(self.customer.dealer_loyalty_points, 0)

    def test_resetting_a_paid_invoice_to_draft_reverses_its_points(self):
        invoice = self.paid_invoice(600.0)
        invoice.button_draft()
        self.assertEqual(self.customer.dealer_loyalty_points, 0)

    def test_referrer_earns_at_the_first_paid_invoice_only(self):
        self.paid_invoice(200.0)
        self.paid_invoice(300.0)
        referral = self.entries(self.referrer, reason="referral")
        self.assertEqual(referral.points, 100)
        self.assertEqual(referral.referred_partner_id, self.customer)
        self.assertEqual(self.referrer.dealer_loyalty_points, 100)
        self.assertEqual(self.customer.dealer_loyalty_points, 50)

    def test_a_paid_service_visit_earns_points(self):
        visit = self.done_visit(self.today, 20000, products=(self.brake_job, self.brake_pads))
        invoice = visit.invoice_ids
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        [entry] = self.entries(reason="purchase")
        self.assertEqual(entry.move_id, invoice)
        self.assertEqual(entry.points, int(invoice.amount_untaxed // 10))

    def test_customers_outside_the_club_earn_nothing(self):
        self.paid_invoice(1000.0, partner=self.stranger)
        self.assertFalse(self.env["dealer.loyalty.entry"].search([("partner_id", "=", self.stranger.id)]))

    def test_tier_multiplies_the_points(self):
        self.paid_invoice(6000.0)
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.gold, "upgraded at once")
        self.paid_invoice(100.0)
        self.assertEqual(self.entries(reason="purchase").sorted("id")[-1].points, 20)

    def test_ledger_entries_are_never_edited_or_deleted(self):
        entry = self.paid_invoice(500.0) and self.entries(reason="purchase")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            entry.sudo().write({"points": 5000})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            entry.sudo().unlink()
        self.assertEqual(entry.points, 50)

    def test_an_entry_is_reversed_once(self):
        entry = self.give(self.customer, 40)
        entry._dealer_reverse()
        entry._dealer_reverse()
        self.assertEqual(len(entry.reversal_ids), 1)
        self.assertEqual(self.customer.dealer_loyalty_points, 0)

    @freeze_time("2026-03-15")
    def test_points_carry_the_day_they_are_earned(self):
        self.paid_invoice(100.0)
        entry = self.entries(reason="purchase")
        self.assertEqual(str(entry.date), "2026-03-15")
        self.assertEqual(str(entry.expiry_date), "2028-03-15")
