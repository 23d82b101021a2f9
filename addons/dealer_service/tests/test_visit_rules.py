from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestVisitRules(DealerServiceCommon):
    """Bad input gets a clear error and writes nothing."""

    def received_visit(self, **values):
        visit = self.make_visit(**values)
        visit.odometer = 21000
        visit.action_check_in()
        return visit

    def test_no_check_in_without_mileage(self):
        visit = self.make_visit()
        with self.assertRaisesRegex(UserError, "Enter the mileage"):
            visit.action_check_in()
        self.assertEqual(visit.state, "appointment")

    def test_mileage_below_the_last_reading_is_refused(self):
        visit = self.make_visit()
        visit.odometer = 17000
        with self.assertRaisesRegex(ValidationError, "would go backwards from the 18,000"):
            visit.action_check_in()
        self.assertEqual(visit.state, "appointment")
        self.assertEqual(self.vehicle.odometer, 18000)

    def test_quantities_and_prices(self):
        visit = self.received_visit()
        for values, message in (
            ({"quantity": 0}, "enter a positive quantity"),
            ({"quantity": -2}, "enter a positive quantity"),
            ({"price_unit": -10}, "Unit price of .* is negative"),
            ({"discount": 120}, "between -100% \\(a surcharge\\) and 100%"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                self.add_line(visit, self.oil_filter, **values)
        self.assertFalse(visit.line_ids, "nothing is written")
        self.assertEqual(self.oil_filter.with_context(location=self.warehouse_a.lot_stock_id.id).free_qty, 10)

    def test_warranty_work_needs_a_car_in_warranty_or_an_override(self):
        self.vehicle.dealer_delivery_date = self.vehicle.dealer_delivery_date.replace(
            year=self.vehicle.dealer_delivery_date.year - 4
        )
        self.assertEqual(self.vehicle.dealer_warranty_state, "expired")
        visit = self.received_visit(visit_type="warranty")
        with self.assertRaisesRegex(ValidationError, "is out of warranty \\(warranty ended on"):
            self.add_line(visit, self.brake_job, pay_type="warranty")
        with self.assertRaises(AccessError):
            visit.with_user(self.advisor).warranty_override_reason = "Carmaker accepted it"
        visit.with_user(self.manager).with_context(tracking_disable=False, mail_notrack=False).write(
            {"warranty_override_reason": "Known defect, carmaker bulletin 46-22"}
        )
        line = self.add_line(visit, self.brake_job, pay_type="warranty")
        self.assertEqual(line.pay_type, "warranty")
        self.assertEqual(visit.warranty_override_user_id, self.manager)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written when the transaction commits
        tracked = visit.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "warranty_override_reason"
        )
        self.assertTrue(tracked, "the override is tracked in the chatter")

    def test_warranty_work_on_a_car_over_its_mileage(self):
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": self.vehicle.id, "value": 61000})
        visit = self.make_visit(odometer=61500)
        visit.action_check_in()
        with self.assertRaisesRegex(ValidationError, "61,500 km, beyond the 60,000 km of its warranty"):
            self.add_line(visit, self.brake_job, pay_type="warranty")

    def test_another_stores_car_is_not_named_to_the_advisor(self):
        # a Jilin advisor types the id of a Changchun car
        with self.assertRaisesRegex(ValidationError, "is not a car of Jilin Store") as caught:
            self.make_visit(user=self.advisor_b, company_id=self.store_b.id, advisor_id=self.advisor_b.id)
        message = str(caught.exception)
        for secret in (self.vehicle.license_plate, self.vehicle.vin_sn, self.vehicle_model.name, self.store_a.name):
            self.assertNotIn(secret, message)
        self.assertIn(str(self.vehicle.id), message, "the record the advisor chose")
        # the head office, who sees both stores, is told where the car is
        head_office = new_test_user(
            self.env,
            login="head_office",
            groups="dealer_crm_base.group_dealer_manager",
            company_id=self.store_a.id,
            company_ids=(self.store_a | self.store_b).ids,
        )
        with self.assertRaisesRegex(ValidationError, f"吉A12345 is a car of {self.store_a.name}"):
            self.make_visit(user=head_office, company_id=self.store_b.id, advisor_id=self.advisor_b.id)

    def test_parts_come_from_the_store_own_warehouse(self):
        with self.assertRaisesRegex(ValidationError, "cannot come from .*, the warehouse of Jilin Store"):
            self.make_visit(warehouse_id=self.warehouse_b.id)

    def test_done_needs_an_inspection_by_someone_else(self):
        visit = self.received_visit()
        line = self.add_line(visit, self.brake_job, technician_ids=[self.technician.id])
        visit.action_start()
        self.env["dealer.service.work.log"].with_user(self.technician_2).create({"line_id": line.id, "hours": 0.5})
        visit.action_request_inspection()
        with self.assertRaisesRegex(UserError, "before its final inspection"):
            visit.action_done()
        for worker in (self.technician, self.technician_2):
            with self.assertRaisesRegex(UserError, "You worked on"):
                visit.with_user(worker).action_pass_inspection()
        self.assertFalse(visit.inspection_user_id)
        visit.with_user(self.manager).action_pass_inspection()
        visit.action_done()
        self.assertEqual(visit.state, "done")

    def test_part_not_in_stock_stops_the_hand_over(self):
        visit = self.received_visit()
        self.add_line(visit, self.oil_service)
        pads = self.add_line(visit, self.brake_pads, quantity=3)
        self.assertEqual(pads.availability, "partial")
        visit.action_start()
        visit.action_request_inspection()
        visit.with_user(self.manager).action_pass_inspection()
        with self.assertRaisesRegex(UserError, "2.0 of 3.0 reserved"):
            visit.action_done()
        self.assertEqual(visit.state, "quality_check")
        self.assertEqual(self.stock_of(self.brake_pads), 2, "nothing consumed")

    def test_invoicing_twice_creates_nothing(self):
        visit = self.received_visit()
        self.add_line(visit, self.brake_job)
        self.complete(visit)
        visit.action_create_invoices()
        with self.assertRaisesRegex(UserError, "is already invoiced"):
            visit.action_create_invoices()
        self.assertEqual(len(visit.invoice_ids), 1)

    def test_invoicing_before_completion_is_refused(self):
        visit = self.received_visit()
        self.add_line(visit, self.brake_job)
        with self.assertRaisesRegex(UserError, "Complete .* before invoicing"):
            visit.action_create_invoices()

    def test_warranty_needs_to_know_who_pays(self):
        self.brand.dealer_manufacturer_id = False
        visit = self.received_visit()
        self.add_line(visit, self.brake_job, pay_type="warranty")
        self.complete(visit)
        with self.assertRaisesRegex(UserError, "set who pays the claims on the brand"):
            visit.action_create_invoices()
        self.assertFalse(visit.invoice_ids)

    def test_invoiced_visit_with_parts_is_kept_with_the_suites_message(self):
        visit = self.received_visit()
        self.add_line(visit, self.brake_job)
        self.add_line(visit, self.oil_filter)
        self.complete(visit)
        self.pay(visit)
        self.assertEqual(visit.state, "invoiced")
        with self.assertRaisesRegex(UserError, "a completed repair order is kept"):
            visit.unlink()
        self.assertEqual(visit.sudo().line_ids.move_ids.mapped("state"), ["done"])

    def test_completed_visit_is_kept(self):
        visit = self.received_visit()
        self.add_line(visit, self.brake_job)
        self.complete(visit)
        with self.assertRaisesRegex(UserError, "a completed repair order is kept"):
            visit.unlink()
        with self.assertRaisesRegex(UserError, "is closed: its jobs and parts can no longer change"):
            self.add_line(visit, self.oil_service)
        with self.assertRaisesRegex(UserError, "can no longer be cancelled"):
            visit.action_cancel()
        appointment = self.make_visit()
        appointment.unlink()
        self.assertFalse(appointment.exists(), "an appointment can be deleted")
