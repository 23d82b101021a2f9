from odoo import fields, models, tools
from odoo.tools import SQL


class DealerServiceDueReport(models.Model):
    """Due against booked: the cars whose service falls due, and whether a visit is booked."""

    _name = "dealer.service.due.report"
    _description = "Services Due and Booked"
    _auto = False
    _order = "due_date"
    _depends = {
        "fleet.vehicle": ["company_id", "owner_id", "dealer_next_service_date", "active"],
        "dealer.service.visit": ["vehicle_id", "state"],
    }

    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    due_date = fields.Date("Due", readonly=True)
    booked = fields.Boolean(readonly=True)
    booked_rate = fields.Float("Booked (%)", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT v.id, v.id AS vehicle_id, v.owner_id AS partner_id,
                           p.dealer_service_advisor_id AS advisor_id,
                           v.company_id, v.dealer_next_service_date AS due_date,
                           b.vehicle_id IS NOT NULL AS booked,
                           CASE WHEN b.vehicle_id IS NOT NULL THEN 100.0 ELSE 0.0 END AS booked_rate
                      FROM fleet_vehicle v
                      JOIN res_partner p ON p.id = v.owner_id
                 LEFT JOIN (SELECT DISTINCT vehicle_id FROM dealer_service_visit
                             WHERE state IN ('appointment', 'checked_in', 'in_progress', 'quality_check')) b
                           ON b.vehicle_id = v.id
                     WHERE v.active AND v.dealer_next_service_date IS NOT NULL
                )
                """,
                SQL.identifier(self._table),
            )
        )
