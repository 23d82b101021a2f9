from datetime import timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .common import DealerInspectionCommon


@tagged("post_install", "-at_install")
class TestInspectionFlow(DealerInspectionCommon):
    def test_the_shipped_periodic_check_has_thirty_points(self):
        self.assertEqual(len(self.template.item_ids), 30)
        treads = self.template.item_ids.filtered(lambda item: item.area == "tyres" and item.kind == "measure")
        self.assertEqual(len(treads), 4, "tread depth per wheel")
        self.assertEqual({(item.uom, item.attention_below, item.urgent_below) for item in treads}, {("mm", 3.0, 1.6)})

    def test_the_template_of_the_visit_type_and_series_wins(self):
        visit = self.checked_in_visit()
        Template = self.env["dealer.inspection.template"]
        self.assertEqual(Template._dealer_for_visit(visit), self.template)
        sagitar = Template.create(
            {
                "name": "Sagitar maintenance check",
                "visit_type": "maintenance",
                "series_ids": [self.series.id],
                "item_ids": [Command.create({"name": "DSG oil", "area": "fluids"})],
            }
        )
        Template.create(
            {"name": "Repair check", "visit_type": "repair", "item_ids": [Command.create({"name": "Road test"})]}
        )
        self.assertEqual(Template._dealer_for_visit(visit), sagitar)
        visit.with_user(self.advisor).action_start_inspection()
        self.assertEqual(visit.inspection_ids.line_ids.mapped("name"), ["DSG oil"])
        self.assertEqual(visit.inspection_ids.technician_id, self.technician)

    def test_a_measure_decides_its_colour(self):
        visit = self.checked_in_visit()
        visit.action_start_inspection()
        tread = self.line_of(visit.inspection_ids, self.tread_item).with_user(self.technician)
        for value, status in ((8.0, "ok"), (3.0, "ok"), (2.9, "attention"), (1.6, "attention"), (1.5, "urgent")):
            tread.value = value
            self.assertEqual(tread.status, status, f"{value} mm")
        tread.value = 0.0
        self.assertEqual(tread.status, "urgent", "a bald tyre is urgent")

    def test_a_negative_or_absurd_measure_is_refused(self):
        visit = self.checked_in_visit()
        visit.action_start_inspection()
        tread = self.line_of(visit.inspection_ids, self.tread_item).with_user(self.technician)
        tread.value = 4.0
        for value in (-1.0, 25.0):
            with self.assertRaisesRegex(ValidationError, r"Tyre tread, front left measured .*between 0 and 20"):
                tread.value = value
                tread.flush_recordset()
            tread.invalidate_recordset()
            self.assertEqual((tread.value, tread.status), (4.0, "ok"))

    def test_an_inspection_is_finished_only_when_every_item_is_judged(self):
        visit = self.checked_in_visit()
        visit.action_start_inspection()
        inspection = visit.inspection_ids.with_user(self.technician)
        self.fill(inspection)
        self.line_of(inspection, self.wiper_item).status = False
        with self.assertRaisesRegex(UserError, "still to check: Wiper blades, front"):
            inspection.action_finish()
        self.assertEqual(inspection.state, "draft")
        self.assertFalse(inspection.estimate_ids)

    def test_findings_propose_work_priced_as_the_visit_prices_it(self):
        inspection = self.inspected(pads=3.0)
        pads = self.line_of(inspection, self.pads_item)
        self.assertEqual(pads.status, "attention")
        self.assertEqual(pads.estimate_ids.product_id, self.brake_job | self.brake_pads)
        visit = inspection.visit_id
        for estimate in pads.estimate_ids:
            same = self.add_line(visit, estimate.product_id)
            self.assertEqual(
                (estimate.line_type, estimate.quantity, estimate.price_unit, estimate.discount),
                (same.line_type, same.quantity, same.price_unit, same.discount),
            )
            same.unlink()
        job = pads.estimate_ids.filtered(lambda estimate: estimate.product_id == self.brake_job)
        self.assertEqual((job.quantity, job.price_unit, job.discount), (1.5, 200.0, 8.0), "labour rate, grade A")
        self.assertAlmostEqual(job.price_subtotal, 276.0)
        part = pads.estimate_ids - job
        self.assertEqual(part.availability, "available", "two sets of pads on the shelf")
        self.assertGreaterEqual(part.price_total, part.price_subtotal, "taxes of the part included")
        self.assertFalse(self.line_of(inspection, self.tread_item).estimate_ids, "nothing proposed for what is OK")

    def test_the_advisor_records_the_phone_answer(self):
        inspection = self.sent(pads=1.5, wipers="attention")
        pads = self.line_of(inspection, self.pads_item)
        wipers = self.line_of(inspection, self.wiper_item)
        self.assertEqual(pads.status, "urgent")
        pads.decision = "approved"
        wipers.decision = "declined"
        inspection.action_record_phone_answer()

        self.assertEqual(inspection.state, "answered")
        self.assertEqual((inspection.answer_channel, inspection.answered_by), ("phone", self.advisor.name))
        visit = inspection.visit_id
        added = visit.line_ids.filtered(lambda line: line.product_id in (self.brake_job | self.brake_pads))
        self.assertEqual(added, pads.estimate_ids.visit_line_id)
        self.assertEqual(added.mapped("discount"), [8.0, 8.0])
        self.assertEqual(added.filtered(lambda line: line.line_type == "part").availability, "available")
        self.assertIn("Answered by phone at 10:00", visit.message_ids[0].body)
        part = added.filtered(lambda line: line.line_type == "part")
        with self.assertRaisesRegex(UserError, "approved by the customer at this price and quantity"):
            part.price_unit = 900.0
        self.assertEqual(part.price_unit, 680.0)
        part.technician_ids = self.technician  # what the customer did not approve may change
        self.assertIn("Declined: Wiper blades, front", inspection.message_ids[0].body)

        deferred = self.vehicle.dealer_deferred_work_ids
        self.assertEqual(len(deferred), 1)
        self.assertEqual(
            (deferred.name, deferred.urgency, deferred.visit_id, deferred.date, deferred.state),
            ("Wiper blades, front", "attention", visit, self.today, "open"),
        )
        self.assertAlmostEqual(deferred.amount, wipers.amount_total)
        self.assertTrue(deferred.amount)

        call = deferred.activity_ids
        self.assertEqual(
            (call.activity_type_id, call.user_id, call.date_deadline),
            (
                self.env.ref("dealer_inspection.mail_activity_type_deferred_work_call"),
                self.advisor,
                self.today + timedelta(days=30),
            ),
        )

        later = self.make_visit(visit_type="repair", odometer=23000)
        self.assertEqual(later.deferred_work_ids, deferred, "offered again at the next visit")
        self.assertEqual(self.vehicle.dealer_open_deferred_count, 1)
        self.complete(visit)
        self.assertEqual(deferred.state, "open", "not done at the visit that found it")
        later.action_check_in()
        self.add_line(later, self.brake_job, technician_ids=[self.technician.id])
        self.add_line(later, self.wiper_blade)
        self.complete(later)
        self.assertEqual((deferred.state, deferred.done_visit_id), ("done", later))
        self.assertEqual(self.vehicle.dealer_open_deferred_count, 0)

    def test_an_urgent_decline_needs_the_customers_acknowledgement(self):
        inspection = self.sent(pads=1.5)
        self.line_of(inspection, self.pads_item).decision = "declined"
        self.line_of(inspection, self.wiper_item).decision = "approved"
        lines_before = inspection.visit_id.line_ids
        with self.assertRaisesRegex(UserError, "Brake pads, front is urgent: declining it needs the customer's"):
            inspection.action_record_phone_answer()
        self.assertEqual(inspection.state, "sent")
        self.assertEqual(inspection.visit_id.line_ids, lines_before)
        self.assertFalse(self.vehicle.dealer_deferred_work_ids)

        inspection.urgent_acknowledged = True
        inspection.action_record_phone_answer()
        deferred = self.vehicle.dealer_deferred_work_ids
        self.assertEqual(deferred.urgency, "urgent")
        self.assertEqual(deferred.activity_ids.date_deadline, self.today + timedelta(days=3), "urgent: called soon")

    def test_no_call_back_to_a_customer_who_refused_calls(self):
        self.customer.dealer_do_not_call = True
        inspection = self.sent()
        self.line_of(inspection, self.pads_item).decision = "approved"
        self.line_of(inspection, self.wiper_item).decision = "declined"
        inspection.action_record_phone_answer()
        self.assertTrue(self.vehicle.dealer_deferred_work_ids)
        self.assertFalse(self.vehicle.dealer_deferred_work_ids.activity_ids)

    def test_every_finding_needs_an_answer(self):
        inspection = self.sent()
        self.line_of(inspection, self.pads_item).decision = "approved"
        with self.assertRaisesRegex(UserError, "still to answer: Wiper blades, front"):
            inspection.action_record_phone_answer()
        self.assertEqual(inspection.state, "sent")
        self.assertFalse(inspection.visit_id.line_ids.filtered(lambda line: line.product_id == self.brake_pads))

    def test_no_answer_after_the_visit_is_done(self):
        inspection = self.sent()
        visit = inspection.visit_id
        self.complete(visit)
        for line in inspection.finding_ids:
            line.decision = "approved"
        with self.assertRaisesRegex(UserError, "is closed: the customer's answer can no longer be recorded"):
            inspection.action_record_phone_answer()
        self.assertEqual(inspection.state, "sent")
        self.assertFalse(visit.line_ids.filtered(lambda line: line.product_id == self.brake_pads))

    def test_an_unfinished_inspection_is_not_sent_and_sent_prices_are_frozen(self):
        visit = self.checked_in_visit()
        visit.action_start_inspection()
        with self.assertRaisesRegex(UserError, "finish the inspection first"):
            visit.action_send_inspection()
        inspection = visit.inspection_ids
        self.assertFalse(inspection.access_token)
        self.fill(inspection.with_user(self.technician))
        inspection.with_user(self.technician).action_finish()
        action = visit.action_send_inspection()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(inspection.state, "sent")
        self.assertIn(f"/my/inspection/{inspection.id}?access_token=", inspection.portal_link)
        with self.assertRaisesRegex(UserError, "was sent to the customer with its prices"):
            inspection.estimate_ids[0].quantity = 3
        with self.assertRaisesRegex(UserError, "is finished: reopen it"):
            self.line_of(inspection, self.pads_item).with_user(self.technician).value = 8.0

    def test_the_composer_sends_the_link_by_email(self):
        inspection = self.inspected()
        action = inspection.visit_id.action_send_inspection()
        composer = self.env[action["res_model"]].with_user(self.advisor).with_context(**action["context"]).create({})
        composer._action_send_mail()
        message = inspection.message_ids[0]
        self.assertIn(inspection.access_token, message.body)
        self.assertEqual(message.partner_ids, self.customer)
