from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestVehicleRegister(DealerCrmCommon):
    """Registering a customer's car: VIN, plate, mileage, owners."""

    def assertRefused(self, values, message_part, exception=ValidationError):
        vehicles_before = self.env["fleet.vehicle"].search_count([])
        with self.assertRaisesRegex(exception, message_part), mute_logger("odoo.sql_db"):
            self.make_vehicle(**values)
        self.assertEqual(self.env["fleet.vehicle"].search_count([]), vehicles_before, "nothing is written")

    def test_valid_vin_and_plate_are_normalised(self):
        vin = self.next_vin()
        vehicle = self.make_vehicle(vin_sn=f" {vin[:8].lower()} {vin[8:]} ", license_plate="京a·12 345")
        self.assertEqual(vehicle.vin_sn, vin)
        self.assertEqual(vehicle.license_plate, "京A12345")
        self.assertEqual(vehicle.owner_id, self.customer)

    def test_vin_of_wrong_length_is_refused(self):
        self.assertRefused({"vin_sn": self.next_vin()[:16]}, "16 characters instead of 17")

    def test_vin_with_letters_i_o_q_is_refused(self):
        vin = self.next_vin()
        self.assertRefused({"vin_sn": vin[:11] + "O" + vin[12:]}, r"contains O, letters a VIN never uses")

    def test_vin_with_wrong_check_digit_is_refused(self):
        vin = self.next_vin()
        wrong = "1" if vin[8] != "1" else "2"
        self.assertRefused({"vin_sn": vin[:8] + wrong + vin[9:]}, f"position 9 should be {vin[8]}")

    def test_published_reference_vin_passes_the_check_digit(self):
        # The example VIN of the ISO 3779 / NHTSA documentation, check character X.
        vehicle = self.make_vehicle(vin_sn="1M8GDM9AXKP042788")
        self.assertEqual(vehicle.vin_sn, "1M8GDM9AXKP042788")

    def test_duplicate_vin_is_refused_among_active_vehicles_only(self):
        vin = self.next_vin()
        first = self.make_vehicle(vin_sn=vin)
        self.assertRefused({"vin_sn": vin}, f"VIN {vin} is already registered")
        first.action_archive()
        second = self.make_vehicle(vin_sn=vin.lower())
        self.assertEqual(second.vin_sn, vin, "an archived car may come back, e.g. after a used-car sale")

    def test_known_vin_warns_in_the_form(self):
        vin = self.next_vin()
        self.make_vehicle(vin_sn=vin).action_archive()
        form = Form(self.env["fleet.vehicle"].with_user(self.sales_a))
        form.model_id = self.model_sagitar
        with self.assertLogs("odoo.tests.form.onchange", level="WARNING") as logs:
            form.vin_sn = vin
        self.assertIn("Known vehicle", logs.output[0])

    def test_chinese_plates(self):
        for plate in ("粤B12345", "沪AD12345", "京A12345D", "川A1234学", "鲁BFA1234"):
            self.assertTrue(self.make_vehicle(license_plate=plate), plate)
        for plate in ("京A1234", "京I12345", "AB12345", "京A123456", "粤BX12345"):
            self.assertRefused({"license_plate": plate}, "is not a Chinese plate")

    def test_delivery_date_in_the_future_is_refused(self):
        self.assertRefused({"dealer_delivery_date": self.months_ago(-1)}, "in the future")

    def test_odometer_never_goes_down(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(6))
        Odometer = self.env["fleet.vehicle.odometer"]
        Odometer.create({"vehicle_id": vehicle.id, "value": 8000, "date": self.months_ago(2)})
        Odometer.create({"vehicle_id": vehicle.id, "value": 12000, "date": self.months_ago(1)})
        self.assertEqual(vehicle.odometer, 12000)
        with self.assertRaisesRegex(ValidationError, "would go backwards from the 12,000"):
            Odometer.create({"vehicle_id": vehicle.id, "value": 11000, "date": self.today})
        with self.assertRaisesRegex(ValidationError, "would go backwards"):
            # a back-dated reading must fit between its neighbours
            Odometer.create({"vehicle_id": vehicle.id, "value": 13000, "date": self.months_ago(1, days=10)})
        with self.assertRaisesRegex(UserError, "cannot be lower"):
            vehicle.odometer = 9000
        self.assertEqual(Odometer.search_count([("vehicle_id", "=", vehicle.id)]), 2, "nothing is written")
        Odometer.create({"vehicle_id": vehicle.id, "value": 10000, "date": self.months_ago(1, days=10)})
        vehicle.odometer = 15000
        self.assertEqual(vehicle.odometer, 15000, "the vehicle's odometer is its latest reading")

    def test_used_car_sale_keeps_the_previous_owners(self):
        vehicle = self.make_vehicle(dealer_delivery_date=self.months_ago(30))
        buyer = self.env["res.partner"].create({"name": "李娜", "company_id": self.store_a.id})
        vehicle.owner_id = buyer
        owners = vehicle.dealer_ownership_ids.sorted("id")
        self.assertEqual(owners.partner_id, self.customer | buyer)
        self.assertEqual(owners[0].date_start, self.months_ago(30))
        self.assertEqual(owners[0].date_end, self.today)
        self.assertEqual(owners[1].date_start, self.today)
        self.assertFalse(owners[1].date_end)
        self.assertEqual(self.customer.dealer_vehicle_ids, self.env["fleet.vehicle"])
        self.assertEqual(buyer.dealer_vehicle_ids, vehicle)
