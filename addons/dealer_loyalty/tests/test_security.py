from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltySecurity(DealerLoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.give(cls, cls.customer, 100)
        cls.sales = cls._staff("sales_a", "dealer_crm_base.group_dealer_sales", cls.store_a)

    def test_staff_of_the_store_read_the_ledger_but_never_write_it(self):
        Entry = self.env["dealer.loyalty.entry"]
        for user in (self.advisor, self.sales, self.manager, self.accountant):
            entries = Entry.with_user(user).search([("partner_id", "=", self.customer.id)])
            self.assertEqual(entries.points, 100)
            with self.assertRaises(AccessError):
                Entry.with_user(user).create(
                    {
                        "partner_id": self.customer.id,
                        "reason": "tenure",
                        "description": "x",
                        "points": 5,
                        "company_id": self.store_a.id,
                    }
                )
        self.assertEqual(self.customer.dealer_loyalty_points, 100)

    def test_another_store_sees_neither_members_nor_points(self):
        Entry = self.env["dealer.loyalty.entry"].with_user(self.advisor_b)
        self.assertFalse(Entry.search([("partner_id", "=", self.customer.id)]))
        self.assertFalse(self.env["loyalty.card"].with_user(self.advisor_b).search([("id", "=", self.member_card.id)]))
        with self.assertRaises(AccessError):
            self.member_card.with_user(self.advisor_b).read(["code"])

    def test_technician_has_no_access_to_points(self):
        with self.assertRaises(AccessError):
            self.env["dealer.loyalty.entry"].with_user(self.technician).search([])

    def test_points_liability_is_for_accountants_and_managers(self):
        Liability = self.env["dealer.loyalty.liability"]
        self.assertEqual(
            Liability.with_user(self.accountant).search([("company_id", "=", self.store_a.id)]).points, 100
        )
        self.assertEqual(Liability.with_user(self.manager).search([("company_id", "=", self.store_a.id)]).points, 100)
        for user in (self.sales, self.advisor):
            with self.assertRaises(AccessError):
                Liability.with_user(user).search([])
        accountant_b = self._staff("accountant_b", "account.group_account_invoice", self.store_b)
        self.assertFalse(Liability.with_user(accountant_b).search([("company_id", "=", self.store_a.id)]))

    def test_tier_history_of_another_store_is_hidden(self):
        self.paid_invoice(6000.0)
        History = self.env["dealer.loyalty.tier.history"]
        self.assertTrue(History.with_user(self.advisor).search([("partner_id", "=", self.customer.id)]))
        self.assertFalse(History.with_user(self.advisor_b).search([("partner_id", "=", self.customer.id)]))

    def test_only_managers_change_tiers(self):
        with self.assertRaises(AccessError):
            self.gold.with_user(self.advisor).write({"labour_discount": 50})
        self.gold.with_user(self.manager).write({"labour_discount": 9})
        self.assertEqual(self.gold.labour_discount, 9)

    def test_bad_tier_settings_are_refused(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.gold.labour_discount = 120
        with self.assertRaisesRegex(ValidationError, "Points Multiplier"):
            self.gold.points_multiplier = 0
        with self.assertRaisesRegex(ValidationError, "Maximum Share"):
            self.store_a.dealer_loyalty_max_share = 150
