import sys
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_crm_base.models.res_company import DEMO_HISTORIES


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
