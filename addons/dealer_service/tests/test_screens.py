from odoo.tests import TransactionCase, new_test_user, tagged

DEALER_ROLES = (
    "dealer_crm_base.group_dealer_sales",
    "dealer_crm_base.group_dealer_customer_relations",
    "dealer_crm_base.group_dealer_manager",
    "dealer_service.group_dealer_service_advisor",
    "dealer_service.group_dealer_technician",
)


@tagged("post_install", "-at_install")
class TestDealerHome(TransactionCase):
    def test_dealer_staff_land_on_the_dealer_app(self):
        """The web client opens the first app of the menu when a user logs in: for store staff, Dealer."""
        dealer = self.env.ref("dealer_crm_base.dealer_menu_root")
        for group in DEALER_ROLES:
            user = new_test_user(self.env, login=f"home_{group.rpartition('.')[2]}", groups=group)
            apps = self.env["ir.ui.menu"].with_user(user).load_web_menus(False)["root"]["children"]
            self.assertEqual(apps[0], dealer.id, group)
        clerk = new_test_user(self.env, login="home_clerk", groups="base.group_user")
        self.assertNotIn(dealer.id, self.env["ir.ui.menu"].with_user(clerk).load_web_menus(False)["root"]["children"])
