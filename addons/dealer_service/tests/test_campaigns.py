import base64

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestCampaigns(DealerServiceCommon):
    """The carmaker's recall: its work and VIN list; each car gets the work at its next check-in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = (
            cls.env["dealer.service.campaign"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Recall 46P1: front brake pads",
                    "code": "46P1",
                    "brand_id": cls.brand.id,
                    "line_ids": [
                        Command.create({"product_id": cls.brake_job.id}),
                        Command.create({"product_id": cls.brake_pads.id, "quantity": 1}),
                    ],
                }
            )
        )
        # a six-year-old car: out of warranty, the carmaker pays the recall all the same
        cls.vehicle.dealer_delivery_date = cls.today - relativedelta(years=6)

    def import_csv(self, content, encoding="utf-8", user=None):
        wizard = (
            self.env["dealer.service.campaign.import"]
            .with_user(user or self.manager)
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "file": base64.b64encode(content.encode(encoding)),
                    "filename": "46P1.csv",
                }
            )
        )
        wizard.action_import()
        return self.campaign.message_ids[:1].body

    def add_the_car(self):
        self.import_csv(self.vehicle.vin_sn)
        self.campaign.with_user(self.manager).action_open()

    def test_import_the_carmakers_vin_list(self):
        unknown = make_vin(999999)
        typed = " ".join([self.vehicle.vin_sn[:8].lower(), self.vehicle.vin_sn[8:]])
        report = self.import_csv(
            f"VIN,Model\n{typed},Sagitar\n{self.vehicle.vin_sn},Sagitar\n{unknown},Bora\n,\nLFV2A2BS,x\n"
        )
        self.assertEqual(self.campaign.vehicle_ids.vehicle_id, self.vehicle)
        self.assertIn(
            f"2 VINs read, 1 cars added, 0 already listed, 1 not sold or serviced by the group: {unknown}, "
            "1 malformed: LFV2A2BS",
            report,
        )
        report = self.import_csv(self.vehicle.vin_sn)
        self.assertIn("0 cars added, 1 already listed", report)
        self.assertEqual(self.campaign.vehicle_count, 1)

    def test_a_stores_campaign_reaches_only_the_stores_cars(self):
        car_b = self.env["fleet.vehicle"].create(
            {"model_id": self.vehicle_model.id, "vin_sn": make_vin(700001), "company_id": self.store_b.id}
        )
        self.campaign.company_id = self.store_a
        report = self.import_csv(f"{self.vehicle.vin_sn}\n{car_b.vin_sn}\n")
        self.assertEqual(self.campaign.vehicle_ids.vehicle_id, self.vehicle)
        self.assertIn(f"1 cars added, 0 already listed, 1 not sold or serviced by the group: {car_b.vin_sn}", report)
        # the carmaker's recall of every store reaches both
        self.campaign.company_id = False
        self.import_csv(car_b.vin_sn)
        self.assertEqual(self.campaign.vehicle_ids.vehicle_id, self.vehicle | car_b)

    def test_a_gbk_file_with_a_chinese_header(self):
        self.import_csv(f"车型,车架号\n速腾,{self.vehicle.vin_sn}\n", encoding="gb18030")
        self.assertEqual(self.campaign.vehicle_ids.vehicle_id, self.vehicle)

    def test_a_file_without_vins_is_refused(self):
        with self.assertRaisesRegex(UserError, "empty"):
            self.import_csv("\n \n")
        with self.assertRaisesRegex(UserError, "No valid VIN"):
            self.import_csv("PK\x03\x04 not a csv at all")
        self.assertFalse(self.campaign.vehicle_ids)

    def test_a_campaign_opens_with_its_work(self):
        empty = self.env["dealer.service.campaign"].with_user(self.manager).create({"name": "Software update"})
        with self.assertRaisesRegex(UserError, "jobs and parts"):
            empty.action_open()
        self.assertEqual(empty.state, "draft")

    def test_check_in_adds_the_work_paid_by_the_carmaker(self):
        self.add_the_car()
        self.assertEqual(self.vehicle.dealer_open_campaign_count, 1)
        visit = self.make_visit(odometer=90000)
        visit.action_check_in()
        work = visit.line_ids.filtered("campaign_id")
        self.assertEqual(work.product_id, self.brake_job | self.brake_pads)
        self.assertEqual(set(work.mapped("pay_type")), {"warranty"})
        self.assertEqual(work.filtered(lambda line: line.product_id == self.brake_job).price_unit, 120.0)
        self.complete(visit)
        row = self.campaign.vehicle_ids
        self.assertEqual((row.state, row.visit_id, row.date_done), ("done", visit, self.today))
        self.assertEqual(self.vehicle.dealer_open_campaign_count, 0)
        self.assertEqual(self.campaign.done_count, 1)
        visit.action_create_invoices()
        self.assertEqual(visit.invoice_ids.partner_id, self.carmaker)

    def test_a_draft_campaign_adds_nothing(self):
        self.import_csv(self.vehicle.vin_sn)
        visit = self.make_visit(odometer=90000)
        visit.action_check_in()
        self.assertFalse(visit.line_ids)

    def test_declined_work_stays_open_for_the_next_visit(self):
        self.add_the_car()
        visit = self.make_visit(odometer=90000)
        visit.action_check_in()
        visit.line_ids.unlink()
        self.add_line(visit, self.oil_service)
        self.complete(visit)
        row = self.campaign.vehicle_ids
        self.assertEqual((row.state, row.visit_id.id), ("open", False))
        cancelled = self.make_visit(odometer=91000)
        cancelled.action_check_in()
        cancelled.action_cancel()
        self.assertEqual((row.state, row.visit_id.id), ("open", False), "a cancelled visit releases the car")

    def test_done_elsewhere_or_not_applicable(self):
        self.add_the_car()
        row = self.campaign.vehicle_ids.with_user(self.advisor)
        row.action_done_elsewhere()
        self.assertEqual((row.state, row.date_done), ("done_elsewhere", self.today))
        visit = self.make_visit(odometer=90000)
        visit.action_check_in()
        self.assertFalse(visit.line_ids, "already done at another dealer")
        row.action_reopen()
        row.action_not_applicable()
        self.assertEqual(self.vehicle.dealer_open_campaign_count, 0)

    def test_advisors_record_outcomes_managers_run_campaigns(self):
        self.add_the_car()
        with self.assertRaisesRegex(AccessError, "not allowed to create"):
            self.env["dealer.service.campaign"].with_user(self.advisor).create({"name": "My own recall"})
        with self.assertRaises(AccessError):
            self.import_csv(self.vehicle.vin_sn, user=self.advisor)
        rows = self.env["dealer.service.campaign.vehicle"].with_user(self.advisor_b)
        self.assertFalse(rows.search([("campaign_id", "=", self.campaign.id)]), "store B does not see store A's cars")
        self.assertTrue(self.campaign.with_user(self.advisor_b).name, "a campaign of every store is read everywhere")
