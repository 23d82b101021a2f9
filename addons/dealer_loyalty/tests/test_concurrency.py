from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentRedemptions(TransactionCase):
    """Two cashiers spend the same member's points at the same moment, each in his own database transaction."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Concurrent member (test)"})
            card = env["loyalty.card"].with_context(dealer_enrol=True).create({"partner_id": partner.id})
            env["dealer.loyalty.entry"]._dealer_post(
                [{"partner_id": partner.id, "reason": "tenure", "description": "test", "points": 100}]
            )
            self.partner_id, self.card_id = partner.id, card.id
        self.addCleanup(self._drop_member)

    def _drop_member(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM dealer_loyalty_entry WHERE partner_id = %s", [self.partner_id])
            cr.execute("DELETE FROM loyalty_card WHERE id = %s", [self.card_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])

    def _spend(self, cr, points):
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["res.partner"].browse(self.partner_id)._dealer_loyalty_spend(points, "test")

    def _balance(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT p.dealer_loyalty_points, c.points, (SELECT SUM(points) FROM dealer_loyalty_entry "
                "WHERE partner_id = p.id) FROM res_partner p JOIN loyalty_card c ON c.partner_id = p.id "
                "WHERE p.id = %s",
                [self.partner_id],
            )
            return cr.fetchone()

    @mute_logger("odoo.sql_db")
    def test_two_redemptions_at_the_same_moment_never_overdraw(self):
        first, second = self.registry.cursor(), self.registry.cursor()
        try:
            self._spend(first, 80)  # not committed yet: the member's row stays locked
            # the second cashier cannot read the balance while the first one spends it: he waits (here at most
            # 0.3 s, to keep the test short) instead of seeing 100 points and overdrawing
            second.execute("SET lock_timeout = '300ms'")
            with self.assertRaises(LockNotAvailable):
                self._spend(second, 80)
            second.rollback()
            first.commit()
            with self.assertRaisesRegex(UserError, "can spend 20 points, not 80"):
                self._spend(second, 80)
            second.rollback()
        finally:
            first.close()
            second.close()
        self.assertEqual(self._balance(), (20, 20, 20))

    def test_without_contention_both_fit(self):
        with self.registry.cursor() as cr:
            self._spend(cr, 30)
        with self.registry.cursor() as cr:
            self._spend(cr, 70)
        self.assertEqual(self._balance(), (0, 0, 0))
