from odoo import fields, models, tools
from odoo.tools import SQL


class DealerServiceRetentionReport(models.Model):
    """Retention: of the cars delivered in a month, how many came back for their first and second service."""

    _name = "dealer.service.retention.report"
    _description = "Service Retention"
    _auto = False
    _order = "cohort desc"
    _depends = {
        "fleet.vehicle": ["company_id", "dealer_delivery_date", "dealer_series_id", "active"],
        "dealer.service.visit": ["vehicle_id", "state", "visit_type"],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    series_id = fields.Many2one("dealer.vehicle.series", readonly=True)
    cohort = fields.Date("Delivered in", readonly=True)
    months_since_delivery = fields.Integer("Months since Delivery", readonly=True, aggregator="min")
    first_service_rate = fields.Float("Back for the 1st Service (%)", readonly=True, aggregator="avg")
    second_service_rate = fields.Float("Back for the 2nd Service (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT v.id, v.id AS vehicle_id, v.company_id, v.dealer_series_id AS series_id,
                           date_trunc('month', v.dealer_delivery_date)::date AS cohort,
                           (EXTRACT(YEAR FROM age(today.day, v.dealer_delivery_date)) * 12
                            + EXTRACT(MONTH FROM age(today.day, v.dealer_delivery_date)))::int
                               AS months_since_delivery,
                           CASE WHEN s.services >= 1 THEN 100.0 ELSE 0.0 END AS first_service_rate,
                           CASE WHEN s.services >= 2 THEN 100.0 ELSE 0.0 END AS second_service_rate
                      FROM fleet_vehicle v
                      -- the stores' day, not the database server's (see res.company._dealer_tz)
                      CROSS JOIN (SELECT (now() AT TIME ZONE %s)::date AS day) today
                 LEFT JOIN (SELECT vehicle_id, COUNT(*) AS services FROM dealer_service_visit
                             WHERE state IN ('done', 'invoiced') AND visit_type IN ('first_maintenance', 'maintenance')
                          GROUP BY vehicle_id) s ON s.vehicle_id = v.id
                     WHERE v.active AND v.dealer_delivery_date IS NOT NULL
                )
                """,
                SQL.identifier(self._table),
                self.env["res.company"]._dealer_tz_sql(),
            )
        )
