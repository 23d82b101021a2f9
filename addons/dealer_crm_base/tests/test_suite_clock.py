import sys
from datetime import date, datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged
from odoo.tools import html2plaintext

from ..models.res_company import DEMO_HISTORIES


@tagged("post_install", "-at_install")
class TestSuiteClock(TransactionCase):
    """One clock for the suite, one way for its jobs to commit, the demo histories out of the runtime."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_crm_base.timezone", "Asia/Shanghai")
        cls.Company = cls.env["res.company"]

    def test_the_suite_acts_at_the_moment_its_caller_sets(self):
        moment = datetime(2027, 3, 31, 16, 30)  # 00:30 on 1 April in the stores
        with freeze_time("2028-02-29 12:00:00"):
            dated = self.Company.with_context(dealer_now=moment)
            self.assertEqual(dated._dealer_now(), moment)
            self.assertEqual(dated._dealer_today(), date(2027, 4, 1))
            self.assertEqual(dated._dealer_today(datetime(2027, 3, 31, 15, 59)), date(2027, 3, 31))

    def test_without_a_moment_the_suite_acts_now(self):
        with freeze_time("2027-02-28 16:30:00"):
            self.assertEqual(self.Company._dealer_now(), datetime(2027, 2, 28, 16, 30))
            self.assertEqual(self.Company._dealer_today(), date(2027, 3, 1))

    def test_the_jobs_commit_inside_a_cron_run_only(self):
        Cron = self.env["ir.cron"]
        with patch.object(type(Cron), "_commit_progress", autospec=True, return_value=12.0) as commit:
            self.assertEqual(Cron._dealer_commit_progress(3, remaining=2), float("inf"))
            commit.assert_not_called()
            self.assertEqual(Cron.with_context(ir_cron_progress_id=7)._dealer_commit_progress(3, remaining=2), 12.0)
        commit.assert_called_once()
        self.assertEqual((commit.call_args.args[1:], commit.call_args.kwargs), ((3,), {"remaining": 2}))

    def test_only_the_suites_demo_histories_play(self):
        for name in ("base", "dealer_crm_base", "dealer_service.models"):
            with self.assertRaises(ValueError):
                self.Company._dealer_play_demo(name)

    def test_no_demo_model_and_no_demo_code_without_the_demo_data(self):
        self.assertFalse(self.env["ir.model"].search([("model", "=like", "dealer.%.demo")]))
        self.assertFalse([name for name in self.env.registry if name.startswith("dealer.") and name.endswith(".demo")])
        modules = self.env["ir.module.module"].search([("name", "in", DEMO_HISTORIES), ("state", "=", "installed")])
        for module in modules.filtered(lambda module: not module.demo):
            self.assertNotIn(f"odoo.addons.{module.name}.demo.history", sys.modules)
        if modules and not any(modules.mapped("demo")):
            self.assertNotIn("odoo.addons.dealer_crm_base.demo.timeline", sys.modules)

    def test_the_demo_timeline_plays_each_step_at_its_moment(self):
        # the demo's code, imported by this test only (after the test above, which runs first by its name)
        from ..demo.timeline import DemoTimeline

        partner = self.env["res.partner"].create({"name": "Zhao Lihua"})
        partner.message_post(body="today")
        timeline = DemoTimeline(self.env)
        moment = timeline.now - timedelta(days=400)
        seen = []

        def script():
            seen.append(timeline.env["res.company"]._dealer_now())
            partner.message_post(body="then")
            yield moment + timedelta(days=1)
            seen.append(timeline.current(partner).env["res.company"]._dealer_now())
            partner.message_post(body="later")

        timeline.schedule(moment + timedelta(hours=1), lambda: seen.append(timeline.env.context["dealer_now"]))
        timeline.schedule(moment, script())
        timeline.schedule(timeline.now + timedelta(days=1), lambda: seen.append("tomorrow"))
        timeline.play()
        self.assertEqual(seen, [moment, moment + timedelta(hours=1), moment + timedelta(days=1)])
        dates = {html2plaintext(message.body): message.date for message in partner.message_ids}
        self.assertEqual(dates["then"], moment, "what Odoo dated itself is moved to the step's moment")
        self.assertEqual(dates["later"], moment + timedelta(days=1))
        self.assertGreater(dates["today"], moment + timedelta(days=1), "written before the play: kept")
        self.assertEqual(timeline.env, self.env, "after the play, the timeline is back to now")
