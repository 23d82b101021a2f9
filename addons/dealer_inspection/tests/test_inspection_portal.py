import base64
import io
from datetime import timedelta

from PIL import Image

from odoo import fields
from odoo.http import Request
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import DealerInspectionCommon


def photo_of_worn_pads():
    """A camera-sized photo: the page must show its thumbnail, never the original."""
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1200), (120, 60, 40)).save(buffer, "JPEG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestInspectionPortal(DealerInspectionCommon, AccountTestInvoicingHttpCommon):
    """The customer's link, opened without a login."""

    today = None  # the web server's sessions run on the real clock

    def page(self, inspection, token=None):
        url = f"/my/inspection/{inspection.id}?access_token={token or inspection.access_token}"
        return self.url_open(url, allow_redirects=False)

    def answer(self, inspection, decisions, token=None, acknowledge=False):
        self.authenticate(None, None)
        data = {
            "csrf_token": Request.csrf_token(self),
            "access_token": token or inspection.access_token,
            **{f"decision_{line.id}": decision for line, decision in decisions.items()},
        }
        if acknowledge:
            data["acknowledge"] = "on"
        return self.url_open(f"/my/inspection/{inspection.id}/answer", data=data, allow_redirects=False)

    def assert_nothing_written(self, inspection):
        inspection.invalidate_recordset()
        self.assertEqual(inspection.state, "sent")
        self.assertEqual(set(inspection.line_ids.mapped("decision")), {"pending"})
        self.assertFalse(inspection.estimate_ids.visit_line_id)
        self.assertFalse(self.vehicle.dealer_deferred_work_ids)

    def test_the_customer_approves_one_item_and_declines_another(self):
        inspection = self.sent(pads=1.5, photo=photo_of_worn_pads())
        response = self.page(inspection)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Brake pads, front", response.text)
        self.assertIn("Wiper blades, front", response.text)
        self.assertNotIn("Horn", response.text, "only the findings are shown")
        photo = self.line_of(inspection, self.pads_item)
        thumbnail = self.url_open(
            f"/my/inspection/{inspection.id}/photo/{photo.id}?access_token={inspection.access_token}"
        )
        self.assertEqual(thumbnail.status_code, 200)
        self.assertEqual(Image.open(io.BytesIO(thumbnail.content)).size, (256, 192))

        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(inspection, self.wiper_item)
        response = self.answer(inspection, {pads: "approved", wipers: "declined"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("your answer was recorded", response.text)
        inspection.invalidate_recordset()
        self.assertEqual((inspection.state, inspection.answer_channel), ("answered", "link"))
        self.assertEqual(
            inspection.visit_id.line_ids.filtered(lambda line: line.product_id == self.brake_pads).discount, 8.0
        )
        self.assertEqual(self.vehicle.dealer_deferred_work_ids.name, "Wiper blades, front")
        self.assertIn("on the link at", inspection.visit_id.message_ids[0].body)
        self.assertEqual(inspection.visit_id.message_ids[0].author_id, self.customer)

    def test_a_wrong_token_opens_nothing_and_writes_nothing(self):
        inspection = self.sent()
        other = self.sent()
        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(inspection, self.wiper_item)
        for token in ("not-a-token", other.access_token):
            self.assertEqual(self.page(inspection, token).status_code, 403)
            response = self.answer(inspection, {pads: "approved", wipers: "approved"}, token=token)
            self.assertEqual(response.status_code, 403)
            self.assertNotIn("Brake pads", response.text)
        self.assert_nothing_written(inspection)

    def test_an_expired_link_is_refused(self):
        inspection = self.sent()
        inspection.sudo().date_link_expiry = fields.Datetime.now() - timedelta(minutes=1)
        self.assertIn("This link has expired", self.page(inspection).text)
        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(inspection, self.wiper_item)
        response = self.answer(inspection, {pads: "approved", wipers: "approved"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("This link has expired", response.text)
        self.assert_nothing_written(inspection)

    def test_no_answer_once_the_visit_is_done(self):
        inspection = self.sent()
        self.complete(inspection.visit_id)
        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(inspection, self.wiper_item)
        response = self.answer(inspection, {pads: "approved", wipers: "approved"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("Your car&#39;s visit is closed", response.text)
        self.assert_nothing_written(inspection)

    def test_an_urgent_decline_without_acknowledgement_is_refused(self):
        inspection = self.sent(pads=1.5)
        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(inspection, self.wiper_item)
        response = self.answer(inspection, {pads: "declined", wipers: "approved"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("declining it needs the customer", response.text)
        self.assert_nothing_written(inspection)
        response = self.answer(inspection, {pads: "declined", wipers: "approved"}, acknowledge=True)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.vehicle.dealer_deferred_work_ids.filtered(lambda work: work.urgency == "urgent"))

    def test_another_inspections_items_are_refused(self):
        inspection = self.sent()
        other = self.sent()
        pads, wipers = self.line_of(inspection, self.pads_item), self.line_of(other, self.wiper_item)
        response = self.answer(inspection, {pads: "approved", wipers: "approved"})
        self.assertEqual(response.status_code, 400)
        self.assert_nothing_written(inspection)
