from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon
from odoo.addons.dealer_crm_base.tools.vehicle_identifiers import VIN_CHECK_POSITION, vin_check_digit

from .clock import STORE_TZ, PinnedClockMixin


def make_vin(serial, wmi="LFV", descriptor="2A2BS", year="K", plant="3"):
    """A valid VIN (FAW-Volkswagen prefix by default) for the given serial number."""
    draft = f"{wmi}{descriptor}0{year}{plant}{serial:06d}"
    return draft[:VIN_CHECK_POSITION] + vin_check_digit(draft) + draft[VIN_CHECK_POSITION + 1 :]


class RollbackAssertMixin:
    @contextmanager
    def assertRaisesRegex(self, exception, expected_regex, msg=None):
        """Like Odoo's assertRaises, roll back what the refused operation wrote, then check the message."""
        with self.assertRaises(exception, msg=msg) as caught:
            yield caught
        self.assertRegex(str(caught.exception), expected_regex, msg)


class SchedulerMixin:
    def run_scheduled(self, model, method):
        """Run a scheduled action's method as the scheduler does: as OdooBot, in a cursor that commits."""
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            getattr(api.Environment(cr, SUPERUSER_ID, {})[model], method)()
        self.env.invalidate_all()


class DealerCrmCommon(PinnedClockMixin, SchedulerMixin, RollbackAssertMixin, BaseCommon):
    """A dealer group: head office and two stores, staff in each role, a catalogue, customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.head_office = Company.create({"name": "Dragon Auto Group"})
        cls.store_a = Company.create({"name": "Dragon Auto Sagitar Store", "parent_id": cls.head_office.id})
        cls.store_b = Company.create({"name": "Dragon Auto Riverside Store", "parent_id": cls.head_office.id})
        cls.env.user.company_ids |= cls.head_office | cls.store_a | cls.store_b

        cls.sales_a = cls._dealer_user("sales_a", "dealer_crm_base.group_dealer_sales", cls.store_a)
        cls.sales_a2 = cls._dealer_user("sales_a2", "dealer_crm_base.group_dealer_sales", cls.store_a)
        cls.relations_a = cls._dealer_user(
            "relations_a", "dealer_crm_base.group_dealer_customer_relations", cls.store_a
        )
        cls.manager_a = cls._dealer_user("manager_a", "dealer_crm_base.group_dealer_manager", cls.store_a)
        cls.sales_b = cls._dealer_user("sales_b", "dealer_crm_base.group_dealer_sales", cls.store_b)
        cls.head_office_manager = cls._dealer_user(
            "head_office", "dealer_crm_base.group_dealer_manager", cls.head_office, cls.store_a | cls.store_b
        )

        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "FAW-Volkswagen"})
        cls.series_sagitar = cls.env["dealer.vehicle.series"].create({"name": "Sagitar", "brand_id": cls.brand.id})
        cls.series_tayron = cls.env["dealer.vehicle.series"].create({"name": "Tayron", "brand_id": cls.brand.id})
        cls.model_sagitar = cls.env["fleet.vehicle.model"].create(
            {"name": "Sagitar 300TSI", "brand_id": cls.brand.id, "dealer_series_id": cls.series_sagitar.id}
        )
        cls.model_tayron = cls.env["fleet.vehicle.model"].create(
            {
                "name": "Tayron 380TSI",
                "brand_id": cls.brand.id,
                "dealer_series_id": cls.series_tayron.id,
                "dealer_warranty_months": 48,
                "dealer_warranty_km": 100000,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "王伟", "phone": "+86 139 1000 0001", "company_id": cls.store_a.id}
        )
        cls.serial = 0

    @classmethod
    def _dealer_user(cls, login, groups, company, other_companies=None):
        companies = company | (other_companies or company)
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(companies.ids)],
            lang="en_US",
            tz=STORE_TZ.zone,
        )

    @classmethod
    def next_vin(cls):
        cls.serial += 1
        return make_vin(cls.serial)

    @classmethod
    def make_vehicle(cls, **values):
        vals = {
            "model_id": cls.model_sagitar.id,
            "owner_id": cls.customer.id,
            "vin_sn": cls.next_vin(),
            "company_id": cls.store_a.id,
            **values,
        }
        return cls.env["fleet.vehicle"].create(vals)

    def months_ago(self, months, days=0):
        return self.today - relativedelta(months=months, days=days)
