from odoo.tests import tagged

from odoo.addons.base.tests.common import BaseCommon


@tagged("post_install", "-at_install")
class TestDealerComplaintsInstall(BaseCommon):
    def test_installs_on_top_of_the_service_addon(self):
        modules = self.env["ir.module.module"].search([("name", "in", ["dealer_complaints", "dealer_service"])])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
