from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerComplaintCommon


@tagged("post_install", "-at_install")
class TestPrivilegedCounts(DealerComplaintCommon):
    """The complaint counts on customers and visits are read with raised rights: a user learns a number, in
    his own stores, and never the complaints behind it."""

    def test_customer_count_is_the_users_stores_only(self):
        shared = self.env["res.partner"].create({"name": "李娜", "phone": "+86 139 4300 0099"})
        for _ in range(2):
            self.make_complaint(partner_id=shared.id, vehicle_id=False)
        self.make_complaint(user=self.agent_b, partner_id=shared.id, vehicle_id=False, company_id=self.store_b.id)
        self.assertEqual(shared.with_user(self.agent).dealer_complaint_count, 2)
        self.assertEqual(shared.with_user(self.agent_b).dealer_complaint_count, 1)
        # asking for the other store's figures is refused, not answered
        both_stores = shared.with_user(self.agent_b).with_context(allowed_company_ids=(self.store_a | self.store_b).ids)
        with self.assertRaises(AccessError):
            both_stores.read(["dealer_complaint_count"])

    def test_visit_count_tells_the_advisor_the_number_not_the_complaint(self):
        visit = self.make_visit()
        complaint = self.make_complaint(visit_id=visit.id, category_id=self.cat_attitude.id)
        self.assertNotEqual(complaint.user_id, self.advisor)
        self.assertEqual(visit.with_user(self.advisor).dealer_complaint_count, 1)
        with self.assertRaises(AccessError):
            complaint.with_user(self.advisor).read(["subject"])
        with self.assertRaises(AccessError):
            visit.with_user(self.advisor_b).read(["dealer_complaint_count"])
