from odoo.tests import tagged

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestServiceReports(DealerServiceCommon):
    """What the store manager reads on Monday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["product.category"].search([("dealer_is_accessory", "=", True)]).dealer_is_accessory = False
        cls.accessories = cls.env["product.category"].create(
            {"name": "Accessories (test)", "dealer_is_accessory": True}
        )
        cls.floor_mats = cls._create_product(
            name="All-weather floor mats", is_storable=True, lst_price=399.0, categ_id=cls.accessories.id
        )
        cls.set_stock(cls.floor_mats, 5)

    def visit_with(self, lines, advisor=None):
        visit = self.make_visit(advisor_id=(advisor or self.advisor).id)
        visit.odometer = 20000 + len(visit.vehicle_id.dealer_odometer_ids) * 1000
        visit.action_check_in()
        for product, values in lines:
            self.add_line(visit, product, **values)
        return self.complete(visit)

    def test_revenue_by_store_month_advisor_pay_type(self):
        self.visit_with([(self.brake_job, {}), (self.brake_pads, {"pay_type": "warranty"})])
        self.visit_with([(self.oil_service, {}), (self.floor_mats, {})], advisor=self.manager)
        Line = self.env["dealer.service.visit.line"]
        domain = [("company_id", "=", self.store_a.id)]
        by_pay = dict(Line._read_group(domain, ["pay_type"], ["revenue:sum"]))
        self.assertAlmostEqual(by_pay["customer"], 1.5 * 200 + 0.8 * 200 + 399)
        self.assertAlmostEqual(by_pay["warranty"], 450)
        by_type = dict(Line._read_group(domain, ["line_type"], ["revenue:sum"]))
        self.assertAlmostEqual(by_type["labour"], 1.5 * 200 + 0.8 * 200)
        self.assertAlmostEqual(by_type["part"], 450 + 399)
        by_advisor = dict(Line._read_group(domain + [("is_accessory", "=", True)], ["advisor_id"], ["revenue:sum"]))
        self.assertEqual(by_advisor, {self.manager: 399.0}, "accessories sold per advisor")
        months = Line._read_group(domain, ["company_id", "date:month"], ["revenue:sum"])
        self.assertEqual(len(months), 1)
        self.assertAlmostEqual(months[0][2], 1.5 * 200 + 0.8 * 200 + 399 + 450)

    def test_hours_sold_against_hours_worked(self):
        visit = self.make_visit()
        visit.odometer = 21000
        visit.action_check_in()
        job = self.add_line(visit, self.brake_job, technician_ids=[self.technician.id, self.technician_2.id])
        Log = self.env["dealer.service.work.log"]
        Log.with_user(self.technician).create({"line_id": job.id, "hours": 1.5})
        Log.with_user(self.technician_2).create({"line_id": job.id, "hours": 0.5})
        groups = {
            technician: (sold, worked)
            for technician, sold, worked in Log._read_group(
                [("line_id", "=", job.id)], ["technician_id"], ["hours_sold:sum", "hours:sum"]
            )
        }
        self.assertEqual(groups[self.technician], (1.125, 1.5))
        self.assertEqual(groups[self.technician_2], (0.375, 0.5))

    def test_cars_received_per_advisor_and_time_to_complete(self):
        self.visit_with([(self.oil_service, {})])
        self.visit_with([(self.oil_service, {})])
        self.visit_with([(self.oil_service, {})], advisor=self.manager)
        Visit = self.env["dealer.service.visit"]
        received = {
            advisor: count
            for advisor, _day, count in Visit._read_group(
                [("company_id", "=", self.store_a.id), ("date_checkin", "!=", False)],
                ["advisor_id", "date_checkin:day"],
                ["__count"],
            )
        }
        self.assertEqual(received, {self.advisor: 2, self.manager: 1})
        self.assertTrue(all(visit.duration_hours >= 0 for visit in Visit.search([("state", "=", "done")])))
        self.assertTrue(Visit._fields["duration_hours"].store)
