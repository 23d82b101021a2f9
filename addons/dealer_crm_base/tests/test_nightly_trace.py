from datetime import timedelta

import pytz

from odoo.tests import tagged
from odoo.tools import SQL

from .clock import STORE_TZ
from .common import DealerCrmCommon

# the tests of the suite run without mail's tracking (BaseCommon); these are about it
TRACKING = {"tracking_disable": False, "mail_notrack": False}


@tagged("post_install", "-at_install")
class TestNightlyTrace(DealerCrmCommon):
    """The nightly job writes warranty states and classifications in SQL, then does what `write` would have
    done: the caches hold the new values, and the car and its owner show the change in their chatter, with
    its date and its reason."""

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, **TRACKING))
        # the three guarantees of this car end tonight: today is their last day
        self.car = self.make_vehicle(dealer_delivery_date=self.months_ago(24, days=-1)).with_env(self.env)
        self.owner = self.customer.with_env(self.env)
        self.env.cr.flush()

    def nightly_job(self):
        """This add-on's steps of the nightly job (the add-ons above it add theirs, and commit); its tracking
        messages are logged as the transaction commits."""
        reasons = self.env["fleet.vehicle"]._dealer_refresh_warranty_all()
        self.env["res.partner"]._dealer_refresh_classification_all(reasons)
        self.env.cr.flush()

    def trace(self, record):
        # the messages the user reads; their values are read by mail as the system when it shows them
        return record.message_ids.filtered(lambda message: message.sudo().tracking_value_ids)

    def test_caches_hold_the_new_values_right_after_the_job(self):
        self.assertEqual(self.car.dealer_warranty_state, "three_guarantees")
        self.assertEqual(self.owner.dealer_vehicle_age_class, "three_guarantees")
        with self.pinned_to(self.today + timedelta(days=1)):
            self.nightly_job()
            # no invalidation: what the job wrote in SQL is what the records read in the same transaction
            self.assertEqual(self.car.dealer_warranty_state, "warranty")
            self.assertEqual(self.owner.dealer_vehicle_age_class, "warranty")

    def test_a_change_is_tracked_with_its_date_and_reason(self):
        last_day, tomorrow = self.today, self.today + timedelta(days=1)
        with self.pinned_to(tomorrow):
            self.nightly_job()
            # as the store's manager opens the car and the customer
            car = self.car.with_user(self.manager_a)
            owner = self.owner.with_user(self.manager_a)
            [car_message] = self.trace(car)
            [owner_message] = self.trace(owner)
            for message in car_message, owner_message:
                self.assertEqual(pytz.utc.localize(message.date).astimezone(STORE_TZ).date(), tomorrow)
            self.assertIn(f"three guarantees ended on {last_day}", car_message.body)
            self.assertIn(self.car.display_name, owner_message.body)
            self.assertIn(f"three guarantees ended on {last_day}", owner_message.body)
            # the values of the message (mail shows them in the chatter, reading them as the system)
            car_values = car_message.sudo().tracking_value_ids
            self.assertEqual(car_values.field_id.name, "dealer_warranty_state")
            self.assertEqual(
                (car_values.old_value_char, car_values.new_value_char), ("Three Guarantees", "Manufacturer Warranty")
            )
            owner_values = owner_message.sudo().tracking_value_ids
            self.assertEqual(owner_values.field_id.name, "dealer_vehicle_age_class")
            self.assertEqual(owner_values.new_value_char, "Manufacturer Warranty")

    def test_a_rerun_that_changes_nothing_leaves_no_trace(self):
        with self.pinned_to(self.today + timedelta(days=1)):
            self.nightly_job()
            car_messages, owner_messages = self.car.message_ids, self.owner.message_ids
            self.nightly_job()
            self.assertEqual(self.car.message_ids, car_messages)
            self.assertEqual(self.owner.message_ids, owner_messages)
        # and a night on which no period ends leaves none either
        self.nightly_job()
        self.assertFalse(self.trace(self.car) | self.trace(self.owner))

    # the statement's parts, each on its own

    def run_sql(self, query):
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.dictfetchall()

    def test_warranty_terms_part(self):
        [row] = self.run_sql(self.env["fleet.vehicle"]._dealer_warranty_terms_sql(SQL("v.id = %s", self.car.id)))
        self.assertEqual(row["tg_end"], self.today)
        self.assertEqual(row["w_end"], self.months_ago(-12))
        self.assertEqual((row["family_car"], row["old_state"], row["tg_km"]), (True, "three_guarantees", 50000))

    def test_warranty_state_part(self):
        Vehicle = self.env["fleet.vehicle"]
        query = SQL(
            "SELECT %s AS state FROM (%s) computed",
            Vehicle._dealer_warranty_state_sql(self.today + timedelta(days=1)),
            Vehicle._dealer_warranty_terms_sql(SQL("v.id = %s", self.car.id)),
        )
        self.assertEqual(self.run_sql(query), [{"state": "warranty"}])
        self.car.dealer_usage = "commercial"
        self.assertEqual(self.run_sql(query), [{"state": "warranty"}], "no 三包 for a taxi, whatever the day")

    def test_classification_parts(self):
        Partner = self.env["res.partner"]
        where = SQL("p.id = %s", self.owner.id)
        owned = self.run_sql(Partner._dealer_owned_sql(where))
        self.assertEqual(owned, [{"partner_id": self.owner.id, "warmest": 3, "latest_usage": "private"}])
        self.owner.dealer_birthday = "1987-05-04"
        cohort = self.run_sql(
            SQL("SELECT %s AS cohort FROM res_partner p WHERE %s", Partner._dealer_cohort_sql(), where)
        )
        self.assertEqual(cohort, [{"cohort": "1980"}])
        self.assertEqual(self.run_sql(Partner._dealer_classification_update_sql(where)), [], "nothing left to write")
