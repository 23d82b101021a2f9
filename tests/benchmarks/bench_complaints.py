"""dealer_complaints: the deadline job over 100,000 open complaints, the early warning over 1,000,000.

Limits (issue 7): the SLA job (`dealer.complaint._cron_dealer_sla`) over 100,000
open complaints under 60 s, a second run notifying nobody again; the early-warning
analysis over 1,000,000 complaints under 30 s.
"""

from run import bulk_insert, timed

STORES = 20
TOTAL = 1_000_000
OPEN = 100_000
# open complaints whose first response is overdue: the first run escalates them, once
OVERDUE_EVERY = 20


def _populate(env):
    head_office = env["res.company"].create({"name": "Complaint Bench Group"})
    stores = env["res.company"].create(
        [{"name": f"Complaint Bench Store {index:02d}", "parent_id": head_office.id} for index in range(STORES)]
    )
    admin = env.ref("base.user_admin")
    stores.write({"dealer_complaint_manager_id": admin.id, "dealer_complaint_head_office_user_id": admin.id})
    brand = env["fleet.vehicle.model.brand"].create({"name": "Complaint Bench Motors"})
    models = env["fleet.vehicle.model"].create(
        [{"name": f"Complaint Bench {index}", "brand_id": brand.id} for index in range(9)]
    )
    categories = env["dealer.complaint.category"].search([("child_ids", "=", False)])
    env.flush_all()
    bulk_insert(
        env,
        "dealer.complaint",
        {
            "name": "'BENCH/' || i",
            "subject": "'Bench complaint ' || i",
            "company_id": "(%(stores)s)[1 + i %% %(store_count)s]",
            "kind": "'complaint'",
            "channel": "(ARRAY['phone', 'walk_in', 'email', 'web', 'wechat', 'hotline'])[1 + i %% 6]",
            "severity": "(ARRAY['low', 'medium', 'medium', 'high', 'critical'])[1 + i %% 5]",
            "category_id": "(%(categories)s)[1 + i %% %(category_count)s]",
            "vehicle_model_id": "(%(models)s)[1 + (i / 7) %% %(model_count)s]",
            "user_id": "%(admin)s",
            "state": "CASE WHEN i <= %(open)s THEN 'in_progress' ELSE 'resolved' END",
            "date_received": "d.received",
            "date_first_response": "CASE WHEN i <= %(open)s AND i %% %(overdue)s = 0 THEN NULL "
            "ELSE d.received + interval '3 hours' END",
            "date_resolved": "CASE WHEN i <= %(open)s THEN NULL ELSE d.received + interval '2 days' END",
            "date_response_deadline": "d.received + interval '3 days'",
            "date_response_risk": "d.received + interval '54 hours'",
            "date_resolution_deadline": "d.received + interval '12 days'",
            "date_resolution_risk": "d.received + interval '9 days'",
            "sla_state": "'on_time'",
            "create_date": "now()",
            "write_date": "now()",
        },
        """generate_series(1, %(total)s) AS i,
           LATERAL (SELECT CASE WHEN i <= %(open)s
                                THEN now() at time zone 'UTC' - ((i %% 168) + (i %% %(overdue)s = 0)::int * 96)
                                     * interval '1 hour'
                                ELSE now() at time zone 'UTC' - (i %% 1095) * interval '1 day' END AS received) d""",
        {
            "stores": stores.ids,
            "store_count": STORES,
            "categories": categories.ids,
            "category_count": len(categories),
            "models": models.ids,
            "model_count": len(models),
            "admin": admin.id,
            "open": OPEN,
            "overdue": OVERDUE_EVERY,
            "total": TOTAL,
        },
    )
    env.cr.execute("ANALYZE dealer_complaint")
    env.cr.commit()
    return stores


def _count_deadline_activities(env):
    env.cr.execute(
        "SELECT COUNT(*) FROM mail_activity WHERE activity_type_id = %s",
        [env.ref("dealer_complaints.mail_activity_type_complaint_deadline").id],
    )
    return env.cr.fetchone()[0]


def _sla(env):
    env["dealer.complaint"]._cron_dealer_sla()
    env.cr.commit()


def _warnings(env):
    created = env["dealer.complaint.warning"]._dealer_analyse()
    env.cr.commit()
    return created


def run(env, report):
    report("bulk insert of 1,000,000 complaints, 100,000 open (setup, not measured)", timed(_populate, env)[1])
    before = _count_deadline_activities(env)
    report("SLA job over 100,000 open complaints, first run", timed(_sla, env)[1], limit=60)
    created = _count_deadline_activities(env) - before
    report.info("reminders and escalations of the first run", f"{created:,}")
    report("SLA job, second run", timed(_sla, env)[1], limit=60)
    report("  notices of the second run", _count_deadline_activities(env) - before - created, limit=0, unit="")
    env.cr.execute("SELECT sla_state, COUNT(*) FROM dealer_complaint WHERE state = 'in_progress' GROUP BY 1")
    report.info("open complaints by deadline state", dict(env.cr.fetchall()))

    warnings, seconds = timed(_warnings, env)
    report("early warning over 1,000,000 complaints", seconds, limit=30)
    report.info("early warnings raised", f"{len(warnings):,}")
    report("early warning, second run", timed(_warnings, env)[1], limit=30)
