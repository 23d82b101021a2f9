from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import DealerComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintUi(DealerComplaintCommon, AccountTestInvoicingHttpCommon):
    today = None  # the browser runs on the real clock: so do the tours

    def test_agent_logs_manager_assigns_owner_resolves(self):
        self.store_a.dealer_complaint_manager_id = False
        self.start_tour("/odoo/complaints", "dealer_complaint_log_tour", login="agent_a")
        complaint = self.env["dealer.complaint"].search([("subject", "=", "Rude answer at the service desk")])
        self.assertEqual((complaint.channel, complaint.partner_id, complaint.state), ("phone", self.customer, "new"))
        self.assertFalse(complaint.user_id)

        self.start_tour("/odoo/complaints", "dealer_complaint_assign_tour", login="relations_manager_a")
        self.assertEqual((complaint.user_id, complaint.state), (self.advisor, "assigned"))

        self.start_tour("/odoo/complaints", "dealer_complaint_resolve_tour", login="advisor_a")
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.date_first_response)
        self.assertEqual(complaint.root_cause, "Desk understaffed at lunch time")
