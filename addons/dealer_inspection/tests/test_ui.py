from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import DealerInspectionCommon


@tagged("post_install", "-at_install")
class TestInspectionTabletTour(DealerInspectionCommon, AccountTestInvoicingHttpCommon):
    today = None  # the browser runs on the real clock: so do the tours
    browser_size = "1024x768"
    touch_enabled = True

    def test_technician_fills_the_inspection_on_a_tablet(self):
        visit = self.checked_in_visit()
        visit.action_start_inspection()
        inspection = visit.inspection_ids.with_user(self.technician)
        self.fill(inspection)
        (self.line_of(inspection, self.tread_item) | self.line_of(inspection, self.wiper_item)).write(
            {"status": False, "value": 0.0}
        )
        self.start_tour(f"/odoo/vehicle-inspections/{inspection.id}", "dealer_inspection_tablet_tour", login="tech_a")
        self.assertEqual(inspection.state, "done")
        tread = self.line_of(inspection, self.tread_item)
        self.assertEqual((tread.value, tread.status), (2.5, "attention"))
        wipers = self.line_of(inspection, self.wiper_item)
        self.assertEqual(wipers.status, "urgent")
        self.assertEqual(wipers.estimate_ids.product_id, self.wiper_blade)


@tagged("post_install", "-at_install")
class TestInspectionPhoneTour(DealerInspectionCommon, AccountTestInvoicingHttpCommon):
    today = None
    browser_size = "390x844"
    touch_enabled = True

    def test_customer_approves_one_item_and_declines_another_on_a_phone(self):
        inspection = self.sent(pads=2.5)
        self.start_tour(inspection.get_portal_url(), "dealer_inspection_approval_tour")
        self.assertEqual(inspection.state, "answered")
        self.assertEqual(self.line_of(inspection, self.pads_item).decision, "approved")
        self.assertEqual(self.line_of(inspection, self.wiper_item).decision, "declined")
        self.assertEqual(self.vehicle.dealer_deferred_work_ids.name, "Wiper blades, front")
        self.assertEqual(inspection.answer_channel, "link")
