from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDealerUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales = new_test_user(
            cls.env, login="tour_sales", groups="dealer_crm_base.group_dealer_sales", lang="en_US"
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "FAW-VW Tour"})
        series = cls.env["dealer.vehicle.series"].create({"name": "Sagitar Tour", "brand_id": brand.id})
        cls.env["fleet.vehicle.model"].create(
            {"name": "Sagitar Tour 300TSI", "brand_id": brand.id, "dealer_series_id": series.id}
        )

    def test_sales_consultant_opens_the_dealer_app(self):
        self.start_tour("/odoo", "dealer_crm_base_smoke", login="tour_sales")

    def test_register_a_customer_and_their_car(self):
        self.start_tour("/odoo", "dealer_crm_base_register_customer", login="tour_sales")
        customer = self.env["res.partner"].search([("name", "=", "陈静"), ("create_uid.login", "=", "tour_sales")])
        self.assertEqual(customer.dealer_district_type, "county")
        vehicle = customer.dealer_vehicle_ids
        self.assertEqual(vehicle.vin_sn, "LFV3A23C9P3424242")
        self.assertEqual(vehicle.license_plate, "吉A66666")
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees")
