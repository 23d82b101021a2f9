from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

OPEN_VISIT_STATES = ("appointment", "checked_in", "in_progress", "quality_check")
# A service overdue for longer than this is no longer reminded: the customer
# is drifting away, and the lifecycle's win-back call takes over.
REMINDER_HORIZON_DAYS = 90
CALLBACK_ATTEMPTS = 3
SERVICE_ACTIVITY_TYPES = {
    "service_reminder": "dealer_service.mail_activity_type_service_reminder",
    "callback": "dealer_service.mail_activity_type_visit_callback",
    "callback_first_service": "dealer_service.mail_activity_type_first_service_callback",
    "courtesy_call": "dealer_service.mail_activity_type_courtesy_call",
    "win_back": "dealer_service.mail_activity_type_win_back",
}


class DealerCareCalendar(models.AbstractModel):
    """The workshop's part of the care calendar: service reminders, calls after
    each visit (3DC), quarterly courtesy calls to A customers, win-back calls."""

    _inherit = "dealer.care.calendar"

    def _dealer_activity_types(self):
        return {**super()._dealer_activity_types(), **{k: self.env.ref(x) for k, x in SERVICE_ACTIVITY_TYPES.items()}}

    def _dealer_activity_values(self, row, types, models):
        values = super()._dealer_activity_values(row, types, models)
        if row[1] in ("callback", "callback_first_service"):
            values["dealer_attempt"] = int(row[0].rsplit(":", 1)[1])
        return values

    @api.model
    def _dealer_due_occasions(self):
        today = self.env["res.company"]._dealer_today()
        return super()._dealer_due_occasions() + self._dealer_courtesy_calls(self._dealer_activity_types(), today)

    @api.model
    def _dealer_service_reminders(self, vehicle_ids=None):
        """Rows of the reminder calls due: a call for the customer's service advisor some days before the
        next service (_dealer_reminders_due_query). None while a visit is booked or a reminder is open,
        never twice the same (_dealer_reminder_key_sql); none for a customer who refused calls."""
        if vehicle_ids is not None and not vehicle_ids:
            return []
        today = self.env["res.company"]._dealer_today()
        key = self._dealer_reminder_key_sql()
        return self._dealer_query(
            SQL(
                """
                SELECT %(key)s, 'service_reminder', 'fleet.vehicle', r.id, r.id,
                       COALESCE(p.dealer_service_advisor_id, c.dealer_care_user_id),
                       GREATEST(r.day - r.days_before, %(today)s), 'phone'
                  FROM (%(due)s) r
                  JOIN res_partner p ON p.id = r.owner_id AND p.active
                  JOIN res_company c ON c.id = r.company_id
                 WHERE p.dealer_do_not_call IS NOT TRUE
                   AND NOT EXISTS (SELECT 1 FROM dealer_service_visit s
                                    WHERE s.vehicle_id = r.id AND s.state IN %(open_states)s)
                   AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                    WHERE a.res_model = 'fleet.vehicle' AND a.res_id = r.id
                                      AND a.activity_type_id = %(type)s AND a.active IS TRUE)
                   AND NOT EXISTS (SELECT 1 FROM mail_activity a WHERE a.dealer_occasion_key = %(key)s)
                """,
                key=key,
                due=self._dealer_reminders_due_query(today, vehicle_ids),
                today=today,
                open_states=OPEN_VISIT_STATES,
                type=self.env.ref(SERVICE_ACTIVITY_TYPES["service_reminder"]).id,
            )
        )

    @api.model
    def _dealer_reminder_key_sql(self, alias="r"):
        """SQL of the occasion key of a reminder row of _dealer_reminders_due_query aliased `alias`: the car,
        its service day and the round, so that a reminder is planned once a round."""
        return SQL(
            "'service_reminder:' || %(id)s || ':' || %(day)s || ':' || %(round)s",
            id=SQL.identifier(alias, "id"),
            day=SQL.identifier(alias, "day"),
            round=SQL.identifier(alias, "round"),
        )

    @api.model
    def _dealer_reminders_due_query(self, today, vehicle_ids=None):
        """SQL of (id, owner_id, day, company_id, days_before, repeat_days, first_service, round): the owned
        active cars (of `vehicle_ids`, or all) whose next service `day` is within the store's reminder days
        of `today`, overdue by no more than REMINDER_HORIZON_DAYS. A first service is reminded again every
        so many days until the first visit: `round` counts them (0 for other services)."""
        vehicles = SQL("AND v.id IN %s", tuple(vehicle_ids)) if vehicle_ids else SQL()
        return SQL(
            """
            SELECT due.*,
                   CASE WHEN due.first_service AND due.day < %(today)s
                        THEN (%(today)s - due.day) / due.repeat_days ELSE 0 END AS round
              FROM (
                SELECT v.id, v.owner_id, v.dealer_next_service_date AS day, c.id AS company_id,
                       c.dealer_reminder_days_before AS days_before,
                       GREATEST(c.dealer_first_service_repeat_days, 1) AS repeat_days,
                       NOT EXISTS (
                           SELECT 1 FROM dealer_service_visit s
                            WHERE s.vehicle_id = v.id AND s.state IN ('done', 'invoiced')
                              AND s.visit_type IN ('first_maintenance', 'maintenance')) AS first_service
                  FROM fleet_vehicle v
                  JOIN res_company c ON c.id = COALESCE(v.company_id, %(company)s)
                 WHERE v.active AND v.owner_id IS NOT NULL %(vehicles)s
                   AND v.dealer_next_service_date BETWEEN %(oldest)s AND %(latest)s
              ) due
             WHERE due.day - due.days_before <= %(today)s
            """,
            company=self.env.company.id,
            vehicles=vehicles,
            today=today,
            oldest=today - timedelta(days=REMINDER_HORIZON_DAYS),
            latest=today + timedelta(days=366),
        )

    @api.model
    def _dealer_plan_callbacks(self, visits, attempt=1):
        """The call of customer relations after a visit: 3 days after it (7 after a first service)."""
        types = self._dealer_activity_types()
        today = self.env["res.company"]._dealer_today()
        rows = []
        for visit in visits.filtered(lambda visit: not visit.partner_id.dealer_do_not_call):
            kind = "callback_first_service" if visit.visit_type == "first_maintenance" else "callback"
            delay = types[kind].delay_count if attempt == 1 else 1
            due = max(
                visit.env["res.company"]._dealer_today(visit.date_done) + timedelta(days=delay),
                today,
            )
            rows.append(
                (
                    f"{kind}:{visit.id}:{attempt}",
                    kind,
                    "dealer.service.visit",
                    visit.id,
                    visit.vehicle_id.id,
                    (visit.company_id.dealer_care_user_id or visit.advisor_id).id,
                    due,
                    "phone",
                )
            )
        known = set(
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search([("dealer_occasion_key", "in", [row[0] for row in rows])])
            .mapped("dealer_occasion_key")
        )
        return self._dealer_schedule([row for row in rows if row[0] not in known])

    def _dealer_courtesy_calls(self, types, today):
        """A customers hear from their advisor every quarter (every policy's number of months, the
        store's own policy before the shared one)."""
        quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
        return self._dealer_query(
            SQL(
                """
                SELECT 'courtesy_call:' || p.id || ':' || %(quarter)s, 'courtesy_call', 'res.partner', p.id,
                       NULL::int, COALESCE(p.dealer_service_advisor_id, c.dealer_care_user_id, p.user_id),
                       %(today)s, 'phone'
                  FROM res_partner p
                  JOIN res_company c ON c.id = COALESCE(p.company_id, %(company)s)
                  JOIN LATERAL (
                       SELECT g.courtesy_call_months FROM dealer_grade_policy g
                        WHERE g.grade = p.dealer_value_grade AND (g.company_id = c.id OR g.company_id IS NULL)
                     ORDER BY g.company_id NULLS LAST LIMIT 1
                  ) g ON g.courtesy_call_months > 0
                 WHERE p.active AND p.dealer_do_not_call IS NOT TRUE
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.res_model = 'res.partner' AND a.res_id = p.id AND a.activity_type_id = %(type)s
                          AND COALESCE(a.date_done, a.date_deadline) > %(today)s - g.courtesy_call_months * 30)
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.dealer_occasion_key = 'courtesy_call:' || p.id || ':' || %(quarter)s)
                """,
                quarter=quarter,
                today=today,
                company=self.env.company.id,
                type=types["courtesy_call"].id,
            )
        )

    def _dealer_win_backs(self, partner_ids):
        """Rows of the win-back calls of customers turning at risk: their advisor offers a free check-up."""
        if not partner_ids:
            return []
        today = self.env["res.company"]._dealer_today()
        return self._dealer_query(
            SQL(
                """
                    SELECT 'win_back:' || p.id || ':' || %(today)s, 'win_back', 'res.partner', p.id, NULL::int,
                           COALESCE(p.dealer_service_advisor_id, c.dealer_care_user_id, p.user_id), %(today)s,
                           'phone'
                      FROM res_partner p
                      JOIN res_company c ON c.id = COALESCE(p.company_id, %(company)s)
                     WHERE p.id IN %(partners)s AND p.dealer_do_not_call IS NOT TRUE
                       AND NOT EXISTS (SELECT 1 FROM mail_activity a
                                        WHERE a.dealer_occasion_key = 'win_back:' || p.id || ':' || %(today)s)
                    """,
                today=today,
                company=self.env.company.id,
                partners=tuple(partner_ids),
            )
        )
