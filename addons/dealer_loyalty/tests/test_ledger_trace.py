from dateutil.relativedelta import relativedelta

from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerLoyaltyCommon

# the tests of the suite run without mail's tracking (BaseCommon); these are about it
TRACKING = {"tracking_disable": False, "mail_notrack": False}


@tagged("post_install", "-at_install")
class TestLedgerTrace(DealerLoyaltyCommon):
    """The ledger writes the balances in SQL, then gives the member card what loyalty's own `write` would: the
    points change tracked in its chatter, and the program's milestone mail."""

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, **TRACKING))
        self.customer.email = "wang.wei@example.com"
        # the club's settings, as the administrator sets them
        template = (
            self.env["mail.template"]
            .sudo()
            .create(
                {
                    "name": "100 points reached",
                    "model_id": self.env["ir.model"]._get_id("loyalty.card"),
                    "subject": "You have 100 points",
                    "partner_to": "{{ object.partner_id.id }}",
                    "body_html": "<p>Thank you for your loyalty.</p>",
                }
            )
        )
        self.member_card.program_id.sudo().communication_plan_ids = [
            Command.create({"trigger": "points_reach", "points": 100, "mail_template_id": template.id})
        ]
        self.card = self.member_card.with_env(self.env)

    def milestone_mails(self):
        return self.env["mail.mail"].search([("subject", "=", "You have 100 points")])

    def card_trace(self, user):
        """The tracking messages of the card, as `user` reads them."""
        self.env.cr.flush()  # the messages are logged as the transaction commits
        messages = self.card.with_user(user).message_ids
        return messages.filtered(lambda message: message.sudo().tracking_value_ids)

    def test_crossing_a_milestone_through_the_ledger_sends_loyaltys_mail(self):
        self.give(self.customer, 60)
        self.assertFalse(self.milestone_mails())
        self.give(self.customer, 50)
        mail = self.milestone_mails()
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.give(self.customer, 10)
        self.assertEqual(self.milestone_mails(), mail, "a milestone is reached once")

    def test_points_change_is_tracked_on_the_card_with_its_date_and_reason(self):
        self.give(self.customer, 60)
        [message] = self.card_trace(self.advisor)
        self.assertIn("Given by the test", message.body)
        self.assertEqual(message.date.date(), self.today)
        values = message.sudo().tracking_value_ids
        self.assertEqual(values.field_id.name, "points")
        self.assertEqual((values.old_value_float, values.new_value_float), (0, 60))

    def test_the_nightly_job_leaves_its_trace_once(self):
        self.member_card.dealer_join_date = self.today - relativedelta(months=5)
        self.run_scheduled("res.partner", "_cron_dealer_loyalty")
        [message] = self.card_trace(self.manager)
        self.assertIn("Membership months", message.body)
        self.assertEqual(message.sudo().tracking_value_ids.new_value_float, 5)
        self.run_scheduled("res.partner", "_cron_dealer_loyalty")
        self.assertEqual(self.card_trace(self.manager), message, "a re-run that changes nothing leaves no trace")

    def test_caches_hold_the_balances_right_after_the_ledger(self):
        self.assertEqual((self.card.points, self.customer.dealer_loyalty_points), (0, 0))
        self.assertEqual(self.customer.dealer_loyalty_value, 0)
        self.give(self.customer, 60)
        # no invalidation: what the ledger wrote in SQL is what the records read in the same transaction
        self.assertEqual((self.card.points, self.customer.dealer_loyalty_points), (60, 60))
        self.assertTrue(self.card.points_display.startswith("60"))
        self.assertAlmostEqual(self.customer.dealer_loyalty_value, 6.0)

    def test_balances_part(self):
        self.give(self.customer, 60)
        self.env.cr.execute(self.env["dealer.loyalty.entry"]._dealer_balances_sql([self.customer.id]))
        self.assertEqual(self.env.cr.dictfetchall(), [{"id": self.customer.id, "points": 60, "old_points": 60}])
        self.env.cr.execute(self.env["dealer.loyalty.entry"]._dealer_balances_update_sql([self.customer.id]))
        self.assertEqual(self.env.cr.fetchall(), [], "nothing left to write")


@tagged("post_install", "-at_install")
class TestTierReview(DealerLoyaltyCommon):
    """The parts of the tier review, each on its own, and the reason a manager reads in the tier history."""

    def rows(self, query):
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def test_tier_changes_show_their_date_and_reason_to_the_manager(self):
        self.paid_invoice(6000.0)
        history = self.customer.with_user(self.manager).dealer_loyalty_tier_history_ids
        upgrade = history.filtered(lambda line: line.new_tier_id == self.gold)
        self.assertEqual(upgrade.date, self.today)
        self.assertIn("6,000 spent in the last 12 months", upgrade.reason)

    def test_members_part(self):
        self.member_card.dealer_join_date = self.today - relativedelta(months=7, days=2)
        Partner = self.env["res.partner"]
        [row] = self.rows(Partner._dealer_loyalty_tier_members_sql(self.today, self.customer))
        self.assertEqual((row["partner_id"], row["months"], row["current_id"]), (self.customer.id, 7, None))

    def test_spend_and_cars_parts(self):
        self.paid_invoice(6000.0)
        Partner = self.env["res.partner"]
        members = Partner._dealer_loyalty_tier_members_sql(self.today, self.customer)
        spend = self.rows(SQL("WITH m AS (%s) %s", members, Partner._dealer_loyalty_tier_spend_sql(self.today)))
        self.assertEqual(spend, [{"partner_id": self.customer.id, "amount": 6000.0}])
        next_year = self.today + relativedelta(years=1)
        later = SQL("WITH m AS (%s) %s", members, Partner._dealer_loyalty_tier_spend_sql(next_year))
        self.assertEqual(self.rows(later), [], "a year later, the spend left the 12 months")
        self.env["fleet.vehicle"].create(
            [
                {"model_id": self.vehicle_model.id, "owner_id": self.customer.id, "vin_sn": make_vin(500100 + n)}
                for n in range(2)
            ]
        )
        cars = self.rows(SQL("WITH m AS (%s) %s", members, Partner._dealer_loyalty_tier_cars_sql()))
        self.assertEqual(cars, [{"partner_id": self.customer.id, "vehicles": len(self.customer.dealer_vehicle_ids)}])
        self.assertGreaterEqual(cars[0]["vehicles"], 2)

    def test_qualified_part(self):
        qualified = self.env["res.partner"]._dealer_loyalty_tier_qualified_sql()

        def tier_for(spend, vehicles):
            [row] = self.rows(
                SQL(
                    "SELECT (%s) AS tier FROM (SELECT %s AS company_id, 12 AS months, %s AS spend, %s AS vehicles) m",
                    qualified,
                    self.store_a.id,
                    spend,
                    vehicles,
                )
            )
            return row["tier"]

        self.assertEqual(tier_for(0, 0), self.silver.id)
        self.assertEqual(tier_for(25000, 1), self.gold.id, "Platinum needs two cars")
        self.assertEqual(tier_for(25000, 2), self.platinum.id)
