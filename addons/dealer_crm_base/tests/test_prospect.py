from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestProspect(DealerCrmCommon):
    """Prospects: level and cadence, test drives, won and delivered, or lost with a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.follow_up_type = cls.env.ref("dealer_crm_base.mail_activity_type_prospect_follow_up")
        cls.lost_reason = cls.env["crm.lost.reason"].create({"name": "Bought a competitor"})
        cls.showroom = cls.env["crm.team"].create(
            {"name": "Sagitar Showroom", "company_id": cls.store_a.id, "dealer_showroom": True}
        )
        cls.parts_wholesale = cls.env["crm.team"].create({"name": "Parts Wholesale", "company_id": cls.store_a.id})

    def make_lead(self, **values):
        vals = {
            "name": "Sagitar for the family",
            "type": "opportunity",
            "contact_name": "刘洋",
            "phone": "+86 138 0000 1111",
            "user_id": self.sales_a.id,
            "company_id": self.store_a.id,
            "dealer_model_id": self.model_sagitar.id,
            **values,
        }
        return self.env["crm.lead"].with_user(self.sales_a).create(vals)

    def follow_ups(self, lead):
        return lead.activity_ids.filtered(lambda activity: activity.activity_type_id == self.follow_up_type)

    def test_level_keeps_a_follow_up_scheduled(self):
        lead = self.make_lead(dealer_prospect_level="A")
        follow_up = self.follow_ups(lead)
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.date_deadline, self.today + timedelta(days=3), "A: every 3 days")
        self.assertEqual(follow_up.user_id, self.sales_a)
        follow_up.with_user(self.sales_a).action_feedback(feedback="Test drive on Saturday")
        following = self.follow_ups(lead)
        self.assertEqual(len(following), 1, "done, the next call is scheduled")
        self.assertEqual(following.date_deadline, self.today + timedelta(days=3))

    def test_level_change_reschedules_the_follow_up(self):
        lead = self.make_lead(dealer_prospect_level="C")
        self.assertEqual(self.follow_ups(lead).date_deadline, self.today + timedelta(days=30))
        lead.dealer_prospect_level = "B"
        self.assertEqual(len(self.follow_ups(lead)), 1)
        self.assertEqual(self.follow_ups(lead).date_deadline, self.today + timedelta(days=7))

    def test_no_level_no_follow_up(self):
        self.assertFalse(self.follow_ups(self.make_lead()))

    def test_cadence_is_configurable(self):
        self.env.ref("dealer_crm_base.dealer_prospect_level_b").follow_up_days = 5
        lead = self.make_lead(dealer_prospect_level="B")
        self.assertEqual(self.follow_ups(lead).date_deadline, self.today + timedelta(days=5))

    def test_won_without_customer_is_refused(self):
        lead = self.make_lead(contact_name=False, partner_name=False, partner_id=False)
        with self.assertRaisesRegex(UserError, "cannot be won without a customer"):
            lead.action_set_won()
        self.assertEqual(lead.won_status, "pending")

    def test_showroom_prospect_follows_the_dealer_rules_without_a_model(self):
        lead = self.make_lead(team_id=self.showroom.id, dealer_model_id=False, contact_name=False)
        self.assertTrue(lead.dealer_lead)
        with self.assertRaisesRegex(UserError, "cannot be won without a customer"):
            lead.action_set_won()
        with self.assertRaisesRegex(UserError, "Say why .* was lost"):
            lead.action_set_lost()
        self.assertEqual(lead.won_status, "pending")

    def test_other_sales_keep_odoos_rules(self):
        """A parts wholesale deal is won without a customer and lost without a reason, as in Odoo."""
        values = {"team_id": self.parts_wholesale.id, "dealer_model_id": False, "phone": False}
        won = self.make_lead(name="Brake pads for a garage", contact_name=False, **values)
        lost = self.make_lead(name="Tyres for a taxi company", **values)
        self.assertFalse(won.dealer_lead)
        won.action_set_won()
        lost.action_set_lost()
        self.assertEqual(won.won_status, "won")
        self.assertFalse(won.partner_id, "Odoo creates no customer when a deal is won")
        self.assertEqual(lost.won_status, "lost")
        lost.action_unarchive()
        lost.dealer_model_id = self.model_sagitar
        self.assertTrue(lost.dealer_lead, "an intended model makes it a car prospect")

    def test_won_links_the_known_customer_by_mobile_phone(self):
        lead = self.make_lead(phone="+8613910000001", dealer_prospect_level="A")
        lead.action_set_won()
        self.assertEqual(lead.partner_id, self.customer, "no duplicate of a customer the store knows")
        self.assertEqual(lead.won_status, "won")
        self.assertFalse(self.follow_ups(lead), "a won prospect is not called back any more")

    def test_won_creates_the_customer_and_delivery_registers_the_car(self):
        industry = self.env["res.partner.industry"].create({"name": "Education"})
        lead = self.make_lead(dealer_industry_id=industry.id)
        lead.action_set_won()
        customer = lead.partner_id
        self.assertEqual(customer.name, "刘洋")
        self.assertEqual(customer.industry_id, industry)
        action = lead.action_dealer_deliver_vehicle()
        form = Form(self.env[action["res_model"]].with_user(self.sales_a).with_context(**action["context"]))
        self.assertEqual(form.model_id, self.model_sagitar)
        form.vin_sn = self.next_vin()
        form.license_plate = "吉A88888"
        form.service_advisor_id = self.relations_a
        form.save().action_deliver()
        vehicle = lead.dealer_vehicle_id
        self.assertEqual(vehicle.owner_id, customer)
        self.assertEqual(vehicle.dealer_sales_user_id, self.sales_a)
        self.assertEqual(vehicle.dealer_delivery_date, self.today)
        self.assertEqual(vehicle.dealer_warranty_state, "three_guarantees")
        self.assertEqual(customer.dealer_service_advisor_id, self.relations_a)
        calls = customer.activity_ids.sorted("date_deadline")
        self.assertEqual(
            calls.mapped("activity_type_id"),
            self.env.ref("dealer_crm_base.mail_activity_type_delivery_sales_call")
            | self.env.ref("dealer_crm_base.mail_activity_type_delivery_service_call"),
            "the care calendar starts at delivery",
        )
        self.assertEqual(
            calls.mapped("date_deadline"), [self.today + timedelta(days=14), self.today + timedelta(days=28)]
        )
        self.assertEqual(calls.mapped("user_id"), self.sales_a | self.relations_a)
        with self.assertRaisesRegex(UserError, "already delivered"):
            form = Form(self.env[action["res_model"]].with_context(**action["context"]))
            form.vin_sn = self.next_vin()
            form.save().action_deliver()

    def test_delivery_needs_a_won_prospect(self):
        lead = self.make_lead()
        wizard = self.env["dealer.vehicle.delivery"].create({"lead_id": lead.id, "vin_sn": self.next_vin()})
        with self.assertRaisesRegex(UserError, "Mark .* as won before delivering"):
            wizard.action_deliver()

    def test_lost_needs_a_reason(self):
        lead = self.make_lead(dealer_prospect_level="B")
        with self.assertRaisesRegex(UserError, "Say why .* was lost"):
            lead.action_set_lost()
        self.assertTrue(lead.active)
        lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.assertEqual(lead.won_status, "lost")
        self.assertFalse(self.follow_ups(lead))

    def test_test_drive_is_a_calendar_event(self):
        lead = self.make_lead()
        action = lead.action_dealer_schedule_test_drive()
        event = (
            self.env["calendar.event"]
            .with_user(self.sales_a)
            .with_context(**action["context"])
            .create({"start": "2030-05-01 10:00:00", "stop": "2030-05-01 11:00:00"})
        )
        self.assertTrue(event.dealer_test_drive)
        self.assertEqual(event.opportunity_id, lead)
        self.assertEqual(event.dealer_vehicle_model_id, self.model_sagitar)
        self.assertIn("Test drive: FAW-Volkswagen/Sagitar 300TSI", event.name)
        self.assertEqual(lead.dealer_test_drive_count, 1)

    def test_conversion_by_level_and_channel(self):
        phone = self.env["utm.medium"].create({"name": "Phone (test)"})
        won = self.make_lead(dealer_prospect_level="A", medium_id=phone.id)
        self.make_lead(dealer_prospect_level="A", medium_id=phone.id).action_set_lost(
            lost_reason_id=self.lost_reason.id
        )
        self.make_lead(dealer_prospect_level="C", medium_id=phone.id)
        won.action_set_won()
        groups = (
            self.env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("medium_id", "=", phone.id)], ["dealer_prospect_level"], ["dealer_won_rate:avg", "__count"])
        )
        self.assertEqual(groups, [("A", 50.0, 2), ("C", 0.0, 1)])
