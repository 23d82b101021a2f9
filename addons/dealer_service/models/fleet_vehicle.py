from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

SCHEDULE_COLUMNS = ("dealer_next_service_date", "dealer_next_service_odometer", "dealer_km_per_day")


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    # Kept by _dealer_refresh_service_schedule(), in SQL (see _dealer_update_service_schedule): the due
    # date moves with the mileage the car actually does.
    dealer_next_service_date = fields.Date("Next Service", readonly=True, index=True, copy=False)
    dealer_next_service_odometer = fields.Float("Next Service at (km)", readonly=True, copy=False)
    dealer_km_per_day = fields.Float(
        "Km per Day", readonly=True, copy=False, help="From the car's own odometer readings, or the store's average."
    )

    dealer_service_overdue = fields.Boolean(
        "Service Overdue",
        compute="_compute_dealer_service_overdue",
        search="_search_dealer_service_overdue",
        help="The car has passed the mileage or the day of its next service.",
    )

    dealer_visit_ids = fields.One2many("dealer.service.visit", "vehicle_id", string="Service Visits")
    dealer_campaign_vehicle_ids = fields.One2many("dealer.service.campaign.vehicle", "vehicle_id", string="Campaigns")
    dealer_open_campaign_count = fields.Integer(compute="_compute_dealer_open_campaign_count", string="Open Campaigns")
    dealer_visit_count = fields.Integer(compute="_compute_dealer_visit_count", string="Visits")

    @api.depends("dealer_visit_ids")
    def _compute_dealer_visit_count(self):
        counts = dict(
            self.env["dealer.service.visit"]._read_group(
                [("vehicle_id", "in", self._origin.ids)], ["vehicle_id"], ["__count"]
            )
        )
        for vehicle in self:
            vehicle.dealer_visit_count = counts.get(vehicle._origin, 0)

    @api.depends("odometer", "dealer_next_service_odometer", "dealer_next_service_date")
    def _compute_dealer_service_overdue(self):
        today = self.env["res.company"]._dealer_today()
        for vehicle in self:
            vehicle.dealer_service_overdue = vehicle._dealer_is_service_overdue(today)

    def _dealer_is_service_overdue(self, today):
        passed_km = self.dealer_next_service_odometer and self.odometer >= self.dealer_next_service_odometer
        passed_day = self.dealer_next_service_date and self.dealer_next_service_date < today
        return bool(passed_km or passed_day)

    def _search_dealer_service_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        today = self.env["res.company"]._dealer_today()
        passed_km = Domain.custom(
            to_sql=lambda model, alias, query: SQL(
                "%s >= %s",
                model._field_to_sql(alias, "odometer", query),
                model._field_to_sql(alias, "dealer_next_service_odometer", query),
            ),
            predicate=lambda vehicle: vehicle._dealer_is_service_overdue(today),
        )
        overdue = (Domain("dealer_next_service_odometer", ">", 0) & passed_km) | Domain(
            "dealer_next_service_date", "<", today
        )
        return overdue if (operator == "in") == (True in value) else ~overdue

    @api.depends("dealer_campaign_vehicle_ids.state", "dealer_campaign_vehicle_ids.campaign_id.state")
    def _compute_dealer_open_campaign_count(self):
        for vehicle in self:
            vehicle.dealer_open_campaign_count = len(vehicle._dealer_open_campaign_rows())

    def _dealer_open_campaign_rows(self):
        return self.dealer_campaign_vehicle_ids.filtered(
            lambda row: row.state == "open" and row.campaign_id.state == "open"
        )

    def action_open_dealer_campaigns(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Campaigns of %s", self.display_name),
            "res_model": "dealer.service.campaign.vehicle",
            "view_mode": "list",
            "domain": [("vehicle_id", "=", self.id)],
        }

    def action_open_dealer_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_service.dealer_service_visit_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id, "default_company_id": self.company_id.id}
        return action

    def _dealer_refresh_warranty(self):
        # called whenever the facts of a car change (delivery, model, mileage):
        # its next service moves with them
        result = super()._dealer_refresh_warranty()
        self._dealer_refresh_service_schedule()
        return result

    def _dealer_refresh_service_schedule(self):
        if self.ids:
            self._dealer_update_service_schedule(SQL("fv.id IN %s", tuple(self.ids)))

    @api.model
    def _dealer_refresh_service_schedule_all(self):
        self._dealer_update_service_schedule(SQL("TRUE"))

    @api.model
    def _dealer_update_service_schedule(self, where):
        """Next service of the vehicles matching `where` (SQL on fleet_vehicle fv), due at whichever comes
        first (_dealer_service_targets_query), written where it moved.

        The write is SQL, measured (see readme/DESCRIPTION.md, "Writes in SQL,
        and why"): each car's due day and mileage are its own, so that a write
        grouped by values is one ORM write per car, 300,000 on a dealer group's
        first run. Then it does what the ORM's write would have done: the cache
        forgets the old schedule, and what depends on it (overdue) is recomputed.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE fleet_vehicle fv
                   SET dealer_next_service_date = t.due_day,
                       dealer_next_service_odometer = t.due_km,
                       dealer_km_per_day = t.km_per_day
                  FROM (%(targets)s) t
                 WHERE fv.id = t.id
                   AND (fv.dealer_next_service_date IS DISTINCT FROM t.due_day
                        OR fv.dealer_next_service_odometer IS DISTINCT FROM t.due_km
                        OR fv.dealer_km_per_day IS DISTINCT FROM t.km_per_day)
             RETURNING fv.id
                """,
                targets=self._dealer_service_targets_query(where),
            )
        )
        vehicles = self.browse(vehicle_id for (vehicle_id,) in self.env.cr.fetchall())
        vehicles.invalidate_recordset(list(SCHEDULE_COLUMNS))
        vehicles.modified(list(SCHEDULE_COLUMNS))

    @api.model
    def _dealer_service_targets_query(self, where):
        """SQL of (id, due_km, km_per_day, due_day) of the vehicles matching `where`: the next service by time
        (the first so many months after delivery, then every so many months after the last maintenance) or
        by mileage (the first at so many km, then every so many km after the last maintenance, on the day the
        car's pace reaches it), whichever comes first. Cars not delivered have none."""
        return SQL(
            """
            SELECT fv.id,
                   p.base_km + p.step_km AS due_km,
                   p.km_per_day,
                   LEAST(
                       (p.base_day + make_interval(months => p.step_months))::date,
                       p.reading_day + CEIL(GREATEST(p.base_km + p.step_km - p.reading_km, 0)
                                            / NULLIF(p.km_per_day, 0))::int
                   ) AS due_day
              FROM fleet_vehicle fv
         LEFT JOIN (%(pace)s) p ON p.id = fv.id
             WHERE %(where)s
            """,
            pace=self._dealer_service_pace_query(where),
            where=where,
        )

    @api.model
    def _dealer_service_pace_query(self, where):
        """SQL of (id, km_per_day, base_day, base_km, step_km, step_months, reading_day, reading_km) of the
        delivered vehicles matching `where`: the km a day from the car's first to its last odometer reading
        (the store's average when it has fewer than two readings on different days); the day and mileage
        the next service counts from (the last maintenance, else the delivery at 0 km) and its step (the
        model's first service, else its interval); the car's last known day and mileage."""
        return SQL(
            """
            SELECT fv.id,
                   CASE WHEN r.last_day > r.first_day
                        THEN (r.last_km - r.first_km) / (r.last_day - r.first_day)
                        ELSE c.dealer_default_km_per_day END AS km_per_day,
                   COALESCE(ls.day, fv.dealer_delivery_date) AS base_day,
                   COALESCE(ls.km, 0) AS base_km,
                   CASE WHEN ls.day IS NULL THEN m.dealer_first_service_km
                        ELSE m.dealer_service_interval_km END AS step_km,
                   CASE WHEN ls.day IS NULL THEN m.dealer_first_service_months
                        ELSE m.dealer_service_interval_months END AS step_months,
                   COALESCE(r.last_day, fv.dealer_delivery_date) AS reading_day,
                   GREATEST(COALESCE(r.last_km, 0), COALESCE(fv.odometer, 0)) AS reading_km
              FROM fleet_vehicle fv
              JOIN fleet_vehicle_model m ON m.id = fv.model_id
              JOIN res_company c ON c.id = COALESCE(fv.company_id, %(company)s)
         LEFT JOIN (%(last_service)s) ls ON ls.vehicle_id = fv.id
         LEFT JOIN (%(readings)s) r ON r.vehicle_id = fv.id
             WHERE %(where)s AND fv.dealer_delivery_date IS NOT NULL
            """,
            last_service=self._dealer_last_services_query(where),
            readings=self._dealer_odometer_readings_query(where),
            company=self.env.company.id,
            where=where,
        )

    @api.model
    def _dealer_last_services_query(self, where):
        """SQL of (vehicle_id, day, km) of the vehicles matching `where`: the stores' day and the mileage of
        their last completed maintenance (first or periodic)."""
        return SQL(
            """
            SELECT DISTINCT ON (v.vehicle_id) v.vehicle_id, %(done_day)s AS day, v.odometer AS km
              FROM dealer_service_visit v
             WHERE v.state IN ('done', 'invoiced')
               AND v.visit_type IN ('first_maintenance', 'maintenance')
               AND v.vehicle_id IN (SELECT fv.id FROM fleet_vehicle fv WHERE %(where)s)
          ORDER BY v.vehicle_id, v.date_done DESC
            """,
            done_day=self.env["res.company"]._dealer_day_sql(SQL("v.date_done")),
            where=where,
        )

    @api.model
    def _dealer_odometer_readings_query(self, where):
        """SQL of (vehicle_id, first_day, last_day, first_km, last_km) of the vehicles matching `where`: the
        span of their odometer readings."""
        return SQL(
            """
            SELECT o.vehicle_id, MIN(o.date) AS first_day, MAX(o.date) AS last_day,
                   MIN(o.value) AS first_km, MAX(o.value) AS last_km
              FROM fleet_vehicle_odometer o
             WHERE o.vehicle_id IN (SELECT fv.id FROM fleet_vehicle fv WHERE %(where)s)
          GROUP BY o.vehicle_id
            """,
            where=where,
        )

    @api.model
    def _cron_dealer_service_reminders(self):
        """Daily: refresh every car's next service, then plan the reminder calls due, in batches."""
        self._dealer_refresh_service_schedule_all()
        calendar = self.env["dealer.care.calendar"]
        calendar._dealer_schedule_in_batches(calendar._dealer_service_reminders())
