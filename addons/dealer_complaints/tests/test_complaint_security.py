from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintSecurity(DealerComplaintCommon):
    def test_another_stores_agent_sees_nothing(self):
        complaint = self.make_complaint()
        Complaint = self.env["dealer.complaint"].with_user(self.agent_b)
        self.assertFalse(Complaint.search([("id", "=", complaint.id)]))
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent_b).read(["subject"])
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent_b).write({"subject": "Hacked"})
        self.assertEqual(complaint.subject, "The brakes still squeal")

    def test_sales_and_advisors_see_only_what_they_own_or_logged(self):
        owned = self.make_complaint()  # owned by the advisor
        logged = self.make_complaint(user=self.sales, category_id=self.cat_attitude.id)
        other = self.make_complaint(category_id=self.cat_attitude.id)
        advisor_sees = self.env["dealer.complaint"].with_user(self.advisor).search([])
        self.assertIn(owned, advisor_sees)
        self.assertNotIn(other, advisor_sees)
        sales_sees = self.env["dealer.complaint"].with_user(self.sales).search([])
        self.assertEqual(sales_sees, logged)
        with self.assertRaises(AccessError):
            owned.with_user(self.sales).read(["subject"])

    def test_the_staff_member_complained_about_cannot_read_the_confidential_notes(self):
        complaint = self.make_complaint(staff_user_id=self.sales.id, user_id=self.advisor.id)
        note = (
            self.env["dealer.complaint.note"]
            .with_user(self.agent)
            .create({"complaint_id": complaint.id, "body": "Third complaint about him this year."})
        )
        self.assertEqual(note.with_user(self.advisor).body, "Third complaint about him this year.")
        # the sales consultant also logged another complaint, which he may read
        self.assertFalse(self.env["dealer.complaint.note"].with_user(self.sales).search([]))
        with self.assertRaises(AccessError):
            note.with_user(self.sales).read(["body"])
        # nor can he, as the author of a complaint about himself, point it at someone else
        own = self.make_complaint(user=self.sales, staff_user_id=self.sales.id, category_id=self.cat_attitude.id)
        with self.assertRaisesRegex(AccessError, "Only customer relations can change whom"):
            own.with_user(self.sales).staff_user_id = self.advisor
        self.assertEqual(own.staff_user_id, self.sales)

    def test_confidential_notes_follow_their_complaints_visibility(self):
        owned_by_advisor = self.make_complaint()
        logged_by_sales = self.make_complaint(user=self.sales, category_id=self.cat_attitude.id)
        Note = self.env["dealer.complaint.note"].with_user(self.agent)
        hidden = Note.create({"complaint_id": owned_by_advisor.id, "body": "The advisor promised a refund."})
        visible = Note.create({"complaint_id": logged_by_sales.id, "body": "Called back, customer calm."})
        # the sales consultant sees only the notes of the complaint he logged, whichever way he asks
        SalesNote = self.env["dealer.complaint.note"].with_user(self.sales)
        self.assertEqual(SalesNote.search([]), visible)
        self.assertEqual([row["id"] for row in SalesNote.search_read([], ["body"])], visible.ids)
        for read in (
            lambda: hidden.with_user(self.sales).read(["body"]),
            lambda: hidden.with_user(self.sales).web_read({"body": {}}),
        ):
            with self.assertRaises(AccessError):
                read()
        # nor can he add one to a complaint he cannot see
        with self.assertRaises(AccessError):
            SalesNote.create({"complaint_id": owned_by_advisor.id, "body": "Nothing happened."})
        self.assertEqual(
            SalesNote.create({"complaint_id": logged_by_sales.id, "body": "Offered a car wash."}).complaint_id,
            logged_by_sales,
        )
        # another store's agent sees none, the store's own agent all
        self.assertFalse(self.env["dealer.complaint.note"].with_user(self.agent_b).search([]))
        with self.assertRaises(AccessError):
            visible.with_user(self.agent_b).read(["body"])
        self.assertEqual(len(self.env["dealer.complaint.note"].with_user(self.agent).search([])), 3)

    def test_roles_without_complaint_rights(self):
        complaint = self.make_complaint()
        with self.assertRaises(AccessError):
            complaint.with_user(self.technician).read(["subject"])
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent).unlink()
        with self.assertRaises(AccessError):
            self.env["dealer.complaint.assignment"].with_user(self.agent).create(
                {"category_id": self.cat_sales.id, "user_id": self.agent.id}
            )
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.env["dealer.complaint"].with_user(public).search([])

    def test_head_office_sees_every_store(self):
        self.head_office.company_ids |= self.store_b
        complaint_a = self.make_complaint()
        complaint_b = self.make_complaint(
            user=self.agent_b, company_id=self.store_b.id, partner_id=False, vehicle_id=False
        )
        seen = (
            self.env["dealer.complaint"]
            .with_user(self.head_office)
            .with_context(allowed_company_ids=(self.store_a | self.store_b).ids)
            .search([])
        )
        self.assertIn(complaint_a, seen)
        self.assertIn(complaint_b, seen)
