from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

PERIODS = [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")]
# how many past periods make the moving average
WINDOWS = {"month": 6, "quarter": 4, "year": 3}
STEPS = {"month": relativedelta(months=1), "quarter": relativedelta(months=3), "year": relativedelta(years=1)}


class DealerComplaintWarning(models.Model):
    """Early warning: a category x vehicle model x store counting more complaints than its moving average."""

    _name = "dealer.complaint.warning"
    _description = "Complaint Early Warning"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, ratio desc, id desc"

    company_id = fields.Many2one("res.company", string="Store", required=True, index=True, readonly=True)
    category_id = fields.Many2one("dealer.complaint.category", required=True, readonly=True)
    vehicle_model_id = fields.Many2one("fleet.vehicle.model", required=True, readonly=True)
    period = fields.Selection(PERIODS, required=True, readonly=True)
    period_start = fields.Date(required=True, readonly=True)
    complaint_count = fields.Integer("Complaints", readonly=True, aggregator="sum")
    average = fields.Float("Moving Average", readonly=True, digits=(16, 2), aggregator="avg")
    ratio = fields.Float("Times the Average", readonly=True, digits=(16, 2), aggregator="max")
    state = fields.Selection(
        [("new", "New"), ("acknowledged", "Acknowledged")], default="new", required=True, tracking=True
    )
    note = fields.Text("Action Taken", tracking=True)

    _unique_combination = models.UniqueIndex("(company_id, category_id, vehicle_model_id, period, period_start)")

    @api.depends("category_id", "vehicle_model_id", "period", "period_start")
    def _compute_display_name(self):
        labels = dict(PERIODS)
        for warning in self:
            warning.display_name = self.env._(
                "%(category)s on %(model)s (%(period)s from %(start)s)",
                category=warning.category_id.complete_name,
                model=warning.vehicle_model_id.name,
                period=labels.get(warning.period, ""),
                start=warning.period_start,
            )

    def action_acknowledge(self):
        self.write({"state": "acknowledged"})
        self.activity_ids.action_feedback(feedback=self.env._("Acknowledged"))
        return True

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_complaints.dealer_complaint_action")
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("category_id", "=", self.category_id.id),
            ("vehicle_model_id", "=", self.vehicle_model_id.id),
            ("date_received", ">=", self.period_start),
            ("date_received", "<", self.period_start + STEPS[self.period]),
        ]
        return action

    @api.model
    def _dealer_period_start(self, period, day):
        if period == "month":
            return day.replace(day=1)
        if period == "quarter":
            return day.replace(day=1, month=(day.month - 1) // 3 * 3 + 1)
        return day.replace(day=1, month=1)

    @api.model
    def _dealer_spikes_query(self, period, today):
        """(company, category, model, count, average) of the current period above factor x the moving average
        of the previous periods: one aggregate over the complaints' index on (company, date)."""
        current = self._dealer_period_start(period, today)
        window = WINDOWS[period]
        since = current - STEPS[period] * window
        Company = self.env["res.company"]
        return SQL(
            """
            WITH counts AS (
                SELECT c.company_id, c.category_id, c.vehicle_model_id,
                       date_trunc(%(unit)s, %(received_day)s)::date AS period_start, COUNT(*) AS n
                  FROM dealer_complaint c
                 WHERE c.kind = 'complaint' AND c.state != 'cancelled'
                   AND c.category_id IS NOT NULL AND c.vehicle_model_id IS NOT NULL
                   AND c.date_received >= %(since)s AND c.date_received < %(until)s
              GROUP BY 1, 2, 3, 4
            ), combos AS (
                SELECT company_id, category_id, vehicle_model_id,
                       SUM(n) FILTER (WHERE period_start = %(current)s) AS n,
                       COALESCE(SUM(n) FILTER (WHERE period_start < %(current)s), 0)::float / %(window)s AS average
                  FROM counts
              GROUP BY 1, 2, 3
            )
            SELECT combos.company_id, combos.category_id, combos.vehicle_model_id, combos.n, combos.average
              FROM combos JOIN res_company company ON company.id = combos.company_id
             WHERE combos.n >= GREATEST(company.dealer_complaint_warning_min_count, 1)
               AND combos.n > combos.average * company.dealer_complaint_warning_factor
            """,
            unit=period,
            received_day=Company._dealer_day_sql(SQL("c.date_received")),
            since=Company._dealer_day_start(since),
            until=Company._dealer_day_start(current + STEPS[period]),
            current=current,
            window=window,
        )

    @api.model
    def _dealer_analyse(self, today=None):
        """Create the warnings of the current month, quarter and year once each, and tell the store's
        customer-relations manager. Re-running updates the counts and never warns twice."""
        today = today or self.env["res.company"]._dealer_today()
        self.env.flush_all()
        created = self.browse()
        for period, _label in PERIODS:
            created |= self._dealer_warn_spikes(period, today)
        created._dealer_tell_managers(today)
        return created

    def _dealer_warn_spikes(self, period, today):
        """Count the period's spikes into its warnings: update those already raised, create (and return)
        the new ones."""
        start = self._dealer_period_start(period, today)
        self.env.cr.execute(self._dealer_spikes_query(period, today))
        spikes = self.env.cr.fetchall()
        existing = {
            (w.company_id.id, w.category_id.id, w.vehicle_model_id.id): w
            # the nightly job's own warnings of the period (fixed domain), updated with the counts it computed
            for w in self.sudo().search([("period", "=", period), ("period_start", "=", start)])
        }
        vals_list = []
        for company_id, category_id, model_id, count, average in spikes:
            values = {"complaint_count": count, "average": average, "ratio": count / average if average else 0.0}
            if warning := existing.get((company_id, category_id, model_id)):
                warning.write(values)
                continue
            vals_list.append(
                {
                    **values,
                    "company_id": company_id,
                    "category_id": category_id,
                    "vehicle_model_id": model_id,
                    "period": period,
                    "period_start": start,
                }
            )
        return self.with_context(tracking_disable=True, mail_create_nolog=True).create(vals_list)

    def _dealer_tell_managers(self, today):
        """An activity for the store's customer-relations manager on each of these new warnings."""
        labels = dict(self._fields["period"]._description_selection(self.env))
        activity_type = self.env.ref("dealer_complaints.mail_activity_type_complaint_warning")
        activities = [
            {
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": warning.id,
                "activity_type_id": activity_type.id,
                "user_id": warning.company_id.dealer_complaint_manager_id.id,
                "date_deadline": today,
                "note": self.env._(
                    "%(count)s complaints this %(period)s against an average of %(average)s: find the cause "
                    "and tell the carmaker (defect feedback).",
                    count=warning.complaint_count,
                    period=labels[warning.period],
                    average=round(warning.average, 1),
                ),
            }
            for warning in self
            if warning.company_id.dealer_complaint_manager_id
        ]
        # activities of the nightly job: created for each store's own manager, nothing read back
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activities)
