"""dealer_service: value grades and relationships of 200,000 customers over 2,000,000 visits; service reminders.

Limits (issue 5): grades and relationships of the group's 200,000 customers
from 2,000,000 visits and their invoices under 60 s and within 3x of a raw SQL
aggregate over the same rows; the reminder job over 300,000 vehicles under
120 s, and a second run creates nothing.

The nightly run is compared with the raw aggregate alone, as both write
(almost) nothing; the first run writes every customer, so it is compared with
the raw aggregate written to the same customer columns.
"""

from bench_crm_base import populate_group
from run import bulk_insert, timed

VISITS = 2_000_000
VISITS_PER_VEHICLE = 7  # 300,000 cars x 7 > 2,000,000: the first 2,000,000 are kept
PAID_SHARE = 9  # out of 10 visits, paid by the customer


def _populate_visits(env):
    """2,000,000 completed visits over the last 30 months, nine in ten invoiced to the customer and paid."""
    head_office = populate_group(env).parent_id
    env["account.chart.template"].try_loading("generic_coa", company=head_office, install_demo=False)
    journal = env["account.journal"].search([("company_id", "=", head_office.id), ("type", "=", "sale")], limit=1)
    bulk_insert(
        env,
        "dealer.service.visit",
        {
            "name": "'BV/' || v.rn || '/' || k",
            "company_id": "v.company_id",
            "partner_id": "v.owner_id",
            "vehicle_id": "v.id",
            "state": "'invoiced'",
            "visit_type": "(ARRAY['maintenance', 'maintenance', 'repair', 'accident'])[1 + (v.rn + k) %% 4]",
            "odometer": "1000 + k * 8000",
            "date_done": "now() - ((v.rn * 7919 + k * 104729) %% 900) * interval '1 day'",
            "create_date": "now()",
            "write_date": "now()",
        },
        """(SELECT id, owner_id, company_id, row_number() OVER (ORDER BY id) AS rn
              FROM fleet_vehicle WHERE owner_id IS NOT NULL) v
           CROSS JOIN generate_series(0, %(per_vehicle)s - 1) AS k
           WHERE (v.rn - 1) * %(per_vehicle)s + k < %(visits)s""",
        {"per_vehicle": VISITS_PER_VEHICLE, "visits": VISITS},
    )
    bulk_insert(
        env,
        "account.move",
        {
            "journal_id": "%(journal)s",
            "company_id": "%(company)s",
            "currency_id": "%(currency)s",
            "date": "v.date_done::date",
            "invoice_date": "v.date_done::date",
            "invoice_date_due": "v.date_done::date + 30",
            "move_type": "'out_invoice'",
            "state": "'posted'",
            "auto_post": "'no'",
            "payment_state": "'paid'",
            "partner_id": "v.partner_id",
            "commercial_partner_id": "v.partner_id",
            "dealer_visit_id": "v.id",
            "amount_untaxed_signed": "200 + (v.id * 31 %% 3000)",
            "amount_total_signed": "(200 + (v.id * 31 %% 3000)) * 1.13",
            "create_date": "now()",
            "write_date": "now()",
        },
        "dealer_service_visit v WHERE v.name LIKE 'BV/%%' AND v.id %% 10 < %(paid_share)s",
        {
            "journal": journal.id,
            "company": head_office.id,
            "currency": head_office.currency_id.id,
            "paid_share": PAID_SHARE,
        },
    )
    env.cr.execute("ANALYZE dealer_service_visit; ANALYZE account_move")
    env.cr.commit()


def _raw_aggregate(cr):
    """What a hand-written report would compute: per customer, the paid visits of 24 months with their
    average, first and last day, and the last visit of all."""
    cr.execute(
        """
        SELECT v.partner_id, COUNT(*), AVG(m.amount_untaxed_signed), MIN(v.date_done), MAX(v.date_done)
          FROM dealer_service_visit v JOIN account_move m ON m.dealer_visit_id = v.id
         WHERE v.date_done >= CURRENT_DATE - interval '24 months'
           AND m.move_type = 'out_invoice' AND m.state = 'posted' AND m.payment_state IN ('paid', 'in_payment')
      GROUP BY v.partner_id
        """
    )
    graded = len(cr.fetchall())
    cr.execute(
        "SELECT partner_id, MAX(date_done) FROM dealer_service_visit WHERE state IN ('done', 'invoiced') GROUP BY 1"
    )
    return graded, len(cr.fetchall())


def _raw_aggregate_written(cr):
    """The raw aggregate written to the customer columns the nightly job keeps (then undone)."""
    cr.execute("SAVEPOINT raw_write")
    cr.execute(
        """
        UPDATE res_partner p
           SET dealer_paid_visits = a.visits, dealer_avg_ticket = a.ticket, dealer_last_visit_date = a.last_day,
               dealer_value_grade = CASE WHEN a.ticket > 2000 THEN 'A' WHEN a.ticket > 1000 THEN 'B' ELSE 'C' END,
               dealer_lifecycle = CASE WHEN a.last_day < CURRENT_DATE - 180 THEN 'at_risk' ELSE 'general' END
          FROM (SELECT v.partner_id, COUNT(*) AS visits, AVG(m.amount_untaxed_signed) AS ticket,
                       MAX(v.date_done)::date AS last_day
                  FROM dealer_service_visit v JOIN account_move m ON m.dealer_visit_id = v.id
                 WHERE v.date_done >= CURRENT_DATE - interval '24 months'
                   AND m.move_type = 'out_invoice' AND m.state = 'posted'
                   AND m.payment_state IN ('paid', 'in_payment')
              GROUP BY v.partner_id) a
         WHERE p.id = a.partner_id
        """
    )
    cr.execute("ROLLBACK TO SAVEPOINT raw_write")


def _customer_values(env):
    env["res.partner"]._dealer_update_customer_values()
    env.cr.commit()


def _count_reminders(env):
    env.cr.execute(
        "SELECT COUNT(*) FROM mail_activity WHERE activity_type_id = %s",
        [env.ref("dealer_service.mail_activity_type_service_reminder").id],
    )
    return env.cr.fetchone()[0]


def run(env, report):
    report("bulk insert of 2,000,000 visits and their invoices (setup, not measured)", timed(_populate_visits, env)[1])
    _raw_aggregate(env.cr)  # warm the cache for both
    (graded, visited), raw_seconds = timed(_raw_aggregate, env.cr)
    report.info("customers with paid visits in 24 months / with visits", f"{graded:,} / {visited:,}")
    report("raw SQL aggregate: paid visits per customer, last visit", raw_seconds)
    raw_written_seconds = timed(_raw_aggregate_written, env.cr)[1]
    report("raw SQL aggregate written to the 200,000 customers", raw_written_seconds)

    first_seconds = timed(_customer_values, env)[1]
    report("grades, payment terms, relationships: first run (all written)", first_seconds, limit=60)
    nightly_seconds = timed(_customer_values, env)[1]
    report("grades, payment terms, relationships: nightly (changes written)", nightly_seconds, limit=60)
    report("  first run / raw SQL aggregate written", first_seconds / raw_written_seconds, limit=3, unit="x")
    report("  nightly run / raw SQL aggregate", nightly_seconds / raw_seconds, limit=3, unit="x")
    env.cr.execute("SELECT dealer_value_grade, COUNT(*) FROM res_partner GROUP BY 1 ORDER BY 1")
    report.info("customers by grade", dict(env.cr.fetchall()))
    env.cr.execute("SELECT dealer_lifecycle, COUNT(*) FROM res_partner GROUP BY 1 ORDER BY 1")
    report.info("customers by relationship", dict(env.cr.fetchall()))
    report(
        "whole nightly classification job (with payment terms, win-backs)",
        timed(env["res.partner"]._cron_dealer_classification)[1],
    )

    vehicles = env["fleet.vehicle"]
    before = _count_reminders(env)
    first_seconds = timed(vehicles._cron_dealer_service_reminders)[1]
    created = _count_reminders(env) - before
    report.info("service reminders created by the first run", f"{created:,}")
    report("reminder job over 300,000 vehicles, first run", first_seconds, limit=120)
    second_seconds = timed(vehicles._cron_dealer_service_reminders)[1]
    report("reminder job, second run", second_seconds, limit=120)
    report("  reminders created by the second run", _count_reminders(env) - before - created, limit=0, unit="")
