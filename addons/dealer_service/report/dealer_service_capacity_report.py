from odoo import fields, models, tools
from odoo.tools import SQL


class DealerServiceCapacityReport(models.Model):
    """Workshop load: cars booked and received per store and day, against its capacity."""

    _name = "dealer.service.capacity.report"
    _description = "Workshop Load"
    _auto = False
    _order = "day desc"
    _depends = {
        "dealer.service.visit": ["company_id", "date_planned", "date_checkin", "state"],
        "res.company": ["dealer_daily_capacity"],
    }

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    day = fields.Date(readonly=True)
    booked = fields.Integer(readonly=True, aggregator="sum")
    received = fields.Integer(readonly=True, aggregator="sum")
    capacity = fields.Integer(readonly=True, aggregator="sum")
    free = fields.Integer("Free Slots", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT MIN(v.id) AS id,
                           v.company_id,
                           (v.date_planned AT TIME ZONE 'UTC' AT TIME ZONE %s)::date AS day,
                           COUNT(*) AS booked,
                           COUNT(v.date_checkin) AS received,
                           MAX(c.dealer_daily_capacity) AS capacity,
                           MAX(c.dealer_daily_capacity) - COUNT(*) AS free
                      FROM dealer_service_visit v
                      JOIN res_company c ON c.id = v.company_id
                     WHERE v.state != 'cancelled' AND v.date_planned IS NOT NULL
                  GROUP BY v.company_id, 3
                )
                """,
                SQL.identifier(self._table),
                self.env["res.company"]._dealer_tz_sql(),
            )
        )
