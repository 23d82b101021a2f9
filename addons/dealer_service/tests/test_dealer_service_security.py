from odoo.tests import new_test_user, tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestDealerServiceSecurity(BaseCommon):
    def test_workshop_roles_join_the_dealer_privilege(self):
        privilege = self.env.ref("dealer_crm_base.res_groups_privilege_dealer")
        for xmlid in ("group_dealer_service_advisor", "group_dealer_technician"):
            self.assertEqual(self.env.ref(f"dealer_service.{xmlid}").privilege_id, privilege, xmlid)

    def test_store_manager_also_runs_the_workshop(self):
        manager = new_test_user(self.env, login="svc_manager", groups="dealer_crm_base.group_dealer_manager")
        self.assertTrue(manager.has_group("dealer_service.group_dealer_service_advisor"))
        self.assertTrue(manager.has_group("dealer_service.group_dealer_technician"))

    def test_workshop_staff_see_the_dealer_app(self):
        root = self.env.ref("dealer_crm_base.dealer_menu_root")
        for group in (
            "dealer_service.group_dealer_service_advisor",
            "dealer_service.group_dealer_technician",
        ):
            user = new_test_user(self.env, login=group.rsplit(".", 1)[1], groups=group)
            self.assertIn(root.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids(), group)
