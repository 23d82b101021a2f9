import io
from contextlib import contextmanager
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from openpyxl import load_workbook

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.dealer_crm_base.tests.clock import STORE_TZ, PinnedClockMixin
from odoo.addons.dealer_crm_base.tests.common import RollbackAssertMixin, SchedulerMixin, make_vin


class DealerServiceCommon(PinnedClockMixin, SchedulerMixin, RollbackAssertMixin, AccountTestInvoicingCommon):
    """Two stores with their chart of accounts and parts warehouse, workshop staff, a catalogue, a customer's car."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a = cls.company_data["company"]
        cls.store_a.write(
            {"dealer_store_code": "CC", "dealer_labour_rate": 200.0, "dealer_warranty_labour_rate": 120.0}
        )
        cls.store_b = cls.setup_other_company(name="Jilin Store")["company"]
        cls.env.user.company_ids |= cls.store_b
        cls.warehouse_a = cls.env["stock.warehouse"].search([("company_id", "=", cls.store_a.id)], limit=1)
        cls.warehouse_b = cls.env["stock.warehouse"].search([("company_id", "=", cls.store_b.id)], limit=1)

        cls.advisor = cls._staff("advisor_a", "dealer_service.group_dealer_service_advisor", cls.store_a)
        cls.technician = cls._staff("tech_a", "dealer_service.group_dealer_technician", cls.store_a)
        cls.technician_2 = cls._staff("tech_a2", "dealer_service.group_dealer_technician", cls.store_a)
        cls.manager = cls._staff("manager_a", "dealer_crm_base.group_dealer_manager", cls.store_a)
        cls.advisor_b = cls._staff("advisor_b", "dealer_service.group_dealer_service_advisor", cls.store_b)
        cls.accountant = cls._staff("accountant_a", "account.group_account_invoice", cls.store_a)

        cls.carmaker = cls.env["res.partner"].create(
            {"name": "FAW-Volkswagen Automotive Co., Ltd.", "is_company": True}
        )
        cls.brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "FAW-VW (test)", "dealer_manufacturer_id": cls.carmaker.id}
        )
        cls.series = cls.env["dealer.vehicle.series"].create({"name": "Sagitar (test)", "brand_id": cls.brand.id})
        cls.vehicle_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Sagitar 300TSI", "brand_id": cls.brand.id, "dealer_series_id": cls.series.id}
        )
        cls.payment_term = cls.env.ref("account.account_payment_term_30days")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "王伟",
                "phone": "+86 139 4300 0001",
                "company_id": cls.store_a.id,
                "property_payment_term_id": cls.payment_term.id,
            }
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "owner_id": cls.customer.id,
                "vin_sn": make_vin(500001),
                "license_plate": "吉A12345",
                "company_id": cls.store_a.id,
                "dealer_delivery_date": cls.today - relativedelta(months=14),
                "odometer": 18000,
            }
        )

        hour = cls.env.ref("uom.product_uom_hour")
        cls.oil_service = cls._create_product(
            name="Oil and filter change",
            type="service",
            uom_id=hour.id,
            dealer_standard_hours=0.8,
            dealer_operation_code="01 01 00 00",
            lst_price=0.0,
        )
        cls.brake_job = cls._create_product(
            name="Replace front brake pads",
            type="service",
            uom_id=hour.id,
            dealer_standard_hours=1.5,
            dealer_operation_code="46 02 00 00",
        )
        cls.oil_filter = cls._create_product(
            name="Oil filter 04E115561H",
            is_storable=True,
            lst_price=85.0,
            standard_price=40.0,
            dealer_warranty_price=60.0,
        )
        cls.brake_pads = cls._create_product(
            name="Front brake pads 5Q0698151",
            is_storable=True,
            lst_price=680.0,
            standard_price=390.0,
            dealer_warranty_price=450.0,
        )
        cls.set_stock(cls.oil_filter, 10)
        cls.set_stock(cls.brake_pads, 2)

    @classmethod
    def get_default_groups(cls):
        # the fixtures are set up by a store manager who also keeps the books
        return super().get_default_groups() | cls.env.ref("dealer_crm_base.group_dealer_manager")

    @classmethod
    def _staff(cls, login, groups, company):
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            lang="en_US",
            tz=STORE_TZ.zone,
        )

    @classmethod
    def set_stock(cls, product, quantity, warehouse=None):
        location = (warehouse or cls.warehouse_a).lot_stock_id
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": product.id, "location_id": location.id, "inventory_quantity": quantity}
        ).action_apply_inventory()

    @classmethod
    def stock_of(cls, product, warehouse=None):
        location = (warehouse or cls.warehouse_a).lot_stock_id
        return product.with_context(location=location.id).qty_available

    def make_visit(self, user=None, **values):
        vals = {
            "vehicle_id": self.vehicle.id,
            "company_id": self.store_a.id,
            "visit_type": "maintenance",
            "advisor_id": self.advisor.id,
            **values,
        }
        return self.env["dealer.service.visit"].with_user(user or self.advisor).create(vals)

    def add_line(self, visit, product, **values):
        return (
            self.env["dealer.service.visit.line"]
            .with_user(visit.env.user)
            .create({"visit_id": visit.id, "product_id": product.id, **values})
        )

    def complete(self, visit, inspector=None):
        """From check-in to hand-over, with the technicians' hours and the foreman's inspection."""
        if visit.state == "appointment":
            visit.odometer = visit.odometer or 20000
            visit.action_check_in()
        visit.action_start()
        visit.action_request_inspection()
        visit.with_user(inspector or self.manager).action_pass_inspection()
        visit.action_done()
        return visit

    def done_visit(self, when, odometer, products=(), vehicle=None, visit_type="maintenance", paid=True, **values):
        """A visit completed on `when` (the whole flow runs on that day), invoiced, posted and paid."""
        with freeze_time(when):
            visit = self.make_visit(
                vehicle_id=(vehicle or self.vehicle).id,
                visit_type=visit_type,
                odometer=odometer,
                date_planned=fields.Datetime.now(),
                **values,
            )
            visit.action_check_in()
            for product in products or (self.oil_service,):
                self.add_line(visit, product)
            self.complete(visit)
            if paid:
                self.pay(visit)
        return visit

    def pay(self, visit, on=None):
        """Invoice the visit, post the invoices and register their payment (on `on`, or today)."""
        visit.action_create_invoices()
        invoices = visit.invoice_ids.filtered(lambda move: move.state == "draft").with_user(self.accountant)
        invoices.action_post()
        self.env["account.payment.register"].with_user(self.accountant).with_context(
            active_model="account.move", active_ids=invoices.ids
        ).create({"payment_date": on or self.env["res.company"]._dealer_today()}).action_create_payments()
        return invoices

    @staticmethod
    def read_xlsx(content):
        """The first sheet of an XLSX report, as tuples of cell values."""
        sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
        return [tuple(row) for row in sheet.iter_rows(values_only=True)]

    def part_rows(self, query, **where):
        """The rows of the SQL part `query` whose columns equal `where`, as dicts (the named parts of the
        nightly jobs' statements are tested on real records with it)."""
        condition = SQL(" AND ").join(
            SQL("%s = %s", SQL.identifier("part", column), value) for column, value in where.items()
        )
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT * FROM (%s) part WHERE %s", query, condition or SQL("TRUE")))
        return self.env.cr.dictfetchall()

    @contextmanager
    def given_grades(self, grades):
        """Within the block, the nightly job grades the customers as given ({partner: grade}), whatever their
        visits: what the grades earn is tested apart from how they are computed."""
        rows = SQL(" UNION ALL ").join(
            SQL(
                """SELECT %s AS partner_id, %s AS grade, 50.0 AS score, 0.0 AS ticket, 1 AS visits,
                          NULL::float AS interval""",
                partner.id,
                grade,
            )
            for partner, grade in grades.items()
        )
        with patch.object(type(self.env["res.partner"]), "_dealer_grades_query", lambda _partners, _today: rows):
            yield
