from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# A delivery call the daily job missed (server down, module installed late) is
# still planned within this many days; older deliveries are left alone.
CATCH_UP_DAYS = 30
BATCH_SIZE = 1000
ACTIVITY_TYPES = {
    "delivery_sales_call": "dealer_crm_base.mail_activity_type_delivery_sales_call",
    "delivery_service_call": "dealer_crm_base.mail_activity_type_delivery_service_call",
    "birthday": "dealer_crm_base.mail_activity_type_birthday_greeting",
    "new_year": "dealer_crm_base.mail_activity_type_new_year_greeting",
    "prospect_follow_up": "dealer_crm_base.mail_activity_type_prospect_follow_up",
}
# The channel a customer refused, per consent flag.
# Odoo stores a false boolean as NULL, hence IS TRUE.
REFUSED_CHANNEL = SQL(
    """(p.dealer_do_not_call IS TRUE AND COALESCE(p.dealer_preferred_channel, 'phone') = 'phone'
        OR p.dealer_do_not_sms IS TRUE AND p.dealer_preferred_channel = 'sms'
        OR p.dealer_do_not_email IS TRUE AND p.dealer_preferred_channel = 'email')"""
)


class DealerCareCalendar(models.AbstractModel):
    """The care calendar: the calls and greetings a store owes its customers.

    Each occasion becomes one mail activity whose `dealer_occasion_key` names
    it; occasions are found in SQL for the whole dealer group at once and
    created in batches that commit as they go, so the daily job can be
    interrupted and re-run without planning anything twice.
    """

    _name = "dealer.care.calendar"
    _description = "Care Calendar Planner"

    @api.model
    def _cron_dealer_care_calendar(self):
        self._dealer_schedule_in_batches(self._dealer_due_occasions())

    @api.model
    def _dealer_schedule_in_batches(self, occasions):
        """Create the activities of many occasions, committing after each batch (a cron's job)."""
        Cron = self.env["ir.cron"]
        Cron._dealer_commit_progress(remaining=len(occasions))
        for start in range(0, len(occasions), BATCH_SIZE):
            batch = occasions[start : start + BATCH_SIZE]
            self._dealer_schedule(batch)
            if not Cron._dealer_commit_progress(processed=len(batch)):
                break  # out of time: the next run finds what is left

    @api.model
    def _dealer_due_occasions(self):
        """Rows (key, kind, model, res_id, vehicle, user, deadline, channel) of every occasion
        due and not planned yet, for the whole dealer group."""
        today = self.env["res.company"]._dealer_today()
        types = self._dealer_activity_types()
        return (
            self._dealer_delivery_calls("delivery_sales_call", types, today)
            + self._dealer_delivery_calls("delivery_service_call", types, today)
            + self._dealer_birthdays(types, today)
            + self._dealer_new_year(types, today)
            + self._dealer_prospect_follow_ups(types, today)
        )

    @api.model
    def _dealer_plan_delivery_calls(self, vehicles):
        """Plan the calls after delivery of these vehicles now, so that they show as upcoming."""
        self._dealer_flush()
        today = self.env["res.company"]._dealer_today()
        types = self._dealer_activity_types()
        occasions = self._dealer_delivery_calls(
            "delivery_sales_call", types, today, vehicles.ids
        ) + self._dealer_delivery_calls("delivery_service_call", types, today, vehicles.ids)
        return self._dealer_schedule(occasions)

    @api.model
    def _dealer_plan_follow_ups(self, leads):
        """Schedule the next follow-up of these prospects now (new prospect, new level, call done)."""
        self._dealer_flush()
        today = self.env["res.company"]._dealer_today()
        occasions = self._dealer_prospect_follow_ups(self._dealer_activity_types(), today, leads.ids)
        return self._dealer_schedule(occasions)

    def _dealer_flush(self):
        self.env.flush_all()

    def _dealer_activity_types(self):
        return {kind: self.env.ref(xmlid) for kind, xmlid in ACTIVITY_TYPES.items()}

    @api.model
    def _dealer_schedule(self, occasions):
        """Create the activities of the given occasion rows (one batch)."""
        if not occasions:
            return self.env["mail.activity"]
        models = {name: self.env["ir.model"]._get_id(name) for name in {row[2] for row in occasions}}
        types = self._dealer_activity_types()
        vals_list = [self._dealer_activity_values(row, types, models) for row in occasions]
        # The calendar plans for the store whoever triggers it (a cron, an agent closing a call who may
        # not edit the visit): the occasions come from the rules, not from the user, so they are created
        # as the system. The assignees see their list every morning; a mail per call would be noise.
        activities = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)
        return activities.with_env(self.env)

    def _dealer_activity_values(self, row, types, models):
        key, kind, model, res_id, vehicle_id, user_id, deadline, channel = row
        return {
            "dealer_occasion_key": key,
            "activity_type_id": types[kind].id,
            "summary": types[kind].summary,
            "note": types[kind].default_note,
            "res_model_id": models[model],
            "res_id": res_id,
            "dealer_vehicle_id": vehicle_id,
            "user_id": user_id,
            "date_deadline": deadline,
            "dealer_channel": channel,
            "automated": True,
        }

    def _dealer_query(self, query):
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _dealer_delivery_calls(self, kind, types, today, vehicle_ids=None):
        """Calls after delivery: the sales consultant's at 2 weeks, the service advisor's at 4.

        The delay is the activity type's, so a store sets it in Configuration.
        Calls are planned as soon as the car is delivered, due on their day.
        """
        if vehicle_ids is not None and not vehicle_ids:
            return []
        activity_type = types[kind]
        if kind == "delivery_sales_call":
            user = SQL("COALESCE(v.dealer_sales_user_id, p.user_id, c.dealer_care_user_id)")
        else:
            user = SQL(
                "COALESCE(p.dealer_service_advisor_id, %s, c.dealer_care_user_id, v.dealer_sales_user_id)",
                activity_type.default_user_id.id or None,
            )
        days = activity_type.delay_count * {"days": 1, "weeks": 7}.get(activity_type.delay_unit, 0)
        months = activity_type.delay_count if activity_type.delay_unit == "months" else 0
        return self._dealer_query(
            SQL(
                """
                SELECT %(kind)s || ':' || v.id, %(kind)s, 'res.partner', p.id, v.id, %(user)s,
                       GREATEST(due.day, %(today)s), 'phone'
                  FROM fleet_vehicle v
                  JOIN res_partner p ON p.id = v.owner_id AND p.active
                  JOIN res_company c ON c.id = COALESCE(v.company_id, %(company)s)
                 CROSS JOIN LATERAL (
                       SELECT (v.dealer_delivery_date + make_interval(months => %(months)s, days => %(days)s))::date
                   ) AS due(day)
                 WHERE v.active %(vehicles)s
                   AND v.dealer_delivery_date >= %(today)s - %(catch_up)s - %(days)s - %(months)s * 31
                   AND due.day >= %(today)s - %(catch_up)s
                   AND p.dealer_do_not_call IS NOT TRUE
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a WHERE a.dealer_occasion_key = %(kind)s || ':' || v.id)
                """,
                kind=kind,
                user=user,
                today=today,
                company=self.env.company.id,
                months=months,
                days=days,
                catch_up=CATCH_UP_DAYS,
                vehicles=SQL("AND v.id IN %s", tuple(vehicle_ids)) if vehicle_ids else SQL(),
            )
        )

    def _dealer_greeting_days_ahead(self):
        # sudo: system parameters are the admin's; a number of days is no secret and nothing is written
        return int(self.env["ir.config_parameter"].sudo().get_param("dealer_crm_base.greeting_days_ahead", 3))

    def _dealer_customers(self):
        """Who gets greetings: owners of a car, and prospects still in play."""
        return SQL(
            """p.active AND NOT %(refused)s AND (
                   EXISTS (SELECT 1 FROM fleet_vehicle v WHERE v.owner_id = p.id AND v.active)
                   OR EXISTS (SELECT 1 FROM crm_lead l
                               WHERE l.partner_id = p.id AND l.active AND l.won_status = 'pending'))""",
            refused=REFUSED_CHANNEL,
        )

    def _dealer_greeting_user(self, activity_type):
        return SQL(
            """COALESCE(%s, (SELECT dealer_care_user_id FROM res_company WHERE id = COALESCE(p.company_id, %s)),
                        p.user_id, p.dealer_service_advisor_id)""",
            activity_type.default_user_id.id or None,
            self.env.company.id,
        )

    def _dealer_birthdays(self, types, today):
        """Birthday greetings, planned a few days ahead (29 February falls on the 28th)."""
        horizon = today + timedelta(days=self._dealer_greeting_days_ahead())
        return self._dealer_query(
            SQL(
                """
                WITH upcoming AS (
                    SELECT p.id,
                           make_date(y.year, m.month, LEAST(d.day, EXTRACT(DAY FROM
                               make_date(y.year, m.month, 1) + INTERVAL '1 month' - INTERVAL '1 day')::int)) AS day
                      FROM res_partner p
                     CROSS JOIN LATERAL (VALUES (%(this_year)s), (%(this_year)s + 1)) AS y(year)
                     CROSS JOIN LATERAL (SELECT EXTRACT(MONTH FROM p.dealer_birthday)::int) AS m(month)
                     CROSS JOIN LATERAL (SELECT EXTRACT(DAY FROM p.dealer_birthday)::int) AS d(day)
                     WHERE p.dealer_birthday IS NOT NULL
                )
                SELECT 'birthday:' || p.id || ':' || EXTRACT(YEAR FROM u.day), 'birthday', 'res.partner', p.id,
                       NULL::int, %(user)s, u.day, COALESCE(p.dealer_preferred_channel, 'phone')
                  FROM upcoming u
                  JOIN res_partner p ON p.id = u.id
                 WHERE u.day BETWEEN %(today)s AND %(horizon)s
                   AND %(customers)s
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.dealer_occasion_key = 'birthday:' || p.id || ':' || EXTRACT(YEAR FROM u.day))
                """,
                this_year=today.year,
                today=today,
                horizon=horizon,
                user=self._dealer_greeting_user(types["birthday"]),
                customers=self._dealer_customers(),
            )
        )

    def _dealer_new_year(self, types, today):
        """New Year greetings to every customer, planned a few days before 1 January."""
        new_year = fields.Date.to_date(f"{today.year + 1}-01-01")
        if (new_year - today).days > self._dealer_greeting_days_ahead():
            return []
        key = f"new_year:{new_year.year}:"
        return self._dealer_query(
            SQL(
                """
                SELECT %(key)s || p.id, 'new_year', 'res.partner', p.id, NULL::int, %(user)s, %(day)s,
                       COALESCE(p.dealer_preferred_channel, 'phone')
                  FROM res_partner p
                 WHERE %(customers)s
                   AND NOT EXISTS (SELECT 1 FROM mail_activity a WHERE a.dealer_occasion_key = %(key)s || p.id)
                """,
                key=key,
                day=new_year,
                user=self._dealer_greeting_user(types["new_year"]),
                customers=self._dealer_customers(),
            )
        )

    def _dealer_prospect_follow_ups(self, types, today, lead_ids=None):
        """Keep one follow-up call scheduled on every open prospect with a level.

        The next call is due its level's interval after the last one was closed
        (done or cancelled), or after the prospect was registered; the n-th
        call of a prospect is its occasion.
        """
        follow_up = types["prospect_follow_up"]
        leads = SQL("AND l.id IN %s", tuple(lead_ids)) if lead_ids else SQL()
        if lead_ids is not None and not lead_ids:
            return []
        return self._dealer_query(
            SQL(
                """
                WITH due AS (
                    SELECT l.id, l.partner_id, l.company_id, l.user_id, closed.calls,
                           GREATEST(%(today)s,
                                    COALESCE(closed.last_day, %(registered)s) + lvl.follow_up_days) AS day
                      FROM crm_lead l
                      JOIN dealer_prospect_level lvl ON lvl.code = l.dealer_prospect_level
                      LEFT JOIN LATERAL (
                           SELECT COUNT(*) AS calls, MAX(a.date_done) AS last_day FROM mail_activity a
                            WHERE a.res_model = 'crm.lead' AND a.res_id = l.id
                              AND a.activity_type_id = %(type)s AND a.active IS NOT TRUE
                      ) closed ON TRUE
                     WHERE l.active AND l.won_status = 'pending' %(leads)s
                       AND NOT EXISTS (
                           SELECT 1 FROM mail_activity a
                            WHERE a.res_model = 'crm.lead' AND a.res_id = l.id
                              AND a.activity_type_id = %(type)s AND a.active IS TRUE)
                )
                SELECT 'prospect_follow_up:' || due.id || ':' || due.calls, 'prospect_follow_up', 'crm.lead', due.id,
                       NULL::int, COALESCE(due.user_id, c.dealer_care_user_id), due.day, 'phone'
                  FROM due
                  JOIN res_company c ON c.id = COALESCE(due.company_id, %(company)s)
                 WHERE NOT EXISTS (SELECT 1 FROM mail_activity a
                                    WHERE a.dealer_occasion_key = 'prospect_follow_up:' || due.id || ':' || due.calls)
                """,
                today=today,
                registered=self.env["res.company"]._dealer_day_sql(SQL("l.create_date")),
                type=follow_up.id,
                leads=leads,
                company=self.env.company.id,
            )
        )
