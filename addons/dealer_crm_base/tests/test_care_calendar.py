from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .clock import JUST_AFTER_MIDNIGHT, on_calendar_edges
from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestCareCalendar(DealerCrmCommon):
    """The daily job plans every call and greeting once, for customers who accept the channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Activity = cls.env["mail.activity"].with_context(active_test=False)
        cls.sales_call = cls.env.ref("dealer_crm_base.mail_activity_type_delivery_sales_call")
        cls.service_call = cls.env.ref("dealer_crm_base.mail_activity_type_delivery_service_call")
        cls.birthday = cls.env.ref("dealer_crm_base.mail_activity_type_birthday_greeting")
        cls.new_year = cls.env.ref("dealer_crm_base.mail_activity_type_new_year_greeting")
        cls.customer.write({"user_id": cls.sales_a.id, "dealer_service_advisor_id": cls.relations_a.id})
        cls.store_a.dealer_care_user_id = cls.relations_a

    def run_daily_job(self):
        self.run_scheduled("dealer.care.calendar", "_cron_dealer_care_calendar")

    def care_activities(self, partner=None, activity_type=None):
        domain = [("dealer_occasion_key", "!=", False)]
        if partner:
            domain += [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        if activity_type:
            domain += [("activity_type_id", "=", activity_type.id)]
        return self.Activity.search(domain)

    @on_calendar_edges
    def test_delivery_calls_by_the_right_people(self):
        self.make_vehicle(dealer_delivery_date=self.today - timedelta(days=3), dealer_sales_user_id=self.sales_a2.id)
        sales_call = self.care_activities(self.customer, self.sales_call)
        service_call = self.care_activities(self.customer, self.service_call)
        self.assertEqual(sales_call.user_id, self.sales_a2, "the consultant who sold the car")
        self.assertEqual(sales_call.date_deadline, self.today + timedelta(days=11))
        self.assertEqual(service_call.user_id, self.relations_a, "the customer's service advisor")
        self.assertEqual(service_call.date_deadline, self.today + timedelta(days=25))
        self.run_daily_job()
        calls = self.care_activities(self.customer).filtered(
            lambda call: call.activity_type_id in (self.sales_call | self.service_call)
        )
        self.assertEqual(calls, sales_call | service_call, "a re-run plans nothing twice")

    @on_calendar_edges(at=JUST_AFTER_MIDNIGHT)
    def test_a_car_delivered_today_is_called_2_and_4_weeks_later_in_the_stores_days(self):
        self.make_vehicle(dealer_delivery_date=self.today)
        self.assertEqual(self.care_activities(self.customer, self.sales_call).date_deadline, self.today + timedelta(14))
        self.assertEqual(
            self.care_activities(self.customer, self.service_call).date_deadline, self.today + timedelta(28)
        )

    @on_calendar_edges
    def test_missed_calls_are_caught_up_but_old_deliveries_left_alone(self):
        recent = self.make_vehicle()
        old = self.make_vehicle()
        # as if imported in bulk, past the planning done when a car is registered
        self.env.cr.execute(
            "UPDATE fleet_vehicle SET dealer_delivery_date = %s WHERE id = %s",
            [self.today - timedelta(days=20), recent.id],
        )
        self.env.cr.execute(
            "UPDATE fleet_vehicle SET dealer_delivery_date = %s WHERE id = %s",
            [self.today - timedelta(days=200), old.id],
        )
        self.run_daily_job()
        calls = self.care_activities(self.customer)
        self.assertEqual(calls.dealer_vehicle_id, recent)
        self.assertEqual(
            calls.filtered(lambda call: call.activity_type_id == self.sales_call).date_deadline,
            self.today,
            "six days late: due today",
        )

    def test_customer_who_refused_calls_gets_none(self):
        self.customer.dealer_do_not_call = True
        self.make_vehicle(dealer_delivery_date=self.today)
        self.run_daily_job()
        self.assertFalse(self.care_activities(self.customer))

    def test_birthday_greeting_once_a_year(self):
        self.make_vehicle()
        self.customer.write({"dealer_birthday": "1980-03-12", "dealer_preferred_channel": "sms"})
        with freeze_time("2026-03-08"):
            self.run_daily_job()
            self.assertFalse(self.care_activities(self.customer, self.birthday), "4 days ahead: not yet")
        with freeze_time("2026-03-09"):
            self.run_daily_job()
            greeting = self.care_activities(self.customer, self.birthday)
            self.assertEqual(greeting.date_deadline, date(2026, 3, 12))
            self.assertEqual(greeting.dealer_channel, "sms")
            self.assertEqual(greeting.user_id, self.relations_a, "the store's care coordinator")
            self.run_daily_job()
        with freeze_time("2026-03-12"):
            self.run_daily_job()
        self.assertEqual(len(self.care_activities(self.customer, self.birthday)), 1)
        with freeze_time("2027-03-10"):
            self.run_daily_job()
        self.assertEqual(len(self.care_activities(self.customer, self.birthday)), 2, "next year, again")

    def test_leap_day_birthday_is_greeted_on_the_28th(self):
        self.make_vehicle()
        self.customer.dealer_birthday = "1988-02-29"
        with freeze_time("2027-02-27"):
            self.run_daily_job()
        self.assertEqual(self.care_activities(self.customer, self.birthday).date_deadline, date(2027, 2, 28))

    def test_greetings_respect_the_refused_channel(self):
        self.make_vehicle()
        self.customer.write(
            {"dealer_birthday": "1980-03-12", "dealer_preferred_channel": "sms", "dealer_do_not_sms": True}
        )
        with freeze_time("2026-03-10"):
            self.run_daily_job()
        self.assertFalse(self.care_activities(self.customer, self.birthday))

    def test_only_customers_and_prospects_are_greeted(self):
        supplier = self.env["res.partner"].create({"name": "Parts Supplier Ltd", "dealer_birthday": "1990-01-01"})
        prospect = self.env["res.partner"].create({"name": "孙丽"})
        self.env["crm.lead"].create({"name": "Tayron", "partner_id": prospect.id, "type": "opportunity"})
        self.make_vehicle()
        with freeze_time("2026-12-30"):
            self.run_daily_job()
        greeted = self.care_activities(activity_type=self.new_year)
        self.assertIn(self.customer.id, greeted.mapped("res_id"))
        self.assertIn(prospect.id, greeted.mapped("res_id"))
        self.assertNotIn(supplier.id, greeted.mapped("res_id"))
        self.assertEqual(set(greeted.mapped("date_deadline")), {date(2027, 1, 1)})

    def test_cancelled_occasion_is_not_planned_again(self):
        self.make_vehicle(dealer_delivery_date=self.today)
        call = self.care_activities(self.customer, self.sales_call)
        call.with_user(self.sales_a).unlink()
        self.assertTrue(call.exists(), "kept, archived, as the memory of the occasion")
        self.assertTrue(call.dealer_cancelled)
        self.assertFalse(call.active)
        self.run_daily_job()
        self.assertEqual(len(self.care_activities(self.customer, self.sales_call)), 1)

    def test_another_stores_user_cannot_cancel_or_read_a_call(self):
        """Cancelling looks up the call's customer with raised rights; it gives another store nothing."""
        self.make_vehicle(dealer_delivery_date=self.today)
        call = self.care_activities(self.customer, self.sales_call)
        self.assertFalse(self.env["mail.activity"].with_user(self.sales_b).search([("id", "=", call.id)]))
        for act in (
            lambda: call.with_user(self.sales_b).unlink(),
            lambda: call.with_user(self.sales_b).read(["dealer_partner_phone"]),
        ):
            with self.assertRaises(AccessError):
                act()
        self.assertTrue(call.active)
        self.assertFalse(call.dealer_cancelled)

    def test_deleting_the_customer_deletes_their_calendar(self):
        partner = self.env["res.partner"].create({"name": "Temporary"})
        vehicle = self.make_vehicle(owner_id=partner.id, dealer_delivery_date=self.today)
        calls = self.care_activities(partner)
        self.assertEqual(len(calls), 2)
        vehicle.unlink()
        partner.unlink()
        self.assertFalse(calls.exists())

    def test_calls_for_today_hold_the_care_calendar_only(self):
        """A to-do of Odoo's own on a customer, even the agent's, is not a call of the care calendar."""
        action = self.env.ref("dealer_crm_base.mail_activity_action_dealer_calls")
        self.make_vehicle(dealer_delivery_date=self.today - timedelta(days=28))
        todo = self.customer.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=self.today, user_id=self.relations_a.id
        )
        Activity = self.env["mail.activity"].with_user(self.relations_a)
        todays = Activity.search(
            safe_eval(action.domain) + [("user_id", "=", self.relations_a.id), ("date_deadline", "<=", self.today)]
        )
        self.assertEqual(todays.activity_type_id, self.service_call)
        self.assertNotIn(todo, todays)

    def test_calls_for_today_list_opens_for_an_agent(self):
        action = self.env.ref("dealer_crm_base.mail_activity_action_dealer_calls")
        views = self.env["mail.activity"].with_user(self.relations_a).get_views([(action.view_id.id, "list")])
        self.assertIn("dealer_partner_phone", views["views"]["list"]["arch"])
        self.make_vehicle(dealer_delivery_date=self.today - timedelta(days=28))
        todays = (
            self.env["mail.activity"]
            .with_user(self.relations_a)
            .search([("user_id", "=", self.relations_a.id), ("date_deadline", "<=", self.today)])
        )
        self.assertEqual(todays.activity_type_id, self.service_call)
        self.assertEqual(todays.dealer_partner_phone, self.customer.phone)
