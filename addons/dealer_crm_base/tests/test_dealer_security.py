from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.service.model import get_public_method
from odoo.tests import new_test_user, tagged

from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestDealerSecurity(DealerCrmCommon):
    """Roles, stores and head office."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle_a = cls.make_vehicle(dealer_delivery_date=cls.today - relativedelta(months=5))
        cls.office_clerk = new_test_user(cls.env, login="office_clerk", groups="base.group_user")
        cls.root_menu = cls.env.ref("dealer_crm_base.dealer_menu_root")

    def test_roles_hang_on_one_dealer_privilege(self):
        privilege = self.env.ref("dealer_crm_base.res_groups_privilege_dealer")
        for xmlid in ("group_dealer_sales", "group_dealer_customer_relations", "group_dealer_manager"):
            self.assertEqual(self.env.ref(f"dealer_crm_base.{xmlid}").privilege_id, privilege, xmlid)

    def test_manager_holds_every_dealer_role(self):
        for xmlid in ("group_dealer_sales", "group_dealer_customer_relations"):
            self.assertTrue(self.manager_a.has_group(f"dealer_crm_base.{xmlid}"), xmlid)
        self.assertFalse(self.sales_a.has_group("dealer_crm_base.group_dealer_manager"))

    def test_dealer_menu_is_shown_to_dealer_staff_only(self):
        menus = self.env["ir.ui.menu"]
        self.assertIn(self.root_menu.id, menus.with_user(self.sales_a)._visible_menu_ids())
        self.assertIn(self.root_menu.id, menus.with_user(self.relations_a)._visible_menu_ids())
        self.assertNotIn(self.root_menu.id, menus.with_user(self.office_clerk)._visible_menu_ids())
        configuration = self.env.ref("dealer_crm_base.dealer_menu_configuration")
        self.assertNotIn(configuration.id, menus.with_user(self.sales_a)._visible_menu_ids())
        self.assertIn(configuration.id, menus.with_user(self.manager_a)._visible_menu_ids())

    def test_dealer_menu_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["dealer_crm_base"], ["zh_CN"], overwrite=True)
        self.assertEqual(self.root_menu.with_context(lang="zh_CN").name, "经销商")
        self.assertEqual(self.root_menu.with_context(lang="en_US").name, "Dealer")

    def test_another_store_cannot_see_the_customers_cars(self):
        self.assertEqual(self.vehicle_a.with_user(self.sales_a).license_plate, self.vehicle_a.license_plate)
        vehicles_b = self.env["fleet.vehicle"].with_user(self.sales_b)
        self.assertFalse(vehicles_b.search([("id", "=", self.vehicle_a.id)]))
        with self.assertRaises(AccessError):
            vehicles_b.browse(self.vehicle_a.id).read(["vin_sn"])
        with self.assertRaises(AccessError):
            vehicles_b.browse(self.vehicle_a.id).write({"odometer": 100})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.sales_b).browse(self.customer.id).read(["phone"])
        with self.assertRaises(AccessError):
            self.env["dealer.vehicle.ownership"].with_user(self.sales_b).browse(
                self.vehicle_a.dealer_ownership_ids.ids
            ).read(["partner_id"])

    def test_head_office_sees_every_store(self):
        vehicle_b = self.make_vehicle(company_id=self.store_b.id)
        head_office_env = self.env(
            user=self.head_office_manager,
            context={"allowed_company_ids": [self.head_office.id, self.store_a.id, self.store_b.id]},
        )
        seen = head_office_env["fleet.vehicle"].search([("id", "in", (self.vehicle_a | vehicle_b).ids)])
        self.assertEqual(seen, self.vehicle_a | vehicle_b)

    def test_only_managers_configure(self):
        level = self.env.ref("dealer_crm_base.dealer_prospect_level_a")
        for user in (self.sales_a, self.relations_a):
            with self.assertRaises(AccessError):
                level.with_user(user).write({"follow_up_days": 1})
            with self.assertRaises(AccessError):
                self.env["dealer.vehicle.series"].with_user(user).create({"name": "Bora", "brand_id": self.brand.id})
            with self.assertRaises(AccessError):
                self.model_sagitar.with_user(user).write({"dealer_warranty_months": 60})
        level.with_user(self.manager_a).write({"follow_up_days": 2})
        self.assertEqual(level.follow_up_days, 2)
        self.assertEqual(level.with_user(self.sales_a).follow_up_days, 2, "everyone reads it")

    def test_sales_consultant_sees_own_prospects_only(self):
        Lead = self.env["crm.lead"]
        own = Lead.with_user(self.sales_a).create({"name": "Own", "user_id": self.sales_a.id})
        colleague = Lead.with_user(self.sales_a2).create({"name": "Colleague", "user_id": self.sales_a2.id})
        visible = Lead.with_user(self.sales_a).search([("id", "in", (own | colleague).ids)])
        self.assertEqual(visible, own)
        self.assertEqual(Lead.with_user(self.manager_a).search([("id", "in", (own | colleague).ids)]), own | colleague)

    def test_no_role_runs_the_suites_jobs(self):
        """The nightly and hourly jobs work with raised rights: no user reaches them, over RPC or by the
        scheduler's "Run Manually", not even a store or head-office manager."""
        jobs = (
            self.env["ir.cron"]
            .search([("ir_actions_server_id.model_id.model", "!=", False)])
            .filtered(lambda cron: cron.get_external_id()[cron.id].startswith("dealer_"))
        )
        self.assertGreaterEqual(len(jobs), 2, "the suite's jobs are found")
        for job in jobs:
            method = job.code.removeprefix("model.").split("(")[0]
            with self.subTest(job=job.name), self.assertRaisesRegex(AccessError, "cannot be called remotely"):
                get_public_method(self.env[job.model_id.model], method)
            for user in (self.manager_a, self.head_office_manager):
                with self.subTest(job=job.name, user=user.login), self.assertRaises(AccessError):
                    job.with_user(user).method_direct_trigger()

    def test_staff_read_the_stores_clock_not_the_system_settings(self):
        """The stores' time zone and the greeting lead time are read with raised rights; the parameters
        themselves stay the administrator's."""
        Company = self.env["res.company"].with_user(self.sales_a)
        self.assertEqual(Company._dealer_tz().zone, "Asia/Shanghai")
        Calendar = self.env["dealer.care.calendar"].with_user(self.sales_a)
        self.assertEqual(Calendar._dealer_greeting_days_ahead(), 3)
        Parameter = self.env["ir.config_parameter"].with_user(self.manager_a)
        for read_or_write in (
            lambda: Parameter.get_param("dealer_crm_base.timezone"),
            lambda: Parameter.set_param("dealer_crm_base.timezone", "UTC"),
        ):
            with self.assertRaises(AccessError):
                read_or_write()
        self.assertEqual(Company._dealer_tz().zone, "Asia/Shanghai")

    def test_prospect_levels_read_the_same_whoever_fills_their_cache(self):
        """The levels' labels are cached for every user, filled with raised rights: an archived level still
        names the old leads for everyone, and only managers change the levels."""
        level_b = self.env.ref("dealer_crm_base.dealer_prospect_level_b")
        level_b.active = False
        self.env.registry.clear_cache("stable")

        def labels(user):
            field = self.env["crm.lead"].with_user(user).fields_get(["dealer_prospect_level"])
            return field["dealer_prospect_level"]["selection"]

        # filled by a user who may not read the levels at all
        with self.assertRaises(AccessError):
            self.env["dealer.prospect.level"].with_user(self.office_clerk).search([])
        filled_by_clerk = labels(self.office_clerk)
        self.assertIn(("B", level_b.name), filled_by_clerk)
        self.assertEqual(labels(self.manager_a), filled_by_clerk)
        with self.assertRaises(AccessError):
            level_b.with_user(self.sales_a).write({"name": "B - never"})
