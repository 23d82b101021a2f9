from datetime import timedelta
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import JUST_AFTER_MIDNIGHT, on_calendar_edges, store_moment
from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestNightlyJob(DealerLoyaltyCommon):
    def nightly(self, day=None):
        if day:
            with freeze_time(day):
                self.run_scheduled("res.partner", "_cron_dealer_loyalty")
        else:
            self.run_scheduled("res.partner", "_cron_dealer_loyalty")

    def snapshot(self):
        entries = self.env["dealer.loyalty.entry"].search([])
        activities = self.env["mail.activity"].search([("res_model", "=", "res.partner")])
        history = self.env["dealer.loyalty.tier.history"].search([])
        return entries, activities, history

    @on_calendar_edges
    def test_tenure_gives_a_point_per_full_month_once(self):
        self.member_card.dealer_join_date = self.today - relativedelta(months=5, days=3)
        self.nightly()
        self.assertEqual(self.entries(reason="tenure").points, 5)
        before = self.snapshot()
        self.nightly()
        self.assertEqual(self.snapshot(), before, "a re-run changes nothing")
        self.nightly(self.today + relativedelta(months=1))
        self.assertEqual(sum(self.entries(reason="tenure").mapped("points")), 6)
        self.assertEqual(self.customer.dealer_loyalty_points, 6)

    def test_batches_commit_as_they_go(self):
        self.member_card.dealer_join_date = self.today - relativedelta(months=2)
        self.referrer_card.dealer_join_date = self.today - relativedelta(months=3)
        with (
            patch("odoo.addons.dealer_loyalty.models.res_partner.BATCH", 1),
            patch.object(
                type(self.env["ir.cron"]), "_dealer_commit_progress", autospec=True, return_value=float("inf")
            ) as commit,
        ):
            self.nightly()
        self.assertEqual(self.entries(reason="tenure").points, 2)
        self.assertEqual(self.entries(self.referrer, reason="tenure").points, 3)
        processed = [call.args[1] for call in commit.call_args_list if len(call.args) > 1]
        self.assertGreaterEqual(processed.count(1), 2, "one commit per batch of one member")

    @on_calendar_edges
    def test_expiry_first_in_first_out(self):
        self.give(self.customer, 100, months_ago=30)  # expired 6 months ago
        self.give(self.customer, 50, months_ago=23)  # expires next month
        self.give(self.customer, 40, months_ago=1)
        invoice = self.make_invoice(10000.0)
        invoice.dealer_redeem_points(70)  # spends the oldest points first
        self.nightly()
        [expiry] = self.entries(reason="expiry")
        self.assertEqual(expiry.points, -30, "of the 100 oldest points, 70 were spent: 30 expire")
        self.assertEqual(self.customer.dealer_loyalty_points, 90)
        before = self.snapshot()
        self.nightly()
        self.assertEqual(self.snapshot(), before, "a re-run changes nothing")
        self.nightly(self.today + relativedelta(months=1, days=1))
        self.assertEqual(sum(self.entries(reason="expiry").mapped("points")), -80)
        self.assertEqual(self.customer.dealer_loyalty_points, 40)

    @on_calendar_edges(at=JUST_AFTER_MIDNIGHT)
    def test_member_is_told_before_points_expire(self):
        notice = timedelta(days=self.store_a.dealer_loyalty_notice_days)
        self.give(self.customer, 50, months_ago=23, expiry=self.today + notice)  # the window's last day
        self.give(self.referrer, 50, months_ago=12, expiry=self.today + notice + timedelta(days=1))
        self.nightly(store_moment(self.today, JUST_AFTER_MIDNIGHT))
        [activity] = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("activity_type_id.name", "=", "Points Expiring")]
        )
        self.assertEqual(activity.res_id, self.customer.id)
        self.assertIn("50 points expire", activity.summary)
        self.nightly(store_moment(self.today, JUST_AFTER_MIDNIGHT))
        self.assertEqual(
            self.env["mail.activity"].search_count([("activity_type_id", "=", activity.activity_type_id.id)]), 1
        )

    @on_calendar_edges
    def test_points_earned_before_the_quarter_turns_are_not_lost_in_the_next(self):
        tomorrow = self.today + timedelta(days=1)
        same_quarter = (self.today.year, (self.today.month - 1) // 3) == (tomorrow.year, (tomorrow.month - 1) // 3)
        self.member_card.dealer_join_date = self.today  # no tenure point to muddle the count
        self.paid_invoice(500.0)  # 50 points today
        self.make_invoice(100.0, invoice_date=self.today - relativedelta(months=3)).action_post()
        self.nightly(store_moment(tomorrow, JUST_AFTER_MIDNIGHT))
        lost = self.entries(reason="late_payment")
        self.assertEqual(sum(lost.mapped("points")), -50 if same_quarter else 0)

    def test_late_payer_loses_the_points_of_the_quarter(self):
        self.give(self.customer, 200, months_ago=8)
        self.paid_invoice(500.0)  # 50 points this quarter
        self.make_invoice(100.0, invoice_date=self.today - relativedelta(months=3)).action_post()
        self.nightly()
        [lost] = self.entries(reason="late_payment")
        self.assertEqual(lost.points, -50)
        self.assertEqual(self.customer.dealer_loyalty_points, 200)
        before = self.snapshot()
        self.nightly()
        self.assertEqual(self.snapshot(), before, "a re-run changes nothing")

    def test_freezing_store_takes_nothing(self):
        self.store_a.dealer_loyalty_late_policy = "freeze"
        self.paid_invoice(500.0)
        self.make_invoice(100.0, invoice_date=self.today - relativedelta(months=3)).action_post()
        self.nightly()
        self.assertFalse(self.entries(reason="late_payment"))
        self.assertEqual(self.customer.dealer_loyalty_points, 50)

    @on_calendar_edges
    def test_tiers_up_at_once_down_only_after_review_and_grace(self):
        self.nightly()
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.silver)
        self.paid_invoice(6000.0)
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.gold, "upgrade at once")
        review = self.customer.dealer_loyalty_review_date
        self.assertEqual(review, self.today + relativedelta(years=1))
        # the spend leaves the rolling 12 months: still Gold until the review plus 3 months of grace
        self.nightly(review - relativedelta(days=1))
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.gold)
        self.nightly(review + relativedelta(months=1))
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.gold, "in grace")
        self.nightly(review + relativedelta(months=3))
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.silver)
        history = self.customer.dealer_loyalty_tier_history_ids.sorted("id")
        self.assertEqual(history.mapped("change"), ["upgrade", "upgrade", "downgrade"])
        self.assertEqual(history[-1].old_tier_id, self.gold)

    def test_platinum_needs_two_cars(self):
        self.paid_invoice(25000.0)
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.gold)
        self.env["fleet.vehicle"].create(
            {"model_id": self.vehicle_model.id, "owner_id": self.customer.id, "vin_sn": make_vin(500099)}
        )
        self.nightly()
        self.assertEqual(self.customer.dealer_loyalty_tier_id, self.platinum)

    def test_tier_benefit_on_visit_lines_the_better_of_grade_and_tier(self):
        self.paid_invoice(6000.0)  # Gold: labour 8%, parts 4%
        visit = self.make_visit(odometer=20000)
        visit.action_check_in()
        labour = self.add_line(visit, self.brake_job)
        part = self.add_line(visit, self.brake_pads)
        warranty = self.add_line(visit, self.oil_filter, pay_type="warranty")
        self.assertEqual((labour.discount, part.discount, warranty.discount), (8.0, 4.0, 0.0))
        self.assertEqual(visit.dealer_loyalty_tier_id, self.gold)
        self.assertTrue(visit.dealer_loyalty_free_pickup)
        self.assertFalse(visit.dealer_loyalty_priority_booking)
        # graded A by the service add-on's nightly job (how is its own business)
        self.env.cr.execute("UPDATE res_partner SET dealer_value_grade = 'A' WHERE id = %s", [self.customer.id])
        self.customer.invalidate_recordset(["dealer_value_grade"])
        policy = self.env["dealer.grade.policy"]._for("A", self.store_a)
        self.assertGreater(policy.discount, 4.0)
        line = self.add_line(visit, self.brake_pads)
        self.assertEqual(line.discount, policy.discount, "the grade discount is better than the tier's 4%")

    @on_calendar_edges
    def test_a_rerun_of_the_whole_job_changes_nothing(self):
        self.member_card.dealer_join_date = self.today - relativedelta(months=27)
        self.give(self.customer, 100, months_ago=25)
        self.paid_invoice(700.0)
        self.nightly()
        before = self.snapshot()
        self.nightly()
        self.assertEqual(self.snapshot(), before)
