from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestServiceUi(DealerServiceCommon, AccountTestInvoicingHttpCommon):
    today = None  # the browser runs on the real clock: so do the tours

    def test_advisor_receives_repairs_and_invoices_a_car(self):
        visit = self.make_visit(customer_concern="First maintenance due")
        self.start_tour("/odoo/service-visits", "dealer_service_visit_tour", login="advisor_a")
        self.assertEqual(visit.state, "invoiced")
        self.assertEqual(self.vehicle.odometer, 23456)
        self.assertEqual(visit.line_ids.product_id, self.oil_service | self.oil_filter)
        self.assertEqual(visit.inspection_user_id, self.advisor)
        self.assertEqual(visit.invoice_ids.partner_id, self.customer)
        self.assertEqual(self.stock_of(self.oil_filter), 9)

    def test_agent_works_down_the_callback_list(self):
        agent = self._staff("agent_a", "dealer_crm_base.group_dealer_customer_relations", self.store_a)
        self.store_a.write({"dealer_care_user_id": agent.id, "dealer_service_manager_id": self.manager.id})
        li_na = self.env["res.partner"].create({"name": "李娜", "phone": "+86 139 4300 0002"})
        li_na_car = self.vehicle.create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": li_na.id,
                "vin_sn": make_vin(500009),
                "company_id": self.store_a.id,
            }
        )
        visits = self.env["dealer.service.visit"]
        for vehicle in (self.vehicle, li_na_car):
            visit = self.make_visit(vehicle_id=vehicle.id, visit_type="repair", odometer=30000)
            visit.action_check_in()
            self.add_line(visit, self.brake_job)
            visits |= self.complete(visit)
        calls = self.env["mail.activity"].search([("dealer_visit_id", "in", visits.ids)])
        calls.date_deadline = self.today  # three days have passed

        self.start_tour("/odoo/dealer-calls-today", "dealer_service_callback_tour", login="agent_a")

        retry = self.env["mail.activity"].search([("dealer_visit_id", "=", visits[0].id)])
        self.assertEqual((retry.dealer_attempt, retry.date_deadline), (2, self.today + timedelta(days=1)))
        complaint = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("dealer_visit_id", "=", visits[1].id), ("dealer_callback_outcome", "=", "complaint")])
        )
        self.assertEqual(complaint.feedback, "Complaint Raised: The brakes still squeal")
        alert = visits[1].activity_ids
        self.assertEqual(alert.user_id, self.manager)
        self.assertIn("The brakes still squeal", alert.note)
