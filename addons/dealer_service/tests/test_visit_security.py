from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.web_client import read_form, search_filters
from odoo.addons.dealer_service.models.res_partner import SETTINGS

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestVisitSecurity(DealerServiceCommon):
    """Advisors of their store, technicians on their jobs, accountants reading, managers overriding."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls.env["dealer.service.visit"].create(
            {
                "vehicle_id": cls.vehicle.id,
                "company_id": cls.store_a.id,
                "advisor_id": cls.advisor.id,
                "odometer": 21000,
            }
        )
        cls.visit.action_check_in()
        cls.job = cls.env["dealer.service.visit.line"].create(
            {"visit_id": cls.visit.id, "product_id": cls.brake_job.id, "technician_ids": [cls.technician.id]}
        )
        cls.other_visit = cls.env["dealer.service.visit"].create(
            {"vehicle_id": cls.vehicle.id, "company_id": cls.store_a.id, "advisor_id": cls.advisor.id}
        )

    def test_another_store_sees_nothing(self):
        Visit = self.env["dealer.service.visit"].with_user(self.advisor_b)
        self.assertFalse(Visit.search([("id", "in", (self.visit | self.other_visit).ids)]))
        with self.assertRaises(AccessError):
            Visit.browse(self.visit.id).read(["name"])
        with self.assertRaises(AccessError):
            Visit.browse(self.visit.id).write({"customer_concern": "x"})
        with self.assertRaises(AccessError):
            self.env["dealer.service.visit.line"].with_user(self.advisor_b).browse(self.job.id).read(["price_unit"])

    def test_technician_sees_his_jobs_logs_hours_and_cannot_change_prices(self):
        Visit = self.env["dealer.service.visit"].with_user(self.technician)
        self.assertEqual(Visit.search([("id", "in", (self.visit | self.other_visit).ids)]), self.visit)
        self.assertFalse(
            self.env["dealer.service.visit"].with_user(self.technician_2).search([("id", "=", self.visit.id)])
        )
        log = (
            self.env["dealer.service.work.log"]
            .with_user(self.technician)
            .create({"line_id": self.job.id, "hours": 1.25})
        )
        self.assertEqual(self.job.hours_worked, 1.25)
        self.assertEqual(log.hours_sold, 1.5, "he worked alone on a 1.5-hour job")
        with self.assertRaisesRegex(AccessError, "Only service advisors set prices"):
            self.job.with_user(self.technician).price_unit = 1.0
        with self.assertRaisesRegex(AccessError, "Only service advisors set prices"):
            self.job.with_user(self.technician).pay_type = "goodwill"
        self.assertEqual(self.job.price_unit, 200.0)
        with self.assertRaisesRegex(AccessError, "the rest of the visit is the service advisor's"):
            self.visit.with_user(self.technician).partner_id = self.carmaker
        self.visit.with_user(self.technician).write({"diagnosis": "Pads worn to 2 mm"})
        with self.assertRaises(AccessError):
            self.env["dealer.service.visit"].with_user(self.technician).create({"vehicle_id": self.vehicle.id})

    def test_only_the_stores_advisor_cancels_and_the_parts_stay_reserved_otherwise(self):
        """Cancelling puts the parts back on the shelf with raised rights: the technician on the job and
        another store's advisor cannot use it."""
        self.set_stock(self.brake_pads, 2)
        self.add_line(self.visit, self.brake_pads, quantity=2)
        moves = self.visit.line_ids.move_ids
        reserved, state = moves.mapped("state"), self.visit.state
        for user in (self.technician, self.advisor_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.visit.with_user(user).action_cancel()
            self.assertEqual(self.visit.state, state)
            self.assertEqual(moves.mapped("state"), reserved)
        self.visit.with_user(self.advisor).action_cancel()
        self.assertEqual((self.visit.state, set(moves.mapped("state"))), ("cancelled", {"cancel"}))

    def test_an_advisor_numbers_his_stores_repair_orders_but_cannot_change_the_numbering(self):
        Sequence = self.env["ir.sequence"].with_user(self.advisor)
        with self.assertRaises(AccessError):
            Sequence.create({"name": "Mine", "code": "dealer.service.visit", "company_id": self.store_a.id})
        self.env["ir.sequence"].search([("code", "=", "dealer.service.visit")]).unlink()  # the store's first visit
        visit = self.make_visit(user=self.advisor)
        numbering = self.env["ir.sequence"].search([("code", "=", "dealer.service.visit")])
        self.assertEqual(numbering.company_id, self.store_a)
        self.assertTrue(visit.name.startswith(numbering.prefix.split("%")[0]), visit.name)
        with self.assertRaises(AccessError):
            numbering.with_user(self.advisor).write({"prefix": "HACK/"})

    def test_advisors_read_the_grading_settings_but_cannot_change_them(self):
        Partner = self.env["res.partner"].with_user(self.advisor)
        self.assertEqual(Partner._dealer_setting("lost_months"), SETTINGS["lost_months"])
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.manager).set_param("dealer_service.lost_months", "1")
        self.assertEqual(Partner._dealer_setting("lost_months"), SETTINGS["lost_months"])

    def test_foreman_passes_the_final_inspection_of_a_visit_he_did_not_work_on(self):
        self.visit.action_start()
        self.visit.action_request_inspection()
        # the workshop foreman is a technician of the store who is not on the job
        foreman = self.technician_2
        Visit = self.env["dealer.service.visit"].with_user(foreman)
        self.assertEqual(Visit.search([("id", "in", (self.visit | self.other_visit).ids)]), self.visit)
        self.assertEqual(self.visit.with_user(foreman).line_ids.product_id, self.brake_job)
        self.visit.with_user(foreman).action_pass_inspection()
        self.assertEqual(self.visit.inspection_user_id, foreman)
        # the technician who did the job is sent to the foreman, who can now do it
        self.visit.inspection_user_id = False
        with self.assertRaisesRegex(UserError, "the workshop foreman or another technician"):
            self.visit.with_user(self.technician).action_pass_inspection()
        # another store's technician does not see the workshop's queue
        technician_b = self._staff("tech_b", "dealer_service.group_dealer_technician", self.store_b)
        self.assertFalse(self.env["dealer.service.visit"].with_user(technician_b).search([("id", "=", self.visit.id)]))
        with self.assertRaises(AccessError):
            self.visit.with_user(technician_b).action_pass_inspection()

    def test_technician_opens_the_car_he_works_on(self):
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": self.vehicle.id, "value": 21500})
        [car] = read_form(
            self.vehicle.with_user(self.technician), self.env.ref("dealer_crm_base.fleet_vehicle_view_form_dealer").id
        )
        self.assertEqual(car["odometer"], 21500, "its mileage, from the odometer readings")

    def test_technician_opens_his_job_once_invoiced(self):
        self.complete(self.visit)
        self.visit.action_create_invoices()
        [visit] = read_form(self.visit.with_user(self.technician))
        self.assertEqual(visit["line_ids"][0]["id"], self.job.id)
        self.assertNotIn("amount_invoiced", visit, "what the customer was invoiced is the advisor's")

    def test_every_vehicle_filter_runs_for_who_sees_the_vehicles(self):
        sales = self._staff("sales_a", "dealer_crm_base.group_dealer_sales", self.store_a)
        search_view = self.env.ref("dealer_crm_base.fleet_vehicle_view_search_dealer").id
        for user in (sales, self.technician, self.advisor):
            Vehicle = self.env["fleet.vehicle"].with_user(user)
            for name, domain in search_filters(Vehicle, search_view).items():
                with self.subTest(user=user.login, filter=name):
                    Vehicle.web_search_read(domain, {"display_name": {}})

    def test_technician_cannot_log_hours_for_someone_else(self):
        with self.assertRaises(AccessError):
            self.env["dealer.service.work.log"].with_user(self.technician).create(
                {"line_id": self.job.id, "hours": 1.0, "technician_id": self.technician_2.id}
            )

    def test_accountant_reads_the_visit_of_an_invoice(self):
        visit = self.visit.with_user(self.accountant)
        self.assertEqual(visit.name, self.visit.name)
        self.assertEqual(visit.line_ids.price_unit, 200.0)
        with self.assertRaises(AccessError):
            visit.customer_concern = "changed"

    def test_manager_can_do_what_advisors_and_technicians_do(self):
        visit = self.visit.with_user(self.manager)
        visit.line_ids.discount = 10.0
        self.assertAlmostEqual(visit.amount_customer, 1.5 * 200 * 0.9)
        self.env["dealer.service.work.log"].with_user(self.manager).create(
            {"line_id": self.job.id, "hours": 1.0, "technician_id": self.technician.id}
        )
