from odoo.addons.dealer_service.tests.common import DealerServiceCommon


class DealerInspectionCommon(DealerServiceCommon):
    """The shipped 30-point check proposing a brake job and pads for worn front pads, a checked-in car with its
    technician, the customer graded A (8% off)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template = cls.env.ref("dealer_inspection.dealer_inspection_template_periodic")
        cls.pads_item = cls.env.ref("dealer_inspection.dealer_inspection_item_pads_front")
        cls.pads_item.product_ids = cls.brake_job | cls.brake_pads
        cls.tread_item = cls.env.ref("dealer_inspection.dealer_inspection_item_tread_fl")
        cls.wiper_item = cls.env.ref("dealer_inspection.dealer_inspection_item_wipers_front")
        cls.wiper_blade = cls._create_product(name="Wiper blade set", is_storable=True, lst_price=150.0)
        cls.set_stock(cls.wiper_blade, 5)
        cls.wiper_item.product_ids = cls.wiper_blade
        cls.env["dealer.grade.policy"].create({"grade": "A", "company_id": cls.store_a.id, "discount": 8.0})
        cls.customer.sudo().dealer_value_grade = "A"
        cls.customer.email = "wang.wei@example.com"

    def checked_in_visit(self):
        visit = self.make_visit(odometer=21000)
        visit.action_check_in()
        self.add_line(visit, self.oil_service, technician_ids=[self.technician.id])
        return visit

    def inspected(self, visit=None, pads=3.0, wipers="attention", tread=6.0, photo=None):
        """An inspection started by the advisor, filled by the technician and finished: front pads measured at
        `pads` mm, front wipers judged `wipers`, every other item OK."""
        visit = visit or self.checked_in_visit()
        visit.with_user(self.advisor).action_start_inspection()
        inspection = visit.inspection_ids.with_user(self.technician)
        self.fill(inspection, pads=pads, wipers=wipers, tread=tread)
        if photo:
            self.line_of(inspection, self.pads_item).image_1920 = photo
        inspection.action_finish()
        return inspection.with_user(self.advisor)

    def fill(self, inspection, pads=3.0, wipers="attention", tread=6.0):
        for line in inspection.line_ids:
            if line.item_id == self.pads_item:
                line.value = pads
            elif line.item_id == self.tread_item:
                line.value = tread
            elif line.item_id == self.wiper_item:
                line.status = wipers
            elif line.kind == "measure":
                line.value = line.item_id.max_value * 0.9
            else:
                line.status = "ok"

    def line_of(self, inspection, item):
        return inspection.line_ids.filtered(lambda line: line.item_id == item)

    def sent(self, **values):
        inspection = self.inspected(**values)
        inspection.visit_id.with_user(self.advisor).action_send_inspection()
        return inspection
