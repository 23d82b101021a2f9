"""Every screen of the Dealer app opens for every role that has it in its menu.

These tests run after the whole suite is installed (post_install), so they see the menus of every dealer add-on
installed with this one. They work on the demo data: its stores, its staff of each role and its records are what
a store's first day opens; a database without the demo skips them.
"""

import logging
import time

from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_crm_base.tests.web_client import field_specification, web_evaluation_context

_logger = logging.getLogger(__name__)

# One demo user of each role, as a store's staff log in
ROLES = {
    "admin": "base.user_admin",
    "store manager": "dealer_crm_base.user_manager_cc_demo",
    "head-office manager": "dealer_crm_base.user_manager_hq_demo",
    "service advisor": "dealer_crm_base.user_advisor_cc_demo",
    "technician": "dealer_service.user_technician_cc_demo",
    "customer relations": "dealer_crm_base.user_care_cc_demo",
    "sales consultant": "dealer_crm_base.user_sales_cc_demo",
}
APP = "dealer_crm_base.dealer_menu_root"


class DealerRolesMixin:
    @classmethod
    def role_user(cls, role):
        user = cls.env.ref(ROLES[role], raise_if_not_found=False)
        if not user or not cls.env.ref("dealer_crm_base.user_sales_cc_demo", raise_if_not_found=False):
            raise cls.skipException(
                "the Dealer app's screens are opened on the demo data (its stores, staff and records): "
                "install the suite with demo data"
            )
        return user


@tagged("post_install", "-at_install")
class TestDealerMenuForms(DealerRolesMixin, TransactionCase):
    """As each role, every menu of the Dealer app it sees: the action's context and domain as the web client
    evaluates them, its views as the web client loads them, and the form of its first record read with the
    form's specification."""

    def dealer_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        app = self.env.ref(APP).id
        return [
            menu
            for menu in menus.values()
            if isinstance(menu, dict)
            and menu.get("app_id") == app
            and menu.get("action_model") == "ir.actions.act_window"
        ]

    @staticmethod
    def action_views(action):
        """The views the web client asks for: the action's own, else its default view, else the model's."""
        own = {view.view_mode: view.view_id.id for view in action.view_ids}
        if action.view_id:
            own.setdefault(action.view_id.type, action.view_id.id)
        views = [(own.get(mode, False), mode) for mode in action.view_mode.split(",")]
        return [*views, (action.search_view_id.id or False, "search")]

    def open_menu(self, user, menu):
        """Open the menu's action as the web client does; return the record whose form was read, if any."""
        action = self.env["ir.actions.act_window"].browse(menu["action_id"])
        env = self.env(user=user)
        evaluation = web_evaluation_context(env)
        context = {**env.context, **safe_eval(action.context or "{}", evaluation)}
        domain = safe_eval(action.domain or "[]", {**evaluation, "context": context})
        Model = env[action.res_model].with_context(**context)
        loaded = Model.get_views(
            self.action_views(action), {"action_id": action.id, "load_filters": True, "toolbar": True}
        )
        if "form" not in loaded["views"]:
            return None
        arch = etree.fromstring(loaded["views"]["form"]["arch"])
        specification = field_specification(arch, action.res_model, loaded["models"])
        if Model._transient:
            Model.onchange({}, [], specification)
            return Model
        record = Model.search(domain, limit=1)
        if record:
            record.web_read(specification)
        return record

    def test_every_menu_form_opens_for_each_role(self):
        for role in ROLES:
            user = self.role_user(role)
            opened = []
            for menu in self.dealer_menus(user):
                self.env.invalidate_all()  # each role computes what it reads, nothing read by another
                with self.subTest(role=role, menu=menu["xmlid"]), self.env.cr.savepoint():
                    if self.open_menu(user, menu):
                        opened.append(menu["xmlid"])
            with self.subTest(role=role):
                self.assertTrue(opened, f"the {role} opens no form of the Dealer app")
            _logger.info("Dealer app as %s: %s forms opened (%s)", role, len(opened), ", ".join(opened))


@tagged("post_install", "-at_install", "dealer_clickbot")
class TestDealerClickEverywhere(DealerRolesMixin, HttpCase):
    """Odoo's click-everywhere bot over the Dealer app as admin and as each dealer role, in CI: every menu, view
    type, filter and group-by."""

    def click_everywhere_as(self, role):
        user = self.role_user(role)
        # browser_js logs in with the login as password; the onboarding tours would cover the screens
        user.write({"password": user.login, "tour_enabled": False})
        started = time.monotonic()
        self.browser_js(
            "/odoo",
            f"odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('{APP}');",
            "odoo.isReady === true",
            login=user.login,
            timeout=900,
            success_signal="clickbot test succeeded",
        )
        _logger.info("Click-everywhere over the Dealer app as %s: %.0f s", role, time.monotonic() - started)

    def test_admin(self):
        self.click_everywhere_as("admin")

    def test_store_manager(self):
        self.click_everywhere_as("store manager")

    def test_head_office_manager(self):
        self.click_everywhere_as("head-office manager")

    def test_service_advisor(self):
        self.click_everywhere_as("service advisor")

    def test_technician(self):
        self.click_everywhere_as("technician")

    def test_customer_relations(self):
        self.click_everywhere_as("customer relations")

    def test_sales_consultant(self):
        self.click_everywhere_as("sales consultant")
