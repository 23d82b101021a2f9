from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestMembership(DealerLoyaltyCommon):
    def test_enrolled_customer_has_a_wallet_in_the_store_club(self):
        card = self.member_card
        self.assertTrue(card.dealer_member)
        self.assertTrue(card.code)
        self.assertEqual(card.company_id, self.store_a)
        self.assertTrue(card.program_id.dealer_club)
        self.assertFalse(
            card.program_id.sudo().rule_ids, "the club earns nothing on its own: only the ledger moves points"
        )
        self.assertEqual(self.customer.dealer_loyalty_card_id, card)
        self.assertTrue(self.customer.dealer_loyalty_member)
        self.assertEqual(self.customer.dealer_loyalty_store_id, self.store_a)
        self.assertEqual(self.customer.dealer_loyalty_points, 0)
        self.assertEqual(self.referrer_card.program_id, card.program_id, "one club per store")

    def test_advisor_enrols_with_a_card_number(self):
        card = self.enrol(self.stranger, user=self.advisor, code="CLUB-000123")
        self.assertEqual(card.code, "CLUB-000123")
        self.assertEqual(self.stranger.dealer_loyalty_card_id, card)

    def test_enrolling_twice_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "already a club member"):
            self.enrol(self.customer)
        self.assertEqual(len(self.customer.dealer_loyalty_card_ids), 1)

    def test_bad_enrolments(self):
        contact = self.env["res.partner"].create({"name": "Driver", "parent_id": self.stranger.id})
        with self.assertRaisesRegex(ValidationError, "enrol the company"):
            self.enrol(contact)
        with self.assertRaisesRegex(ValidationError, "cannot refer himself"):
            self.enrol(self.stranger, dealer_referrer_id=self.stranger.id)
        outsider = self.env["res.partner"].create({"name": "Not a member"})
        with self.assertRaisesRegex(ValidationError, "not a club member"):
            self.enrol(self.stranger, dealer_referrer_id=outsider.id)
        with self.assertRaisesRegex(ValidationError, "future"):
            self.enrol(self.stranger, dealer_join_date="2999-01-01")
        self.assertFalse(self.stranger.dealer_loyalty_member)

    def test_balance_is_never_typed_in(self):
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            self.customer.write({"dealer_loyalty_points": 500})
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            self.member_card.write({"points": 500})
        self.assertEqual(self.customer.dealer_loyalty_points, 0)

    def test_member_card_prints_with_barcode_and_qr(self):
        html = str(
            self.env["ir.actions.report"]._render_qweb_html("dealer_loyalty.report_member_card", self.member_card.ids)[
                0
            ]
        )
        self.assertIn(self.member_card.code, html)
        self.assertEqual(html.count(f'alt="Barcode {self.member_card.code}"'), 2, "a barcode and a QR code")

    def test_enrol_button_opens_the_card_form(self):
        action = self.stranger.action_dealer_loyalty_enrol()
        self.assertEqual(action["res_model"], "loyalty.card")
        self.assertEqual(action["context"]["default_partner_id"], self.stranger.id)
