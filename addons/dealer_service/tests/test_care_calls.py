from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.clock import JUST_AFTER_MIDNIGHT, on_calendar_edges

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestFollowUpCalls(DealerServiceCommon):
    """3 days after a visit (7 after a first service), customer relations calls; not reached, again, three times."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._staff("agent_a", "dealer_crm_base.group_dealer_customer_relations", cls.store_a)
        cls.store_a.write({"dealer_care_user_id": cls.agent.id, "dealer_service_manager_id": cls.manager.id})

    def completed_visit(self, visit_type="repair"):
        visit = self.make_visit(visit_type=visit_type, odometer=21000)
        visit.action_check_in()
        self.add_line(visit, self.brake_job)
        return self.complete(visit)

    def callbacks(self, visit):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("res_model", "=", "dealer.service.visit"), ("res_id", "=", visit.id)], order="id")
        )

    @on_calendar_edges(at=JUST_AFTER_MIDNIGHT)
    def test_three_day_call_after_a_repair_seven_after_a_first_service(self):
        repair = self.completed_visit()
        call = self.callbacks(repair)
        self.assertEqual(call.activity_type_id, self.env.ref("dealer_service.mail_activity_type_visit_callback"))
        self.assertEqual(call.date_deadline, self.today_plus(3))
        self.assertEqual(call.user_id, self.agent, "the central team calls, not the workshop")
        self.assertEqual(call.dealer_attempt, 1)
        first = self.completed_visit(visit_type="first_maintenance")
        self.assertEqual(self.callbacks(first).date_deadline, self.today_plus(7))

    def test_not_reached_is_tried_again_three_times(self):
        visit = self.completed_visit()
        for attempt in (1, 2, 3):
            open_call = self.callbacks(visit).filtered("active")
            self.assertEqual(open_call.dealer_attempt, attempt)
            open_call.with_user(self.agent).action_dealer_not_reached()
        calls = self.callbacks(visit)
        self.assertEqual(calls.mapped("dealer_callback_outcome"), ["not_reached"] * 3)
        self.assertFalse(calls.filtered("active"), "after the third try, no fourth")
        self.assertEqual(calls[1].date_deadline, self.today_plus(1))

    def test_reached_opens_the_survey_to_fill_with_the_customer(self):
        visit = self.completed_visit()
        call = self.callbacks(visit)
        action = call.with_user(self.agent).action_dealer_reached()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(visit.survey_user_input_id.access_token, action["url"])
        self.assertEqual(call.dealer_callback_outcome, "reached")
        self.assertFalse(call.active)
        self.assertEqual(call.dealer_reached, 100.0)

    def test_complaint_raised_alerts_the_service_manager(self):
        visit = self.completed_visit()
        call = self.callbacks(visit)
        call.feedback = "Noise still there"
        call.with_user(self.agent).action_dealer_complaint()
        alert = visit.activity_ids.filtered(
            lambda activity: (
                activity.activity_type_id == self.env.ref("dealer_service.mail_activity_type_low_satisfaction")
            )
        )
        self.assertEqual(alert.user_id, self.manager)
        self.assertIn("Noise still there", alert.note)

    def test_reach_rate_per_advisor(self):
        reached, missed = self.completed_visit(), self.completed_visit()
        self.callbacks(reached).action_dealer_reached()
        missed_call = self.callbacks(missed)
        missed_call.action_dealer_not_reached()
        groups = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            ._read_group(
                [("dealer_callback_outcome", "!=", False), ("dealer_visit_id", "in", (reached | missed).ids)],
                ["dealer_visit_advisor_id"],
                ["dealer_reached:avg"],
            )
        )
        self.assertEqual(groups, [(self.advisor, 50.0)])

    def test_no_callback_for_a_customer_who_refused_calls(self):
        self.customer.dealer_do_not_call = True
        self.assertFalse(self.callbacks(self.completed_visit()))

    def today_plus(self, days):
        return self.today + timedelta(days=days)
