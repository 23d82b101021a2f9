"""One repair order through parts and invoices, checked in the journal items and the stock moves.

Runs with pytest-odoo on the database `make test` installs (all add-ons, demo data).
"""

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_crm_base.tests.clock import PinnedClockMixin
from odoo.addons.dealer_crm_base.tests.common import make_vin


@tagged("post_install", "-at_install")
class TestServiceVisitAccounting(PinnedClockMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.company"].create({"name": "Suite Test Store", "dealer_store_code": "ST"})
        cls.env["account.chart.template"].try_loading("generic_coa", company=cls.company, install_demo=False)
        cls.env = cls.env(context={"allowed_company_ids": cls.company.ids})
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.warehouse = cls.warehouse or cls.env["stock.warehouse"].create(
            {"name": "Suite Parts", "code": "STP", "company_id": cls.company.id}
        )
        cls.tax = cls.company.account_sale_tax_id
        carmaker = cls.env["res.partner"].create({"name": "Carmaker Ltd", "is_company": True})
        brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "Suite Brand", "dealer_manufacturer_id": carmaker.id}
        )
        model = cls.env["fleet.vehicle.model"].create({"name": "Suite Sedan", "brand_id": brand.id})
        cls.customer = cls.env["res.partner"].create({"name": "Suite Customer", "company_id": cls.company.id})
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {
                "model_id": model.id,
                "owner_id": cls.customer.id,
                "vin_sn": make_vin(900001),
                "company_id": cls.company.id,
                "dealer_delivery_date": cls.today - relativedelta(months=6),
            }
        )
        cls.labour = cls.env["product.product"].create(
            {
                "name": "Suite labour",
                "type": "service",
                "dealer_standard_hours": 2.0,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.part = cls.env["product.product"].create(
            {
                "name": "Suite part",
                "is_storable": True,
                "lst_price": 100.0,
                "standard_price": 60.0,
                "dealer_warranty_price": 80.0,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": cls.part.id, "location_id": cls.warehouse.lot_stock_id.id, "inventory_quantity": 5}
        ).action_apply_inventory()

    def test_visit_parts_and_invoices(self):
        company = self.company
        company.dealer_labour_rate = 150.0
        visit = self.env["dealer.service.visit"].create(
            {"vehicle_id": self.vehicle.id, "company_id": company.id, "odometer": 9000}
        )
        visit.action_check_in()
        Line = self.env["dealer.service.visit.line"]
        Line.create({"visit_id": visit.id, "product_id": self.labour.id})
        Line.create({"visit_id": visit.id, "product_id": self.part.id, "quantity": 2})
        Line.create({"visit_id": visit.id, "product_id": self.part.id, "pay_type": "warranty"})
        move_lines = visit.line_ids.move_ids
        self.assertEqual(set(move_lines.mapped("state")), {"assigned"}, "parts are reserved when added")

        visit.action_start()
        visit.action_request_inspection()
        visit.action_pass_inspection()
        visit.action_done()

        self.assertEqual(set(move_lines.mapped("state")), {"done"})
        self.assertEqual(sum(move_lines.mapped("quantity")), 3)
        self.assertEqual(move_lines.location_id, self.warehouse.lot_stock_id)
        self.assertEqual(move_lines.location_dest_id.usage, "production")
        on_hand = self.part.with_context(location=self.warehouse.lot_stock_id.id).qty_available
        self.assertEqual(on_hand, 2)

        visit.action_create_invoices()
        invoices = visit.invoice_ids
        invoices.action_post()
        customer_invoice = invoices.filtered(lambda move: move.partner_id == self.customer)
        carmaker_invoice = invoices - customer_invoice

        rate = self.tax.amount / 100

        def balance(move, kind):
            return round(sum(move.line_ids.filtered(lambda aml: aml.display_type == kind).mapped("balance")), 2)

        self.assertEqual(balance(customer_invoice, "product"), -500.0, "revenue: 2 h x 150 + 2 parts x 100")
        self.assertEqual(balance(customer_invoice, "tax"), round(-500 * rate, 2), "taxes from the products")
        self.assertEqual(balance(customer_invoice, "payment_term"), round(500 * (1 + rate), 2), "receivable")
        self.assertEqual(balance(carmaker_invoice, "product"), -80.0, "the part at the carmaker's warranty price")
        self.assertEqual(balance(carmaker_invoice, "payment_term"), round(80 * (1 + rate), 2))
        self.assertEqual(visit.amount_invoiced, 580.0)
        self.assertEqual(
            customer_invoice.invoice_line_ids.dealer_visit_line_id,
            visit.line_ids.filtered(lambda line: line.pay_type == "customer"),
        )
