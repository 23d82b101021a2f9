from datetime import datetime

from lxml import etree

from odoo.tests import tagged

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestVisitFlow(DealerServiceCommon):
    """A car from appointment to invoice, as the service advisor works it."""

    def test_appointment_to_invoices(self):
        visit = self.make_visit(customer_concern="Brakes squeal when cold")
        self.assertEqual(visit.partner_id, self.customer, "the owner of the car")
        self.assertTrue(visit.name.startswith("CC/"), "numbered per store")
        self.assertEqual(visit.warehouse_id, self.warehouse_a)

        visit.odometer = 21500
        visit.action_check_in()
        self.assertEqual(visit.state, "checked_in")
        self.assertEqual(self.vehicle.odometer, 21500, "the mileage goes into the odometer history")

        oil = self.add_line(visit, self.oil_service, technician_ids=[self.technician.id])
        filter_line = self.add_line(visit, self.oil_filter)
        brakes = self.add_line(visit, self.brake_job, pay_type="warranty", technician_ids=[self.technician_2.id])
        pads = self.add_line(visit, self.brake_pads, pay_type="warranty", quantity=1)
        wash = self.add_line(visit, self.oil_service, pay_type="goodwill", name="Free car wash")
        self.assertEqual(oil.line_type, "labour")
        self.assertEqual(oil.quantity, 0.8, "standard hours of the operation")
        self.assertEqual(oil.price_unit, 200.0, "the store's labour rate")
        self.assertEqual(brakes.price_unit, 120.0, "warranty labour rate")
        self.assertEqual(filter_line.price_unit, 85.0)
        self.assertEqual(pads.price_unit, 450.0, "the carmaker's warranty price of the part")
        self.assertEqual(filter_line.availability, "available", "reserved when added")
        self.assertEqual(self.oil_filter.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 9)

        visit.action_start()
        self.env["dealer.service.work.log"].with_user(self.technician).create({"line_id": oil.id, "hours": 1.0})
        self.env["dealer.service.work.log"].with_user(self.technician_2).create({"line_id": brakes.id, "hours": 2.0})
        visit.action_request_inspection()
        visit.with_user(self.manager).action_pass_inspection()
        visit.action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(self.stock_of(self.oil_filter), 9, "consumed when the visit is done")
        self.assertEqual(self.stock_of(self.brake_pads), 1)
        self.assertEqual(filter_line.availability, "consumed")
        self.assertEqual(filter_line.move_ids.location_dest_id.usage, "production")
        self.assertEqual(filter_line.move_ids.reference, visit.name)

        self.assertAlmostEqual(visit.amount_customer, 0.8 * 200 + 85)
        self.assertAlmostEqual(visit.amount_warranty, 1.5 * 120 + 450)
        self.assertAlmostEqual(visit.amount_free, wash.price_subtotal)
        self.assertAlmostEqual(visit.amount_labour, 0.8 * 200 + 1.5 * 120 + wash.price_subtotal)
        self.assertAlmostEqual(visit.amount_parts, 85 + 450)

        visit.action_create_invoices()
        self.assertEqual(visit.state, "invoiced")
        customer_invoice = visit.invoice_ids.filtered(lambda move: move.partner_id == self.customer)
        carmaker_invoice = visit.invoice_ids.filtered(lambda move: move.partner_id == self.carmaker)
        self.assertEqual(len(visit.invoice_ids), 2, "nobody is charged for the goodwill wash")
        self.assertEqual(customer_invoice.invoice_line_ids.product_id, self.oil_service | self.oil_filter)
        self.assertAlmostEqual(customer_invoice.amount_untaxed, 245.0)
        self.assertEqual(customer_invoice.invoice_payment_term_id, self.payment_term, "the customer's terms")
        self.assertEqual(customer_invoice.invoice_line_ids.tax_ids, self.tax_sale_a, "taxes come from the products")
        self.assertGreater(customer_invoice.amount_tax, 0)
        self.assertAlmostEqual(carmaker_invoice.amount_untaxed, 630.0)
        self.assertEqual(customer_invoice.dealer_visit_id, visit, "linked both ways")
        self.assertEqual(customer_invoice.action_open_dealer_visit()["res_id"], visit.id)

        (customer_invoice | carmaker_invoice).with_user(self.accountant).action_post()
        self.assertAlmostEqual(visit.amount_invoiced, 875.0)

    def test_credit_note_flows_back_and_allows_invoicing_again(self):
        visit = self.make_visit()
        visit.odometer = 21000
        visit.action_check_in()
        self.add_line(visit, self.brake_job)
        self.complete(visit)
        visit.action_create_invoices()
        invoice = visit.invoice_ids.with_user(self.accountant)
        invoice.action_post()
        self.assertAlmostEqual(visit.amount_invoiced, 300.0)
        reversal = (
            self.env["account.move.reversal"]
            .with_user(self.accountant)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id, "reason": "Wrong labour time"})
        )
        reversal.refund_moves()
        credit_note = (visit.invoice_ids - invoice).with_user(self.accountant)
        self.assertEqual(credit_note.move_type, "out_refund", "the credit note is linked to the visit")
        credit_note.action_post()
        self.assertAlmostEqual(visit.amount_invoiced, 0.0, "the credit note corrects the visit's total")
        self.assertEqual(visit.line_ids.qty_to_invoice, 1.5)
        visit.action_create_invoices()
        self.assertEqual(len(visit.invoice_ids), 3, "a credited line can be invoiced again")

    def test_internal_work_only_closes_without_invoice(self):
        visit = self.make_visit(visit_type="repair")
        visit.odometer = 21000
        visit.action_check_in()
        self.add_line(visit, self.brake_job, pay_type="internal")
        self.complete(visit)
        visit.action_create_invoices()
        self.assertEqual(visit.state, "invoiced")
        self.assertFalse(visit.invoice_ids)
        self.assertAlmostEqual(visit.amount_cost, 1.5 * self.store_a.dealer_labour_cost_rate, msg="reported as cost")

    def test_unused_part_goes_back_to_the_shelf(self):
        visit = self.make_visit()
        visit.odometer = 21000
        visit.action_check_in()
        self.add_line(visit, self.oil_service)
        pads = self.add_line(visit, self.brake_pads, quantity=2)
        self.assertEqual(pads.availability, "available")
        pads.quantity = 1
        self.assertEqual(self.brake_pads.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 1)
        extra = self.add_line(visit, self.oil_filter)
        extra.unlink()
        self.assertEqual(self.oil_filter.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 10)
        self.complete(visit)
        self.assertEqual(self.stock_of(self.brake_pads), 1)
        self.assertEqual(self.stock_of(self.oil_filter), 10)

    def test_cancelled_visit_releases_its_parts(self):
        visit = self.make_visit()
        self.add_line(visit, self.brake_pads, quantity=2)
        self.assertEqual(self.brake_pads.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 0)
        visit.action_cancel()
        self.assertEqual(self.brake_pads.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 2)
        self.assertEqual(self.stock_of(self.brake_pads), 2)

    def test_workshop_load_of_the_day(self):
        self.store_a.dealer_daily_capacity = 12
        first = self.make_visit(date_planned="2030-06-03 09:00:00")
        self.make_visit(date_planned="2030-06-03 14:00:00")
        self.make_visit(date_planned="2030-06-04 09:00:00")
        self.assertEqual(first.day_booked, "2 / 12")
        load = self.env["dealer.service.capacity.report"].search(
            [("company_id", "=", self.store_a.id), ("day", "=", "2030-06-03")]
        )
        self.assertEqual((load.booked, load.capacity, load.free), (2, 12, 10))

    def test_appointment_calendar_shows_the_week(self):
        """The calendar reads the week as the web client does: the visits that start before its end and end
        after its start."""
        monday = self.make_visit(date_planned="2030-06-03 09:00:00", planned_hours=2)
        self.make_visit(date_planned="2030-06-12 09:00:00")
        Visit = self.env["dealer.service.visit"].with_user(self.advisor)
        calendar = self.env.ref("dealer_service.dealer_service_visit_view_calendar")
        arch = etree.fromstring(Visit.get_views([(calendar.id, "calendar")])["views"]["calendar"]["arch"])
        specification = {node.get("name"): {} for node in arch.iter("field")}
        specification.update(date_planned={}, date_planned_end={})
        week = Visit.web_search_read(
            [("date_planned", "<=", "2030-06-09 15:59:59"), ("date_planned_end", ">=", "2030-06-02 16:00:00")],
            specification,
        )
        self.assertEqual([record["id"] for record in week["records"]], monday.ids)
        self.assertEqual(week["records"][0]["date_planned_end"], datetime(2030, 6, 3, 11, 0))

    def test_printed_repair_order_and_job_card(self):
        visit = self.make_visit(customer_concern="Noise at the front")
        visit.odometer = 21000
        visit.action_check_in()
        self.add_line(visit, self.brake_job, technician_ids=[self.technician.id])
        self.add_line(visit, self.brake_pads)
        report = self.env["ir.actions.report"]
        html = report._render_qweb_html("dealer_service.report_repair_order", visit.ids)[0].decode()
        self.assertIn(visit.name, html)
        self.assertIn("吉A12345", html)
        self.assertIn("Front brake pads", html)
        job_card = report._render_qweb_html("dealer_service.report_job_card", visit.ids)[0].decode()
        self.assertIn(self.technician.name, job_card)
        self.assertNotIn("680", job_card, "the workshop's card carries no prices")

    def test_summary_is_sent_from_the_chatter(self):
        visit = self.make_visit()
        action = visit.action_send_summary()
        composer = self.env["mail.compose.message"].with_user(self.advisor).with_context(**action["context"]).create({})
        self.assertIn("吉A12345", composer.subject)
        composer._action_send_mail()
        sent = visit.message_ids.filtered(lambda message: message.message_type == "comment")[:1]
        self.assertIn(self.customer, sent.partner_ids)
        self.assertIn("Repair Order", " ".join(sent.attachment_ids.mapped("name")), "the repair order is attached")
