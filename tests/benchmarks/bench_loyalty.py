"""dealer_loyalty: the nightly job over 200,000 members and 5,000,000 ledger entries, and a member's balance read.

Limits (issue 6): the nightly job `res.partner._cron_dealer_loyalty()` (tenure,
expiry and notices, late payers, tiers) under 60 s on a typical night; a
member's balance read under 50 ms. The ledger is built in SQL in the steady
state of a club that has run for years: tenure given up to yesterday, points
expired up to yesterday, tiers assigned, expiry notices sent.
"""

from datetime import date, timedelta

from run import bulk_insert, timed

from odoo.tools import SQL

MEMBERS = 200_000
ENTRIES_PER_MEMBER = 25  # with tenure and expiry entries, over 5,000,000


def _club(env):
    company = env["res.company"].create({"name": "Bench Loyalty Store"})
    program = env["loyalty.program"]._dealer_club_for(company)
    tier = env.ref("dealer_loyalty.dealer_loyalty_tier_silver")
    partner_ids = bulk_insert(
        env,
        "res.partner",
        {
            "name": "'Bench member ' || g",
            "complete_name": "'Bench member ' || g",
            "company_id": "%(company)s",
            "active": "TRUE",
            "type": "'contact'",
            "dealer_loyalty_tier_id": "%(tier)s",
            "dealer_loyalty_tier_since": "CURRENT_DATE - (g %% 365)",
            "dealer_loyalty_review_date": "CURRENT_DATE + (g %% 365)",
        },
        "generate_series(1, %(n)s) g",
        {"n": MEMBERS, "company": company.id, "tier": tier.id},
        returning=True,
    )
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", [partner_ids])
    bulk_insert(
        env,
        "loyalty.card",
        {
            "program_id": "%(program)s",
            "company_id": "%(company)s",
            "partner_id": "t.pid",
            "code": "'BENCH-' || t.pid",
            "points": "0",
            "active": "TRUE",
            "dealer_member": "TRUE",
            # members joined over the last 6 years, on every day of the month
            "dealer_join_date": "CURRENT_DATE - (t.n %% 2190)::int",
        },
        "unnest(%(ids)s::int[]) WITH ORDINALITY AS t(pid, n)",
        {"ids": partner_ids, "program": program.id, "company": company.id},
    )
    env.cr.execute(
        """UPDATE res_partner p SET dealer_loyalty_card_id = c.id, dealer_loyalty_member = TRUE,
                  dealer_loyalty_store_id = c.company_id
             FROM loyalty_card c WHERE c.partner_id = p.id AND c.dealer_member AND c.program_id = %s""",
        [program.id],
    )
    return company, program


def _ledger(env, company, program):
    """Per member: paid invoices and redemptions over the years, tenure up to yesterday, then the expiry that
    the job would have booked up to yesterday."""
    common = {
        "partner_id": "c.partner_id",
        "card_id": "c.id",
        "company_id": "c.company_id",
    }
    bulk_insert(
        env,
        "dealer.loyalty.entry",
        {
            **common,
            "date": "d.day",
            "month": "date_trunc('month', d.day)::date",
            "reason": "CASE WHEN k %% 4 = 0 THEN 'redemption' ELSE 'purchase' END",
            "description": "'Bench'",
            "points": "CASE WHEN k %% 4 = 0 THEN -40 ELSE 30 + k END",
            "points_earned": "CASE WHEN k %% 4 = 0 THEN 0 ELSE 30 + k END",
            "points_redeemed": "CASE WHEN k %% 4 = 0 THEN 40 ELSE 0 END",
            "points_expired": "0",
            "expiry_date": "CASE WHEN k %% 4 = 0 THEN NULL ELSE (d.day + interval '24 months')::date END",
        },
        """loyalty_card c
           CROSS JOIN generate_series(1, %(k)s) k
           CROSS JOIN LATERAL (SELECT (c.dealer_join_date + ((CURRENT_DATE - c.dealer_join_date) * k / %(k)s))::date
                               AS day) d
           WHERE c.program_id = %(program)s""",
        {"k": ENTRIES_PER_MEMBER - 1, "program": program.id},
    )
    bulk_insert(
        env,
        "dealer.loyalty.entry",
        {
            **common,
            "date": "CURRENT_DATE - 1",
            "month": "date_trunc('month', CURRENT_DATE - 1)::date",
            "reason": "'tenure'",
            "description": "'Bench'",
            "points": "m.months",
            "points_earned": "m.months",
            "points_redeemed": "0",
            "points_expired": "0",
            "expiry_date": "CURRENT_DATE + 700",
        },
        """loyalty_card c CROSS JOIN LATERAL (
               SELECT (EXTRACT(YEAR FROM age(CURRENT_DATE - 1, c.dealer_join_date)) * 12
                       + EXTRACT(MONTH FROM age(CURRENT_DATE - 1, c.dealer_join_date)))::int AS months) m
           WHERE c.program_id = %(program)s AND m.months > 0""",
        {"program": program.id},
    )
    Partner = env["res.partner"]
    expired = Partner._dealer_loyalty_expiring_query(date.today() - timedelta(days=1))
    env.cr.execute(
        SQL(
            """INSERT INTO dealer_loyalty_entry (partner_id, card_id, company_id, date, month, reason, description,
                                                 points, points_earned, points_redeemed, points_expired)
               SELECT x.partner_id, x.card_id, x.company_id, CURRENT_DATE - 1,
                      date_trunc('month', CURRENT_DATE - 1)::date, 'expiry', 'Bench', -x.due, 0, 0, x.due
                 FROM (%s) x""",
            expired,
        )
    )
    env.cr.execute("ANALYZE dealer_loyalty_entry")
    env.cr.execute("ANALYZE res_partner")
    env.cr.execute("ANALYZE loyalty_card")
    # the balances of years of history, not changes a member follows: no tracking message per card
    env["dealer.loyalty.entry"].with_context(tracking_disable=True)._dealer_refresh_balances(
        Partner.browse(p for (p,) in _ids(env, "SELECT partner_id FROM loyalty_card WHERE program_id = %s", program))
    )


def _ids(env, query, program):
    env.cr.execute(query, [program.id])
    return env.cr.fetchall()


def _counts(env):
    env.cr.execute(
        """SELECT (SELECT COUNT(*) FROM dealer_loyalty_entry),
                  (SELECT COUNT(*) FROM mail_activity WHERE res_model = 'res.partner'),
                  (SELECT COUNT(*) FROM res_partner WHERE dealer_loyalty_review_date > CURRENT_DATE + 364)"""
    )
    return env.cr.fetchone()


def run(env, report):
    (company, program), seconds = timed(_club, env)
    report(f"setup: {MEMBERS:,} members", seconds)
    _none, seconds = timed(_ledger, env, company, program)
    env.cr.execute("SELECT COUNT(*) FROM dealer_loyalty_entry")
    report.info("ledger entries", f"{env.cr.fetchone()[0]:,}")
    report("setup: ledger in the steady state", seconds)
    env.cr.commit()
    Partner = env["res.partner"]
    # the notices of the points expiring in the coming days were sent on earlier nights
    _none, seconds = timed(Partner._dealer_loyalty_notify_expiry)
    report("setup: earlier expiry notices", seconds)
    env.cr.commit()
    env.invalidate_all()

    before = _counts(env)
    _none, seconds = timed(Partner._cron_dealer_loyalty)
    report("nightly job (tenure, expiry, notices, late payers, tiers)", seconds, limit=60)
    after = _counts(env)
    report.info("  entries booked tonight", f"{after[0] - before[0]:,}")
    report.info("  expiry notices tonight", f"{after[1] - before[1]:,}")
    report.info("  tier reviews passed tonight", f"{after[2] - before[2]:,}")
    env.invalidate_all()
    _none, seconds = timed(Partner._cron_dealer_loyalty)
    report("nightly job, re-run (changes nothing)", seconds, limit=60)

    env.cr.execute(
        "SELECT partner_id FROM loyalty_card WHERE program_id = %s ORDER BY id LIMIT 1 OFFSET 12345", [program.id]
    )
    member = Partner.browse(env.cr.fetchone()[0])
    env.invalidate_all()
    _none, seconds = timed(lambda: member.dealer_loyalty_points)
    report("a member's balance read (stored field)", seconds * 1000, limit=50, unit="ms")
    _none, seconds = timed(env["dealer.loyalty.entry"]._dealer_balances, member)
    report("a member's balance from his ledger (SUM)", seconds * 1000, limit=50, unit="ms")
    env.cr.rollback()
