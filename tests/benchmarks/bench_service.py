"""dealer_service: a batch of 1,000 visits from creation to invoice, and the revenue pivot over 2,000,000 lines.

Limits (issue 4): creating and invoicing 1,000 visits of 5 lines each in one
batch under 120 s; the revenue pivot (store x month) over 2,000,000 visit lines
under 2 s and within 1.5x of the raw SQL query on the same rows.
"""

import time
from datetime import date

from dateutil.relativedelta import relativedelta
from run import bulk_insert, timed

from odoo.fields import Command

BATCH = 1_000
PIVOT_LINES = 2_000_000
LINES_PER_VISIT = 5
STORES = 20


def _workshop(env):
    company = env["res.company"].create({"name": "Bench Workshop", "dealer_store_code": "BW"})
    env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
    env = env(context={"allowed_company_ids": company.ids})
    # Odoo 19 gives a new company no warehouse outside tests: the store sets up its parts store
    warehouse = env["stock.warehouse"].create({"name": "Bench Parts", "code": "BWP", "company_id": company.id})
    company.dealer_parts_warehouse_id = warehouse
    carmaker = env["res.partner"].create({"name": "Bench Carmaker", "is_company": True})
    brand = env["fleet.vehicle.model.brand"].create({"name": "Bench Brand", "dealer_manufacturer_id": carmaker.id})
    model = env["fleet.vehicle.model"].create({"name": "Bench Sedan", "brand_id": brand.id})
    customers = env["res.partner"].create(
        [{"name": f"Bench Customer {i}", "company_id": company.id} for i in range(BATCH)]
    )
    vehicles = env["fleet.vehicle"].create(
        [
            {
                "model_id": model.id,
                "owner_id": customer.id,
                "company_id": company.id,
                "dealer_delivery_date": date.today() - relativedelta(months=8),
            }
            for customer in customers
        ]
    )
    labour = env["product.product"].create(
        [{"name": f"Bench job {i}", "type": "service", "dealer_standard_hours": 1.0 + i / 2} for i in range(3)]
    )
    parts = env["product.product"].create(
        [{"name": f"Bench part {i}", "is_storable": True, "lst_price": 50.0 * (i + 1)} for i in range(2)]
    )
    for part in parts:
        env["stock.quant"].with_context(inventory_mode=True).create(
            {"product_id": part.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": 10 * BATCH}
        ).action_apply_inventory()
    env.cr.commit()
    return env, company, vehicles, labour, parts


def _visit_batch(env, company, vehicles, labour, parts, phases):
    """The advisor's day, for 1,000 cars at once; `phases` receives the seconds of each step."""
    Visit = env["dealer.service.visit"]
    started = time.perf_counter()

    def phase(name):
        nonlocal started
        env.flush_all()
        phases[name] = time.perf_counter() - started
        started = time.perf_counter()

    visits = Visit.create(
        [
            {
                "company_id": company.id,
                "vehicle_id": vehicle.id,
                "odometer": 12000,
                "line_ids": [
                    *(
                        Command.create({"product_id": job.id, "pay_type": "warranty" if index % 7 == 0 else "customer"})
                        for job in labour
                    ),
                    *(Command.create({"product_id": part.id, "quantity": 1 + index % 2}) for part in parts),
                ],
            }
            for index, vehicle in enumerate(vehicles)
        ]
    )
    phase("create visits with their lines (parts reserved)")
    visits.action_check_in()
    phase("check in (mileage into the odometer history)")
    visits.action_start()
    visits.action_request_inspection()
    visits.action_pass_inspection()
    phase("start, finish, final inspection")
    visits.action_done()
    phase("hand over (parts consumed)")
    visits.action_create_invoices()
    phase("invoices")
    return visits


def _pivot_rows(env):
    """2,000,000 lines (400,000 visits) spread over 20 stores and 24 months, inserted in SQL."""
    stores = env["res.company"].create([{"name": f"Pivot Store {i:02d}"} for i in range(STORES)])
    partner = env["res.partner"].create({"name": "Pivot Customer"})
    model = env["fleet.vehicle.model"].search([], limit=1)
    vehicle = env["fleet.vehicle"].create({"model_id": model.id, "owner_id": partner.id})
    product = env["product.product"].search([("type", "=", "service")], limit=1)
    visit_ids = bulk_insert(
        env,
        "dealer.service.visit",
        {
            "name": "'PV/' || i",
            "company_id": "(%(stores)s)[1 + i %% %(store_count)s]",
            "partner_id": "%(partner)s",
            "vehicle_id": "%(vehicle)s",
            "state": "'invoiced'",
            "visit_type": "'maintenance'",
            "date_done": "now() - (i %% 730) * interval '1 day'",
            "create_date": "now()",
            "write_date": "now()",
        },
        "generate_series(1, %(visits)s) AS i",
        {
            "stores": stores.ids,
            "store_count": STORES,
            "partner": partner.id,
            "vehicle": vehicle.id,
            "visits": PIVOT_LINES // LINES_PER_VISIT,
        },
        returning=True,
    )
    bulk_insert(
        env,
        "dealer.service.visit.line",
        {
            "visit_id": "v.id",
            "company_id": "v.company_id",
            "date": "v.date_done::date",
            "product_id": "%(product)s",
            "line_type": "(ARRAY['labour', 'part'])[1 + n %% 2]",
            "pay_type": "(ARRAY['customer', 'customer', 'customer', 'warranty', 'goodwill'])[1 + n]",
            "quantity": "1",
            "price_unit": "100 + n * 10",
            "price_subtotal": "100 + n * 10",
            "revenue": "CASE WHEN n < 4 THEN 100 + n * 10 ELSE 0 END",
            "create_date": "now()",
            "write_date": "now()",
        },
        """dealer_service_visit v CROSS JOIN generate_series(0, %(per_visit)s - 1) AS n
           WHERE v.id = ANY(%(visit_ids)s)""",
        {"product": product.id, "per_visit": LINES_PER_VISIT, "visit_ids": visit_ids},
    )
    env.cr.execute("ANALYZE dealer_service_visit_line")
    env.cr.commit()
    return stores


def _raw_pivot(cr, stores):
    cr.execute(
        """
        SELECT company_id, date_trunc('month', date) AS month, SUM(revenue)
          FROM dealer_service_visit_line
         WHERE company_id = ANY(%s)
      GROUP BY company_id, month
        """,
        [stores.ids],
    )
    return cr.fetchall()


def _orm_pivot(env, stores):
    """What the pivot view asks: store rows x month columns, revenue summed."""
    return env["dealer.service.visit.line"].formatted_read_group(
        [("company_id", "in", stores.ids)], ["company_id", "date:month"], ["revenue:sum"]
    )


def run(env, report):
    workshop_env, company, vehicles, labour, parts = _workshop(env)
    phases = {}
    visits, seconds = timed(_visit_batch, workshop_env, company, vehicles, labour, parts, phases)
    env.cr.commit()
    for name, phase_seconds in phases.items():
        report(f"  {name}", phase_seconds)
    report.info("visits invoiced", f"{len(visits):,} ({len(visits.line_ids):,} lines)")
    report.info("invoices created", f"{len(visits.invoice_ids):,}")
    report("1,000 visits of 5 lines: create, check in, parts, done, invoice", seconds, limit=120)

    stores = timed(_pivot_rows, env)
    report("bulk insert of 2,000,000 visit lines (setup, not measured)", stores[1])
    stores = stores[0]
    env.cr.execute("SELECT COUNT(*) FROM dealer_service_visit_line")
    report.info("visit lines in the database", f"{env.cr.fetchone()[0]:,}")
    _raw_pivot(env.cr, stores)  # warm the cache for both
    rows, raw_seconds = min((timed(_raw_pivot, env.cr, stores) for _ in range(3)), key=lambda result: result[1])
    groups, orm_seconds = min((timed(_orm_pivot, env, stores) for _ in range(3)), key=lambda result: result[1])
    report.info("pivot cells (store x month)", f"{len(groups):,} (raw SQL: {len(rows):,})")
    report("raw SQL: revenue by store and month", raw_seconds)
    report("revenue pivot (formatted_read_group), store x month", orm_seconds, limit=2)
    report("  pivot / raw SQL", orm_seconds / raw_seconds, limit=1.5, unit="x")
