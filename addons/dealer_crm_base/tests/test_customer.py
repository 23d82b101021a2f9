from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import DealerCrmCommon


@tagged("post_install", "-at_install")
class TestCustomer(DealerCrmCommon):
    """The customer 360: classifications, completeness, duplicates."""

    def test_age_cohort_follows_the_birthday(self):
        Partner = self.env["res.partner"]
        born = {
            "1969-12-31": "1960",
            "1970-01-01": "1970",
            "1988-06-15": "1980",
            "1999-02-28": "1990",
            "2004-07-01": "2000",
            "1921-03-03": "1930",  # older generations are grouped with the earliest cohort
        }
        for birthday, cohort in born.items():
            partner = Partner.create({"name": f"Born {birthday}", "dealer_birthday": birthday})
            self.assertEqual(partner.dealer_age_cohort, cohort, birthday)
        partner.dealer_birthday = False
        self.assertFalse(partner.dealer_age_cohort)

    def test_birthday_in_the_future_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future: check the year"):
            self.customer.dealer_birthday = date(self.today.year + 1, 1, 1)
        self.assertFalse(self.customer.dealer_birthday)

    def test_vehicle_age_is_the_warmest_state_and_usage_the_latest_car(self):
        self.assertFalse(self.customer.dealer_vehicle_age_class)
        old = self.make_vehicle(dealer_delivery_date=self.months_ago(50), dealer_usage="commercial")
        self.assertEqual(self.customer.dealer_vehicle_age_class, "expired")
        self.assertEqual(self.customer.dealer_vehicle_usage, "commercial")
        new = self.make_vehicle(dealer_delivery_date=self.months_ago(2))
        self.assertEqual(self.customer.dealer_vehicle_age_class, "three_guarantees")
        self.assertEqual(self.customer.dealer_vehicle_usage, "private")
        new.action_archive()
        self.assertEqual(self.customer.dealer_vehicle_age_class, "expired", "archived cars do not count")
        old.owner_id = self.env["res.partner"].create({"name": "Buyer"})
        self.assertFalse(self.customer.dealer_vehicle_age_class, "the previous owner is reclassified too")

    def test_classifications_are_searchable_and_groupable(self):
        self.customer.write({"dealer_district_type": "township", "dealer_occupation": "farmer"})
        self.make_vehicle(dealer_delivery_date=self.months_ago(2))
        groups = self.env["res.partner"]._read_group(
            [("id", "=", self.customer.id)],
            ["dealer_vehicle_age_class", "dealer_district_type", "dealer_occupation", "dealer_vehicle_usage"],
            ["__count"],
        )
        self.assertEqual(groups, [("three_guarantees", "township", "farmer", "private", 1)])
        for fname in ("dealer_vehicle_age_class", "dealer_district_type", "dealer_age_cohort", "dealer_occupation"):
            self.assertTrue(self.env["res.partner"]._fields[fname].index, f"{fname} is indexed for managers")

    def test_completeness_names_what_is_missing(self):
        partner = self.env["res.partner"].create({"name": "张敏"})
        self.assertEqual(partner.dealer_completeness, 0)
        self.assertEqual(partner.dealer_missing_facts, "mobile phone, address, district, vehicle, birthday, occupation")
        partner.write(
            {
                "phone": "13912345678",
                "city": "长春",
                "dealer_district_type": "city",
                "dealer_birthday": "1985-05-05",
            }
        )
        self.assertEqual(partner.dealer_completeness, 67)
        self.assertEqual(partner.dealer_missing_facts, "vehicle, occupation")
        self.make_vehicle(owner_id=partner.id)
        partner.dealer_occupation = "employee"
        self.assertEqual(partner.dealer_completeness, 100)
        self.assertFalse(partner.dealer_missing_facts)

    def test_duplicates_by_mobile_phone(self):
        twin = self.env["res.partner"].create({"name": "王伟 (2)", "phone": "+8613910000001"})
        self.assertEqual(self.customer.dealer_duplicate_ids, twin, "same number, written differently")
        stranger = self.env["res.partner"].create({"name": "赵强", "phone": "13999999999"})
        self.assertFalse(stranger.dealer_duplicate_ids)

    def test_duplicates_by_vin_and_merge(self):
        vin = self.next_vin()
        vehicle = self.make_vehicle(vin_sn=vin)
        vehicle.action_archive()
        other = self.env["res.partner"].create({"name": "Wang Wei", "company_id": self.store_a.id})
        self.make_vehicle(vin_sn=vin, owner_id=other.id)
        self.assertIn(self.customer, other.dealer_duplicate_ids, "the same car under two records")
        action = other.action_dealer_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.manager_a)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.partner_ids, other | self.customer)
        wizard.dst_partner_id = self.customer
        wizard.action_merge()
        self.assertFalse(other.exists())
        self.assertEqual(len(self.customer.with_context(active_test=False).dealer_vehicle_ids), 2)

    def test_customer_list_holds_dealer_customers_only(self):
        """Odoo's own contacts (a parts wholesaler's lead, a supplier) stay out of the Dealer app's customers."""
        action = self.env.ref("dealer_crm_base.res_partner_action_dealer_customer")
        Partner = self.env["res.partner"].with_user(self.sales_a)
        wholesale = self.env["res.partner"].create({"name": "Deco Addict", "is_company": True})
        self.env["crm.lead"].create({"name": "Office chairs", "type": "opportunity", "partner_id": wholesale.id})
        owner = Partner.create({"name": "刘建华", "company_id": self.store_a.id})
        sold = self.make_vehicle(owner_id=owner.id)
        prospect = Partner.create({"name": "杨秀兰", "company_id": self.store_a.id})
        self.env["crm.lead"].create(
            {
                "name": "A Tayron",
                "type": "opportunity",
                "partner_id": prospect.id,
                "dealer_model_id": self.model_tayron.id,
                "company_id": self.store_a.id,
            }
        )
        registered = Partner.with_context(
            **safe_eval(action.context, {"allowed_company_ids": self.store_a.ids})
        ).create({"name": "张伟东"})
        listed = Partner.search(safe_eval(action.domain))
        self.assertFalse(wholesale & listed)
        self.assertEqual(owner | prospect | registered, (owner | prospect | registered) & listed)
        sold.owner_id = self.customer
        self.assertTrue(owner.dealer_is_customer, "a customer who sold their car is still the store's customer")
