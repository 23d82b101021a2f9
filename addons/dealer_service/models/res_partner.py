from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, format_amount

from .dealer_grade_policy import GRADES

LIFECYCLES = [
    ("loyal", "Loyal"),
    ("general", "General"),
    ("at_risk", "At Risk"),
    ("lost", "Lost"),
]
# House rules of the sources, configurable in Settings (ir.config_parameter): the defaults of both
SETTINGS = {
    "grade_window_months": 24,
    "grade_share_a": 20,
    "grade_share_b": 30,
    "grade_share_c": 40,
    "grade_share_d": 10,
    "grade_weight_ticket": 40,
    "grade_weight_visits": 35,
    "grade_weight_interval": 25,
    "grade_min_series": 20,
    "at_risk_months": 6,
    "lost_months": 12,
}
# The customer columns the nightly _dealer_update_customer_values writes
CUSTOMER_VALUE_FIELDS = [
    "dealer_value_grade",
    "dealer_value_score",
    "dealer_avg_ticket",
    "dealer_paid_visits",
    "dealer_visit_interval",
    "dealer_late_payments",
    "dealer_lifecycle",
    "dealer_last_visit_date",
    "property_payment_term_id",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_visit_ids = fields.One2many("dealer.service.visit", "partner_id", string="Service Visits")
    dealer_visit_count = fields.Integer(compute="_compute_dealer_visit_count", string="Visits")

    # Kept by the nightly _cron_dealer_classification, in SQL, for a whole dealer group at once; every change
    # of grade or relationship is kept in dealer_lifecycle_change_ids, with its day and reason.
    dealer_value_grade = fields.Selection(
        GRADES,
        string="Value Grade",
        readonly=True,
        index=True,
        copy=False,
        help="A to D, from the paid customer-pay visits of the last months: average ticket, number of "
        "visits and interval, ranked within the customer's vehicle series.",
    )
    dealer_value_score = fields.Float("Value Score", readonly=True, copy=False, aggregator="avg")
    dealer_avg_ticket = fields.Monetary(
        "Average Ticket", readonly=True, copy=False, currency_field="dealer_currency_id", aggregator="avg"
    )
    dealer_paid_visits = fields.Integer("Paid Visits", readonly=True, copy=False)
    dealer_visit_interval = fields.Float("Visit Interval (months)", readonly=True, copy=False, aggregator="avg")
    dealer_grade_reason = fields.Char("Why this Grade", compute="_compute_dealer_grade_reason")
    dealer_currency_id = fields.Many2one(related="company_id.currency_id", string="Store Currency")
    dealer_lifecycle = fields.Selection(LIFECYCLES, string="Relationship", readonly=True, index=True, copy=False)
    dealer_last_visit_date = fields.Date("Last Visit", readonly=True, index=True, copy=False)
    dealer_late_payments = fields.Integer(
        "Late Payments",
        readonly=True,
        copy=False,
        help="Invoices paid after their due date, in the worst recent quarter.",
    )
    dealer_lifecycle_change_ids = fields.One2many(
        "dealer.lifecycle.change", "partner_id", string="Grade and Relationship History"
    )

    @api.depends("dealer_visit_ids")
    def _compute_dealer_visit_count(self):
        counts = dict(
            self.env["dealer.service.visit"]._read_group(
                [("partner_id", "in", self._origin.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.dealer_visit_count = counts.get(partner._origin, 0)

    @api.depends("dealer_value_grade", "dealer_avg_ticket", "dealer_paid_visits", "dealer_visit_interval")
    @api.depends_context("lang")
    def _compute_dealer_grade_reason(self):
        for partner in self:
            if not partner.dealer_value_grade:
                partner.dealer_grade_reason = False
                continue
            ticket = format_amount(
                self.env, partner.dealer_avg_ticket, partner.dealer_currency_id or self.env.company.currency_id
            )
            if partner.dealer_paid_visits > 1:
                partner.dealer_grade_reason = self.env._(
                    "%(grade)s: average ticket %(ticket)s, %(visits)s visits, every %(months)s months",
                    grade=partner.dealer_value_grade,
                    ticket=ticket,
                    visits=partner.dealer_paid_visits,
                    months=f"{partner.dealer_visit_interval:.1f}",
                )
            else:
                partner.dealer_grade_reason = self.env._(
                    "%(grade)s: average ticket %(ticket)s, one visit", grade=partner.dealer_value_grade, ticket=ticket
                )

    def action_open_dealer_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_service.dealer_service_visit_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def _cron_dealer_classification(self):
        """Nightly: on top of the warranty states and basic classifications, the value grades,
        the payment terms they earn, and the relationship of every customer."""
        result = super()._cron_dealer_classification()
        self.env["ir.cron"]._dealer_commit_progress()
        turned_at_risk = self._dealer_update_customer_values()
        self.env["ir.cron"]._dealer_commit_progress()
        calendar = self.env["dealer.care.calendar"]
        calendar._dealer_schedule_in_batches(calendar._dealer_win_backs(turned_at_risk))
        return result

    @api.model
    def _dealer_setting(self, key):
        # sudo: system parameters are the admin's; the grading thresholds are numbers, read, never written
        return int(self.env["ir.config_parameter"].sudo().get_param(f"dealer_service.{key}", SETTINGS[key]))

    @api.model
    def _dealer_update_customer_values(self):
        """Grade, late payments, payment terms and relationship of every customer, in one set-based pass.

        - the value grade of _dealer_grades_query;
        - the payment terms of the grade's policy (the store's own before the
          shared one), one grade lower after two late payments in a quarter;
        - the relationship of every customer (owner of a car or visitor of the
          workshop): lost after so many months without a visit (counted from
          the delivery of their first car when they never came), at risk after
          fewer months or for a reason of _dealer_at_risk_reasons (low
          satisfaction, open complaint...), loyal when graded A or B and none of
          that, general otherwise;
        - every change of grade or relationship kept in the customer's history
          (dealer.lifecycle.change), with its day and reason.

        A customer is written once, and only when something changed. The write
        is SQL, measured (see readme/DESCRIPTION.md, "Writes in SQL, and why"):
        the values are each customer's own, so that a write grouped by values is
        one ORM write per customer, 200,000 on a dealer group's first run; then
        _dealer_customer_values_written does what the ORM's write would have
        done. Returns the customers who have just turned at risk.
        """
        self.env.flush_all()
        today = self.env["res.company"]._dealer_today()
        # a nightly batch over millions of rows: let it sort and hash in memory,
        # and spare it the JIT compilation of its many expressions, which costs
        # PostgreSQL more than it saves (5 s of 9 s on 200,000 customers)
        self.env.cr.execute("SET LOCAL work_mem = '64MB'")
        self.env.cr.execute("SET LOCAL jit = off")
        self.env.cr.execute(
            SQL(
                """
                WITH changed AS (%(changed)s),
                updated AS (%(update)s),
                logged AS (%(log)s)
                SELECT ARRAY(SELECT id FROM updated),
                       ARRAY(SELECT partner_id FROM logged
                              WHERE lifecycle = 'at_risk' AND previous IS DISTINCT FROM lifecycle)
                """,
                changed=self._dealer_changed_customers_query(today),
                update=self._dealer_customer_values_update_sql(),
                log=self._dealer_customer_values_log_sql(today),
            )
        )
        updated_ids, turned_at_risk = self.env.cr.fetchone()
        self.browse(updated_ids)._dealer_customer_values_written()
        return turned_at_risk

    def _dealer_customer_values_written(self):
        """What the ORM's write does, for the customers `self` that the SQL of _dealer_update_customer_values
        has just written: the cache forgets their old values and history, and whatever depends on the values
        (the grade's reason, and stored fields of other add-ons) is recomputed."""
        self.invalidate_recordset([*CUSTOMER_VALUE_FIELDS, "dealer_lifecycle_change_ids"])
        self.modified(CUSTOMER_VALUE_FIELDS)
        self.env["dealer.lifecycle.change"].invalidate_model()

    @api.model
    def _dealer_customer_values_update_sql(self):
        """SQL of the UPDATE of the customers in `changed` (_dealer_changed_customers_query), returning their ids."""
        return SQL(
            """
            UPDATE res_partner p
               SET dealer_value_grade = c.grade,
                   dealer_value_score = c.score,
                   dealer_avg_ticket = c.ticket,
                   dealer_paid_visits = c.visits,
                   dealer_visit_interval = c.interval,
                   dealer_late_payments = c.late,
                   dealer_lifecycle = c.lifecycle,
                   dealer_last_visit_date = c.last_day,
                   property_payment_term_id = CASE
                       WHEN c.term_id IS NULL THEN p.property_payment_term_id
                       ELSE COALESCE(p.property_payment_term_id, '{}'::jsonb)
                            || jsonb_build_object(c.term_company, c.term_id) END,
                   write_uid = %(uid)s,
                   write_date = %(now)s
              FROM changed c
             WHERE p.id = c.id
         RETURNING p.id
            """,
            uid=self.env.uid,
            now=self.env.cr.now(),
        )

    @api.model
    def _dealer_customer_values_log_sql(self, today):
        """SQL of the history rows of the customers in `changed` whose grade or relationship changed `today`,
        with the reason, returning (partner_id, previous, lifecycle)."""
        return SQL(
            """
            INSERT INTO dealer_lifecycle_change (partner_id, date, previous, lifecycle, previous_grade, grade,
                                                 reason, last_visit_date,
                                                 create_uid, create_date, write_uid, write_date)
            SELECT c.id, %(today)s, c.previous, c.lifecycle, c.previous_grade, c.grade,
                   c.reason, c.last_day, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM changed c
             WHERE c.previous IS DISTINCT FROM c.lifecycle OR c.previous_grade IS DISTINCT FROM c.grade
         RETURNING partner_id, previous, lifecycle
            """,
            today=today,
            uid=self.env.uid,
            now=self.env.cr.now(),
        )

    @api.model
    def _dealer_changed_customers_query(self, today):
        """SQL of the rows of _dealer_customer_targets_query that differ from what the customer holds, with the
        customer's relationship and grade before (previous, previous_grade)."""
        return SQL(
            """
            SELECT t.*, p.dealer_lifecycle AS previous, p.dealer_value_grade AS previous_grade
              FROM (%(targets)s) t JOIN res_partner p ON p.id = t.id
             WHERE p.dealer_value_grade IS DISTINCT FROM t.grade
                OR p.dealer_value_score IS DISTINCT FROM t.score
                OR p.dealer_avg_ticket IS DISTINCT FROM t.ticket
                OR p.dealer_paid_visits IS DISTINCT FROM t.visits
                OR p.dealer_visit_interval IS DISTINCT FROM t.interval
                OR COALESCE(p.dealer_late_payments, 0) <> t.late
                OR p.dealer_lifecycle IS DISTINCT FROM t.lifecycle
                OR p.dealer_last_visit_date IS DISTINCT FROM t.last_day
                OR (t.term_id IS NOT NULL
                    AND (p.property_payment_term_id ->> t.term_company) IS DISTINCT FROM t.term_id::text)
            """,
            targets=self._dealer_customer_targets_query(today),
        )

    @api.model
    def _dealer_customer_targets_query(self, today):
        """SQL of what each customer with a grade, late payment, visit or car (or who held one) should hold
        `today`, and why their relationship is what it is (`reason`: no_visit, concern or grade)."""
        at_risk_since = today - relativedelta(months=self._dealer_setting("at_risk_months"))
        grades = [grade for grade, _label in GRADES]
        return SQL(
            """
            SELECT b.*, b.company_id::text AS term_company, t.payment_term_id AS term_id
              FROM (
                SELECT p.id, COALESCE(p.company_id, %(company)s) AS company_id,
                       g.grade, g.score, g.ticket, g.visits, g.interval, COALESCE(l.late, 0) AS late,
                       v.last_day,
                       CASE WHEN v.partner_id IS NULL AND c.partner_id IS NULL THEN NULL
                            WHEN COALESCE(v.last_day, c.first_delivery, %(today)s) < %(lost_since)s THEN 'lost'
                            WHEN COALESCE(v.last_day, c.first_delivery, %(today)s) < %(at_risk_since)s
                                 OR r.partner_id IS NOT NULL THEN 'at_risk'
                            WHEN g.grade IN ('A', 'B') THEN 'loyal'
                            ELSE 'general' END AS lifecycle,
                       CASE WHEN COALESCE(v.last_day, c.first_delivery, %(today)s) < %(at_risk_since)s THEN 'no_visit'
                            WHEN r.partner_id IS NOT NULL THEN 'concern'
                            ELSE 'grade' END AS reason,
                       CASE WHEN COALESCE(l.late, 0) >= 2
                            THEN (%(lower_grades)s::varchar[])[array_position(%(grades)s::varchar[], g.grade)]
                            ELSE g.grade END AS terms_grade
                  FROM res_partner p
             LEFT JOIN (%(graded)s) g ON g.partner_id = p.id
             LEFT JOIN (%(late)s) l ON l.partner_id = p.id
             LEFT JOIN (%(visits)s) v ON v.partner_id = p.id
             LEFT JOIN (%(cars)s) c ON c.partner_id = p.id
             LEFT JOIN (%(concerns)s) r ON r.partner_id = p.id
                 WHERE g.partner_id IS NOT NULL OR l.partner_id IS NOT NULL
                    OR v.partner_id IS NOT NULL OR c.partner_id IS NOT NULL
                    OR p.dealer_value_grade IS NOT NULL OR p.dealer_lifecycle IS NOT NULL
                    OR p.dealer_late_payments > 0
              ) b
         LEFT JOIN (%(terms)s) t ON t.grade = b.terms_grade AND t.company_id = b.company_id
            """,
            graded=self._dealer_grades_query(today),
            late=self._dealer_late_payments_query(today),
            visits=self._dealer_last_visits_query(),
            cars=self._dealer_first_deliveries_query(),
            concerns=self._dealer_concerns_query(at_risk_since),
            terms=self._dealer_grade_terms_query(),
            grades=grades,
            lower_grades=[*grades[1:], grades[-1]],
            company=self.env.company.id,
            today=today,
            lost_since=today - relativedelta(months=self._dealer_setting("lost_months")),
            at_risk_since=at_risk_since,
        )

    @api.model
    def _dealer_last_visits_query(self):
        """SQL of (partner_id, last_day): the stores' day of each customer's last completed visit."""
        return SQL(
            """SELECT partner_id, %s AS last_day
                 FROM dealer_service_visit WHERE state IN ('done', 'invoiced') GROUP BY partner_id""",
            self.env["res.company"]._dealer_day_sql(SQL("MAX(date_done)")),
        )

    @api.model
    def _dealer_first_deliveries_query(self):
        """SQL of (partner_id, first_delivery): the delivery day of each owner's first car (of those they own)."""
        return SQL(
            """SELECT owner_id AS partner_id, MIN(dealer_delivery_date) AS first_delivery
                 FROM fleet_vehicle WHERE active AND owner_id IS NOT NULL GROUP BY owner_id"""
        )

    @api.model
    def _dealer_concerns_query(self, since):
        """SQL of (partner_id): once each, the customers at risk for a reason of _dealer_at_risk_reasons."""
        return SQL(
            "SELECT DISTINCT id AS partner_id FROM (%s) reason (id)",
            SQL(" UNION ").join(self._dealer_at_risk_reasons(since)),
        )

    @api.model
    def _dealer_grade_terms_query(self):
        """SQL of (grade, company_id, payment_term_id): the payment terms each grade earns in each store, the
        store's own policy before the shared one."""
        return SQL(
            """SELECT DISTINCT ON (g.grade, c.id) g.grade, c.id AS company_id, g.payment_term_id
                 FROM dealer_grade_policy g
                 JOIN res_company c ON c.id = g.company_id OR g.company_id IS NULL
             ORDER BY g.grade, c.id, g.company_id NULLS LAST"""
        )

    @api.model
    def _dealer_grades_query(self, today):
        """SQL of (partner_id, grade, score, ticket, visits, interval): the grade of every customer who
        paid for customer-pay visits in the window.

        Three factors, each a percentile rank: the average ticket (ranked among
        the customers of the same vehicle series, whose prices differ), the
        number of visits and the interval between them (ranked across the
        group). Their weighted sum scores the customer out of 100. A customer's
        position is the share of their series scoring better plus half of those
        tied with them, so that grades follow the target shares (20/30/40/10),
        ties share a grade, and a tie of everybody lands in the middle (C). A
        series with too few graded customers to have shares of its own is
        ranked with the whole group instead, ticket included. A customer's
        series is that of the car they brought most.
        """
        share_a, share_b, share_c = (self._dealer_setting(f"grade_share_{grade}") for grade in "abc")
        window_start = today - relativedelta(months=self._dealer_setting("grade_window_months"))
        customers = self._dealer_grade_customers_query(window_start)
        return SQL(
            """
            SELECT partner_id,
                   CASE WHEN position < %(cut_a)s THEN 'A'
                        WHEN position < %(cut_b)s THEN 'B'
                        WHEN position < %(cut_c)s THEN 'C'
                        ELSE 'D' END AS grade,
                   ROUND(score::numeric, 1) AS score,
                   ROUND(ticket::numeric, 2) AS ticket,
                   visits,
                   ROUND(interval::numeric, 2) AS interval
              FROM (%(positions)s) positioned
            """,
            positions=self._dealer_grade_positions_query(self._dealer_grade_scores_query(customers)),
            cut_a=share_a / 100,
            cut_b=(share_a + share_b) / 100,
            cut_c=(share_a + share_b + share_c) / 100,
        )

    @api.model
    def _dealer_grade_customers_query(self, window_start):
        """SQL of (partner_id, vehicle_id, ticket, visits, interval, series_id): per customer who paid for
        customer-pay visits since `window_start`, their average ticket, number of visits, months between
        them (none for one visit), and the car they brought most with its series."""
        return SQL(
            """
            SELECT c.*, fv.dealer_series_id AS series_id
              FROM (SELECT partner_id,
                           MODE() WITHIN GROUP (ORDER BY vehicle_id) AS vehicle_id,
                           AVG(amount) AS ticket,
                           COUNT(*) AS visits,
                           CASE WHEN COUNT(*) > 1
                                THEN (MAX(day) - MIN(day)) / (COUNT(*) - 1) / 30.4375 END AS interval
                      FROM (%(paid_visits)s) paid
                  GROUP BY partner_id) c
              JOIN fleet_vehicle fv ON fv.id = c.vehicle_id
            """,
            paid_visits=self.env["dealer.service.visit"]._dealer_paid_visits_query(window_start),
        )

    @api.model
    def _dealer_grade_scores_query(self, customers):
        """SQL of the rows of `customers` (_dealer_grade_customers_query) with their series' size and two
        scores out of 100, the weighted percentile ranks of the factors: ranked within their series
        (score_in_series) and within the group (score_in_group)."""
        weights = {
            factor: self._dealer_setting(f"grade_weight_{factor}") for factor in ("ticket", "visits", "interval")
        }
        return SQL(
            """
            SELECT c.*,
                   COUNT(*) OVER (PARTITION BY c.series_id) AS series_size,
                   (%(w_ticket)s * PERCENT_RANK() OVER (PARTITION BY c.series_id ORDER BY c.ticket)
                    + %(w_visits)s * PERCENT_RANK() OVER (ORDER BY c.visits)
                    + %(w_interval)s * PERCENT_RANK() OVER (ORDER BY c.interval DESC NULLS FIRST))
                   * 100.0 / %(w_total)s AS score_in_series,
                   (%(w_ticket)s * PERCENT_RANK() OVER (ORDER BY c.ticket)
                    + %(w_visits)s * PERCENT_RANK() OVER (ORDER BY c.visits)
                    + %(w_interval)s * PERCENT_RANK() OVER (ORDER BY c.interval DESC NULLS FIRST))
                   * 100.0 / %(w_total)s AS score_in_group
              FROM (%(customers)s) c
            """,
            customers=customers,
            w_ticket=weights["ticket"],
            w_visits=weights["visits"],
            w_interval=weights["interval"],
            w_total=sum(weights.values()) or 1,
        )

    @api.model
    def _dealer_grade_positions_query(self, scores):
        """SQL of (partner_id, ticket, visits, interval, score, position) from `scores`
        (_dealer_grade_scores_query): the score and position (0 the best, 1 the last; ties at their middle)
        within the customer's series, or within the group when the series is too small for shares."""
        return SQL(
            """
            SELECT partner_id, ticket, visits, interval,
                   CASE WHEN own_series THEN score_in_series ELSE score_in_group END AS score,
                   CASE WHEN own_series THEN position_in_series ELSE position_in_group END AS position
              FROM (
                SELECT s.*,
                       s.series_size >= %(min_series)s AS own_series,
                       (RANK() OVER (PARTITION BY s.series_id ORDER BY s.score_in_series DESC) - 1
                        + COUNT(*) OVER (PARTITION BY s.series_id, s.score_in_series) / 2.0)
                       / s.series_size AS position_in_series,
                       (RANK() OVER (ORDER BY s.score_in_group DESC) - 1
                        + COUNT(*) OVER (PARTITION BY s.score_in_group) / 2.0)
                       / COUNT(*) OVER () AS position_in_group
                  FROM (%(scores)s) s
              ) positioned
            """,
            scores=scores,
            min_series=self._dealer_setting("grade_min_series"),
        )

    @api.model
    def _dealer_late_payments_query(self, today):
        """Customers with invoices paid late (or still unpaid past their due date), and how many in their
        worst quarter, this one or the last; quarters are those of the due dates."""
        quarter_start = fields.Date.start_of(today, "quarter")
        return SQL(
            """
            SELECT partner_id, MAX(late) AS late FROM (
                SELECT m.commercial_partner_id AS partner_id, date_trunc('quarter', m.invoice_date_due) AS quarter,
                       COUNT(*) AS late
                  FROM account_move m
             LEFT JOIN LATERAL (
                       SELECT MAX(apr.max_date) AS paid_on
                         FROM account_move_line l
                         JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                        WHERE l.move_id = m.id AND l.display_type = 'payment_term'
                  ) payment ON TRUE
                 WHERE m.move_type = 'out_invoice' AND m.state = 'posted'
                   AND m.invoice_date_due >= %(since)s AND m.invoice_date_due < %(today)s
                   AND (payment.paid_on > m.invoice_date_due
                        OR m.payment_state NOT IN ('paid', 'in_payment', 'reversed'))
              GROUP BY 1, 2
            ) quarters
            GROUP BY partner_id
            """,
            since=quarter_start - relativedelta(months=3),
            today=today,
        )

    @api.model
    def _dealer_at_risk_reasons(self, since):
        """Queries selecting the ids of customers at risk for a reason other than not coming back:
        a survey of a visit completed since `since` scored low. dealer_complaints adds open complaints."""
        return [
            SQL(
                """SELECT v.partner_id FROM dealer_service_visit v
                    WHERE v.low_satisfaction_notified IS TRUE AND v.date_done >= %s""",
                since,
            )
        ]
