from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.vehicle_identifiers import is_valid_plate, normalize_plate, normalize_vin, vin_problem

WARRANTY_STATES = [
    ("three_guarantees", "Three Guarantees"),
    ("warranty", "Manufacturer Warranty"),
    ("expired", "Out of Warranty"),
]
USAGES = [
    ("private", "Private"),
    ("company", "Company / Official"),
    ("commercial", "Commercial Operation"),
]
MILES_TO_KM = 1.609344
WARRANTY_TERMS = (
    "dealer_warranty_months",
    "dealer_warranty_km",
    "dealer_three_guarantees_months",
    "dealer_three_guarantees_km",
)
WARRANTY_COLUMNS = ("dealer_warranty_state", "dealer_three_guarantees_end_date", "dealer_warranty_end_date")


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    owner_id = fields.Many2one(
        "res.partner",
        tracking=True,
        index="btree_not_null",
        help="The customer who owns the car; the driver may be someone else.",
    )
    dealer_usage = fields.Selection(USAGES, string="Usage", default="private", required=True, tracking=True, index=True)
    dealer_delivery_date = fields.Date(
        "Delivery Date",
        tracking=True,
        index=True,
        copy=False,
        help="Day the car was handed to its first owner; the warranty periods start here.",
    )
    dealer_selling_company_id = fields.Many2one(
        "res.company", string="Selling Store", default=lambda self: self.env.company, index="btree_not_null"
    )
    dealer_sales_user_id = fields.Many2one(
        "res.users", string="Sales Consultant", tracking=True, domain="[('share', '=', False)]"
    )
    dealer_series_id = fields.Many2one(related="model_id.dealer_series_id", store=True, index="btree_not_null")
    dealer_ownership_ids = fields.One2many("dealer.vehicle.ownership", "vehicle_id", string="Owners")
    dealer_odometer_ids = fields.One2many("fleet.vehicle.odometer", "vehicle_id", string="Odometer Readings")
    # The last reading, stored so that warranty by mileage and reports work on sets.
    odometer = fields.Float(store=True)

    # Kept by _dealer_refresh_warranty(), in SQL, because dates move every day
    # even when no record does: the daily job refreshes every vehicle at once
    # (see readme/DESCRIPTION.md, "Writes in SQL, and why").
    dealer_warranty_state = fields.Selection(
        WARRANTY_STATES, string="Warranty", readonly=True, copy=False, index=True, tracking=True
    )
    dealer_three_guarantees_end_date = fields.Date("Three Guarantees Until", readonly=True, copy=False)
    dealer_warranty_end_date = fields.Date("Warranty Until", readonly=True, copy=False)

    _vin_unique = models.UniqueIndex(
        "(vin_sn) WHERE active AND vin_sn IS NOT NULL",
        "Another active vehicle already has this VIN: open it (or the customer who owns it) instead of "
        "registering the car twice.",
    )

    @api.depends("dealer_odometer_ids.value")
    def _get_odometer(self):
        readings = dict(
            self.env["fleet.vehicle.odometer"]._read_group(
                [("vehicle_id", "in", self._origin.ids)], ["vehicle_id"], ["value:max"]
            )
        )
        for vehicle in self:
            vehicle.odometer = readings.get(vehicle._origin, 0.0)

    @api.constrains("vin_sn")
    def _check_dealer_vin(self):
        messages = {
            "length": self.env._("has %(detail)s characters instead of 17"),
            "forbidden": self.env._("contains %(detail)s, letters a VIN never uses (I, O and Q)"),
            "characters": self.env._("contains %(detail)s, which a VIN never uses"),
            "check": self.env._("fails its check digit: position 9 should be %(detail)s"),
        }
        for vehicle in self.filtered("vin_sn"):
            problem = vin_problem(vehicle.vin_sn)
            if problem:
                kind, detail = problem
                raise ValidationError(
                    self.env._(
                        "VIN %(vin)s %(problem)s. Copy the 17 characters from the registration certificate "
                        "or the windscreen plate.",
                        vin=vehicle.vin_sn,
                        problem=messages[kind] % {"detail": detail},
                    )
                )

    @api.constrains("license_plate")
    def _check_dealer_license_plate(self):
        for vehicle in self.filtered("license_plate"):
            if not is_valid_plate(vehicle.license_plate):
                raise ValidationError(
                    self.env._(
                        "Licence plate %(plate)s is not a Chinese plate: expected a province character, "
                        "a letter and 5 letters or digits (e.g. 京A12345), or 6 for new-energy cars "
                        "(e.g. 粤BD12345).",
                        plate=vehicle.license_plate,
                    )
                )

    @api.constrains("dealer_delivery_date")
    def _check_dealer_delivery_date(self):
        if vehicle := self.env["res.company"]._dealer_dated_after_today(self, "dealer_delivery_date"):
            raise ValidationError(
                self.env._(
                    "The delivery date of %(vehicle)s is %(date)s, in the future: enter the day the car "
                    "was handed over, or leave it empty until then.",
                    vehicle=vehicle.display_name,
                    date=vehicle.dealer_delivery_date,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_normalize_identifiers(vals)
        self._dealer_check_vin_free(
            [vals["vin_sn"] for vals in vals_list if vals.get("vin_sn") and vals.get("active", True)]
        )
        vehicles = super().create(vals_list)
        vehicles.filtered("owner_id")._dealer_open_ownerships()
        vehicles._dealer_refresh_warranty()
        vehicles._dealer_start_care_calendar()
        return vehicles

    def write(self, vals):
        self._dealer_normalize_identifiers(vals)
        if vals.get("vin_sn") or vals.get("active"):
            reactivated = self.filtered(lambda vehicle: vals.get("active", vehicle.active))
            vins = [vals.get("vin_sn") or vehicle.vin_sn for vehicle in reactivated]
            self._dealer_check_vin_free([vin for vin in vins if vin], exclude=self)
        previous_owners = self.owner_id
        if "owner_id" in vals:
            self.filtered(lambda vehicle: vehicle.owner_id.id != vals["owner_id"])._dealer_close_ownerships()
        result = super().write(vals)
        if "owner_id" in vals:
            self.filtered("owner_id")._dealer_open_ownerships()
        if {"dealer_delivery_date", "model_id", "odometer", "odometer_unit", "dealer_usage", "active"} & set(vals):
            self._dealer_refresh_warranty()
        if {"owner_id", "dealer_usage", "active", "dealer_delivery_date"} & set(vals):
            (previous_owners | self.owner_id)._dealer_refresh_classification()
        if {"owner_id", "dealer_delivery_date"} & set(vals):
            self._dealer_start_care_calendar()
        return result

    @api.onchange("vin_sn")
    def _onchange_dealer_vin_sn(self):
        vin = normalize_vin(self.vin_sn)
        if not vin or vin_problem(vin):
            return None
        # the search runs as the user, so only a car he may see is found; sudo then reads its owner's name,
        # which the user might not read on its own (a customer of the car's other stores)
        known = (
            self.with_context(active_test=False)
            .search([("vin_sn", "=", vin), ("id", "!=", self._origin.id)], limit=1)
            .sudo()
        )
        if not known:
            return None
        return {
            "warning": {
                "title": self.env._("Known vehicle"),
                "message": self.env._(
                    "VIN %(vin)s is already registered (%(vehicle)s, owner %(owner)s, %(status)s). "
                    "Open that vehicle and change its owner instead of registering it again.",
                    vin=vin,
                    vehicle=known.display_name,
                    owner=known.owner_id.display_name or self.env._("none"),
                    status=self.env._("active") if known.active else self.env._("archived"),
                ),
            }
        }

    def action_open_dealer_owners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owners of %s", self.display_name),
            "res_model": "dealer.vehicle.ownership",
            "view_mode": "list,form",
            "domain": [("vehicle_id", "=", self.id)],
            "context": {"default_vehicle_id": self.id},
        }

    def _dealer_warranty_summary(self):
        """Why the car is (or is not) covered, in words: the period that ended and how."""
        self.ensure_one()
        if not self.dealer_delivery_date:
            return self.env._("no delivery date recorded")
        if self.dealer_warranty_state != "expired":
            return self.env._("covered until %(date)s", date=self.dealer_warranty_end_date)
        if self.dealer_warranty_end_date < self.env["res.company"]._dealer_today():
            return self.env._("warranty ended on %(date)s", date=self.dealer_warranty_end_date)
        return self.env._(
            "%(km)s km, beyond the %(limit)s km of its warranty",
            km=f"{self.odometer:,.0f}",
            limit=f"{self.model_id.dealer_warranty_km:,}",
        )

    @api.model
    def _dealer_check_vin_free(self, vins, exclude=None):
        """Refuse, before writing, a VIN that another active vehicle carries (or that appears twice)."""
        repeated = {vin for vin in vins if vins.count(vin) > 1}
        taken = self.search([("vin_sn", "in", vins), ("id", "not in", (exclude or self).ids)], limit=1)
        if repeated or taken:
            # sudo for the name only: `taken` was found under the user's rules (or by the system creating the
            # car), and only its display name leaves, in the refusal
            raise ValidationError(
                self.env._(
                    "VIN %(vin)s is already registered (%(vehicle)s): open that vehicle, or the customer who "
                    "owns it, instead of registering the car twice.",
                    vin=next(iter(repeated)) if repeated else taken.vin_sn,
                    vehicle=taken.sudo().display_name if taken else self.env._("twice in this entry"),
                )
            )

    @api.model
    def _dealer_normalize_identifiers(self, vals):
        if vals.get("vin_sn"):
            vals["vin_sn"] = normalize_vin(vals["vin_sn"])
        if vals.get("license_plate"):
            vals["license_plate"] = normalize_plate(vals["license_plate"])

    def _dealer_open_ownerships(self):
        self.env["dealer.vehicle.ownership"].create(
            [
                {
                    "vehicle_id": vehicle.id,
                    "partner_id": vehicle.owner_id.id,
                    "date_start": vehicle.dealer_delivery_date
                    if not vehicle.dealer_ownership_ids
                    else self.env["res.company"]._dealer_today(),
                }
                for vehicle in self
            ]
        )

    def _dealer_close_ownerships(self):
        self.dealer_ownership_ids.filtered(lambda ownership: not ownership.date_end).write(
            {"date_end": self.env["res.company"]._dealer_today()}
        )

    def _dealer_start_care_calendar(self):
        delivered = self.filtered(lambda vehicle: vehicle.dealer_delivery_date and vehicle.owner_id)
        if delivered:
            self.env["dealer.care.calendar"]._dealer_plan_delivery_calls(delivered)

    def _dealer_refresh_warranty(self):
        """Recompute the warranty end dates and state of these vehicles, and reclassify their owners."""
        if self.ids:
            reasons = self._dealer_update_warranty(SQL("v.id IN %s", tuple(self.ids)))
            self.env["res.partner"].browse(list(reasons))._dealer_refresh_classification(reasons)

    @api.model
    def _dealer_refresh_warranty_all(self):
        """Recompute every vehicle (the nightly job, which reclassifies every customer next). Returns why the
        owners' cars changed: {owner id: [reason, ...]}."""
        return self._dealer_update_warranty(SQL("TRUE"))

    @api.model
    def _dealer_update_warranty(self, where):
        """Apply the warranty rules to the vehicles matching `where`, in one statement that writes only the
        rows that change, then do what `write` would have done (cache, dependents, tracking with the reason).
        Returns {owner id: [why his car changed, ...]} of the cars whose state changed, for the owners'
        classification that may follow."""
        self.env["fleet.vehicle"].flush_model(
            ["dealer_delivery_date", "model_id", "odometer", "odometer_unit", "dealer_usage", "owner_id"]
        )
        self.env["fleet.vehicle.model"].flush_model(list(WARRANTY_TERMS))
        self.env.cr.execute(self._dealer_warranty_update_sql(where, self.env["res.company"]._dealer_today()))
        rows = self.env.cr.dictfetchall()
        # a first state (a car registered in SQL) is not a change a user follows, as at creation
        moved = [row for row in rows if row["old_state"] and row["old_state"] != row["dealer_warranty_state"]]
        self._dealer_sql_written({row["id"]: {column: row[column] for column in WARRANTY_COLUMNS} for row in rows})
        # the reasons read the new state and dates: once they are in the cache
        reasons = {vehicle.id: vehicle._dealer_warranty_reason() for vehicle in self.browse(row["id"] for row in moved)}
        old_states = {row["id"]: {"dealer_warranty_state": row["old_state"]} for row in moved}
        self._dealer_track_sql_changes(old_states, reasons)
        owners = {row["owner_id"]: [] for row in rows if row["owner_id"]}
        for vehicle in self.browse(reasons).filtered("owner_id"):
            owners[vehicle.owner_id.id].append(f"{vehicle.display_name}: {reasons[vehicle.id]}")
        return owners

    @api.model
    def _dealer_warranty_terms_sql(self, where):
        """SQL: per vehicle matching `where`, the end of each period and the figures that end it early."""
        return SQL(
            """
            SELECT v.id, v.dealer_warranty_state AS old_state,
                   v.dealer_usage = 'private' AS family_car,
                   (v.dealer_delivery_date
                       + make_interval(months => m.dealer_three_guarantees_months))::date - 1 AS tg_end,
                   (v.dealer_delivery_date + make_interval(months => m.dealer_warranty_months))::date - 1 AS w_end,
                   COALESCE(v.odometer, 0) * CASE WHEN v.odometer_unit = 'miles' THEN %(miles)s ELSE 1 END AS km,
                   m.dealer_three_guarantees_km AS tg_km,
                   m.dealer_warranty_km AS w_km
              FROM fleet_vehicle v
              JOIN fleet_vehicle_model m ON m.id = v.model_id
             WHERE %(where)s
            """,
            miles=MILES_TO_KM,
            where=where,
        )

    @api.model
    def _dealer_warranty_state_sql(self, today):
        """SQL: the state on `today` of a row of _dealer_warranty_terms_sql. A period ends at whichever comes
        first, its last day or its mileage. The three-guarantee period (三包) is the law for family cars, so it
        only applies to vehicles in private use; company and commercial cars go straight to the manufacturer
        warranty."""
        return SQL(
            """CASE WHEN w_end IS NULL THEN NULL
                    WHEN family_car AND %(today)s <= tg_end AND km <= tg_km THEN 'three_guarantees'
                    WHEN %(today)s <= w_end AND km <= w_km THEN 'warranty'
                    ELSE 'expired' END""",
            today=today,
        )

    @api.model
    def _dealer_warranty_update_sql(self, where, today):
        """SQL: write the terms and state of the vehicles matching `where` where they changed; returns the rows
        written with their owner, new values and former state."""
        return SQL(
            """
            WITH computed AS (%(terms)s),
                 target AS (SELECT id, old_state, tg_end, w_end, %(state)s AS state FROM computed)
            UPDATE fleet_vehicle v
               SET dealer_three_guarantees_end_date = t.tg_end,
                   dealer_warranty_end_date = t.w_end,
                   dealer_warranty_state = t.state
              FROM target t
             WHERE v.id = t.id
               AND (v.dealer_warranty_state IS DISTINCT FROM t.state
                    OR v.dealer_three_guarantees_end_date IS DISTINCT FROM t.tg_end
                    OR v.dealer_warranty_end_date IS DISTINCT FROM t.w_end)
         RETURNING v.id, v.owner_id, t.old_state, t.state AS dealer_warranty_state,
                   t.tg_end AS dealer_three_guarantees_end_date, t.w_end AS dealer_warranty_end_date
            """,
            terms=self._dealer_warranty_terms_sql(where),
            state=self._dealer_warranty_state_sql(today),
        )

    def _dealer_warranty_reason(self):
        """Why the car's warranty state is what it is, for the message that tracks its change."""
        self.ensure_one()
        if self.dealer_warranty_state != "warranty" or self.dealer_usage != "private":
            return self._dealer_warranty_summary()
        if self.dealer_three_guarantees_end_date < self.env["res.company"]._dealer_today():
            return self.env._("three guarantees ended on %(date)s", date=self.dealer_three_guarantees_end_date)
        return self.env._(
            "%(km)s km, beyond the %(limit)s km of its three guarantees",
            km=f"{self.odometer:,.0f}",
            limit=f"{self.model_id.dealer_three_guarantees_km:,}",
        )

    def _dealer_call_contact(self):
        self.ensure_one()
        return self.owner_id, self.owner_id.phone
