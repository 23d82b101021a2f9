from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .fleet_vehicle import USAGES, WARRANTY_STATES

DISTRICT_TYPES = [("city", "City"), ("county", "County"), ("township", "Township")]
OCCUPATIONS = [
    ("civil_servant", "Civil Servant"),
    ("employee", "Employee"),
    ("business_owner", "Business Owner"),
    ("migrant_worker", "Migrant Worker"),
    ("farmer", "Farmer"),
    ("retired", "Retired"),
    ("other", "Other"),
]
CHANNELS = [
    ("phone", "Phone Call"),
    ("sms", "SMS"),
    ("wechat", "WeChat"),
    ("email", "E-mail"),
]
# Chinese marketing speaks of generations by decade of birth (60后, 80后...).
FIRST_COHORT, LAST_COHORT = 1930, 2010
AGE_COHORTS = [(str(decade), f"{decade}s") for decade in range(FIRST_COHORT, LAST_COHORT + 1, 10)]
CLASSIFICATIONS = ("dealer_vehicle_age_class", "dealer_vehicle_usage", "dealer_age_cohort")


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_vehicle_ids = fields.One2many("fleet.vehicle", "owner_id", string="Vehicles")
    dealer_vehicle_count = fields.Integer(compute="_compute_dealer_vehicle_count", string="Vehicle Count")
    dealer_is_customer = fields.Boolean(
        "Dealer Customer",
        compute="_compute_dealer_is_customer",
        store=True,
        readonly=False,
        index=True,
        help="Owns or owned a car, asked for one, or was registered in the Dealer app: listed among its customers.",
    )
    dealer_service_advisor_id = fields.Many2one(
        "res.users",
        string="Service Advisor",
        domain="[('share', '=', False)]",
        tracking=True,
        help="Receives the customer's cars and owns their follow-up after the sale.",
    )
    dealer_district_type = fields.Selection(DISTRICT_TYPES, string="District", index=True, tracking=True)
    dealer_birthday = fields.Date("Birthday")
    dealer_occupation = fields.Selection(OCCUPATIONS, string="Occupation", index=True)
    dealer_preferred_channel = fields.Selection(CHANNELS, string="Preferred Channel", default="phone")
    dealer_do_not_call = fields.Boolean("Do Not Call", tracking=True)
    dealer_do_not_sms = fields.Boolean("Do Not SMS", tracking=True)
    dealer_do_not_email = fields.Boolean("Do Not E-mail", tracking=True)

    # Classifications of the domain brief that need no service history; kept
    # in SQL by _dealer_refresh_classification() so that a whole dealer group
    # is reclassified in one statement (readme/DESCRIPTION.md, "Writes in SQL,
    # and why"); their changes are tracked in the chatter with the reason.
    dealer_age_cohort = fields.Selection(AGE_COHORTS, string="Age Cohort", readonly=True, index=True, tracking=True)
    dealer_vehicle_age_class = fields.Selection(
        WARRANTY_STATES,
        string="Warranty Status",
        readonly=True,
        index=True,
        tracking=True,
        help="The warmest warranty status among the customer's cars.",
    )
    dealer_vehicle_usage = fields.Selection(
        USAGES,
        string="Vehicle Usage",
        readonly=True,
        index=True,
        tracking=True,
        help="Usage of the customer's latest car.",
    )

    dealer_completeness = fields.Integer(
        "Record Completeness (%)",
        compute="_compute_dealer_completeness",
        store=True,
        aggregator="avg",
        help="Share of the key facts known: mobile phone, address, district, birthday, occupation, a vehicle.",
    )
    dealer_missing_facts = fields.Char("Missing Facts", compute="_compute_dealer_missing_facts")
    dealer_duplicate_ids = fields.Many2many(
        "res.partner", string="Possible Duplicates", compute="_compute_dealer_duplicate_ids"
    )
    dealer_duplicate_count = fields.Integer(compute="_compute_dealer_duplicate_ids")

    @api.depends("dealer_vehicle_ids")
    def _compute_dealer_vehicle_count(self):
        counts = dict(
            self.env["fleet.vehicle"]._read_group([("owner_id", "in", self._origin.ids)], ["owner_id"], ["__count"])
        )
        for partner in self:
            partner.dealer_vehicle_count = counts.get(partner._origin, 0)

    @api.depends("dealer_vehicle_ids", "opportunity_ids.dealer_model_id")
    def _compute_dealer_is_customer(self):
        # once a customer, always one: a sold car or a lost deal does not remove them from the store's list
        for partner in self:
            if partner.dealer_vehicle_ids or partner.opportunity_ids.filtered("dealer_model_id"):
                partner.dealer_is_customer = True

    @api.depends(
        "is_company",
        "phone",
        "city",
        "dealer_district_type",
        "dealer_birthday",
        "dealer_occupation",
        "dealer_vehicle_ids",
    )
    def _compute_dealer_completeness(self):
        for partner in self:
            facts = partner._dealer_key_facts()
            known = sum(1 for value in facts.values() if value)
            partner.dealer_completeness = round(100 * known / len(facts))

    @api.depends(
        "is_company",
        "phone",
        "city",
        "dealer_district_type",
        "dealer_birthday",
        "dealer_occupation",
        "dealer_vehicle_ids",
    )
    def _compute_dealer_missing_facts(self):
        for partner in self:
            partner.dealer_missing_facts = ", ".join(
                label for label, value in partner._dealer_key_facts().items() if not value
            )

    def _dealer_key_facts(self):
        """The facts a dealer needs about a customer, by label: never ask twice, never miss one."""
        self.ensure_one()
        facts = {
            self.env._("mobile phone"): self.phone,
            self.env._("address"): self.city,
            self.env._("district"): self.dealer_district_type,
            self.env._("vehicle"): self.dealer_vehicle_ids,
        }
        if not self.is_company:
            facts[self.env._("birthday")] = self.dealer_birthday
            facts[self.env._("occupation")] = self.dealer_occupation
        return facts

    @api.depends("phone_sanitized", "dealer_vehicle_ids.vin_sn")
    def _compute_dealer_duplicate_ids(self):
        Vehicle = self.env["fleet.vehicle"].with_context(active_test=False)
        for partner in self:
            domain = Domain.FALSE
            if partner.phone_sanitized:
                domain |= Domain("phone_sanitized", "=", partner.phone_sanitized)
            vins = [vin for vin in partner.dealer_vehicle_ids.mapped("vin_sn") if vin]
            if vins:
                owners = Vehicle.search([("vin_sn", "in", vins)]).owner_id
                domain |= Domain("id", "in", owners.ids)
            if domain.is_false() or not partner._origin.id:
                partner.dealer_duplicate_ids = False
            else:
                commercial = partner._origin.commercial_partner_id
                partner.dealer_duplicate_ids = self.search(
                    domain
                    & Domain("id", "not in", [partner._origin.id, commercial.id])
                    & Domain("parent_id", "!=", partner._origin.id)
                )
            partner.dealer_duplicate_count = len(partner.dealer_duplicate_ids)

    @api.constrains("dealer_birthday")
    def _check_dealer_birthday(self):
        if partner := self.env["res.company"]._dealer_dated_after_today(self, "dealer_birthday"):
            raise ValidationError(
                self.env._(
                    "The birthday of %(customer)s is %(date)s, in the future: check the year "
                    "(on the ID card it is the 7th to 14th digit).",
                    customer=partner.display_name,
                    date=partner.dealer_birthday,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("dealer_birthday")._dealer_refresh_classification()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if "dealer_birthday" in vals:
            self._dealer_refresh_classification()
        return result

    def action_open_dealer_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_crm_base.fleet_vehicle_action_dealer")
        action["domain"] = [("owner_id", "=", self.id)]
        action["context"] = {
            "default_owner_id": self.id,
            "default_company_id": self.company_id.id or self.env.company.id,
        }
        return action

    def action_open_dealer_duplicates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Possible duplicates of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", (self | self.dealer_duplicate_ids).ids)],
        }

    def action_dealer_merge_duplicates(self):
        """Open Odoo's contact merge on this customer and its duplicates (at most 3)."""
        self.ensure_one()
        partners = (self | self.dealer_duplicate_ids)[:3]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge Contacts"),
            "res_model": "base.partner.merge.automatic.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "res.partner", "active_ids": partners.ids},
        }

    def _dealer_refresh_classification(self, reasons=None):
        """Recompute the stored classifications of these customers; `reasons` is {id: [why, ...]}, what
        changed on their cars."""
        if self.ids:
            self._dealer_update_classification(SQL("p.id IN %s", tuple(self.ids)), reasons)

    @api.model
    def _dealer_refresh_classification_all(self, reasons=None):
        self._dealer_update_classification(SQL("TRUE"), reasons)

    @api.model
    def _dealer_update_classification(self, where, reasons=None):
        """Vehicle age (the warmest warranty state of the customer's cars), the usage of the latest car and the
        age cohort, for the partners matching `where`, in one statement that writes only what changed; then
        what `write` would have done (cache, dependents, tracking with the reason)."""
        self.env["fleet.vehicle"].flush_model(
            ["owner_id", "active", "dealer_warranty_state", "dealer_usage", "dealer_delivery_date"]
        )
        self.flush_model(["dealer_birthday"])
        self.env.cr.execute(self._dealer_classification_update_sql(where))
        rows = self.env.cr.dictfetchall()
        new_values = {row["id"]: {fname: row[fname] for fname in CLASSIFICATIONS} for row in rows}
        old_values = {
            # a first classification (a customer registered in SQL) is not a change a user follows
            row["id"]: {fname: row[f"old_{fname}"] for fname in CLASSIFICATIONS if row[f"old_{fname}"]}
            for row in rows
        }
        old_values = {partner_id: values for partner_id, values in old_values.items() if values}
        reasons = reasons or {}
        self._dealer_sql_written(
            new_values,
            old_values,
            {partner_id: self._dealer_classification_reason(reasons.get(partner_id)) for partner_id in old_values},
        )

    @api.model
    def _dealer_classification_reason(self, car_reasons):
        if car_reasons:
            return self.env._("Classified again from the customer's cars: %(why)s", why="; ".join(car_reasons))
        return self.env._("Classified again from the customer's cars and birthday.")

    @api.model
    def _dealer_owned_sql(self, where):
        """SQL: per customer matching `where` who owns active cars, the warmest warranty state of his cars
        (3 three guarantees, 2 warranty, 1 expired) and the usage of the latest one."""
        return SQL(
            """
            SELECT v.owner_id AS partner_id,
                   MAX(CASE v.dealer_warranty_state
                           WHEN 'three_guarantees' THEN 3 WHEN 'warranty' THEN 2 WHEN 'expired' THEN 1
                       END) AS warmest,
                   (ARRAY_AGG(v.dealer_usage ORDER BY v.dealer_delivery_date DESC NULLS LAST, v.id DESC))[1]
                       AS latest_usage
              FROM fleet_vehicle v
              JOIN res_partner p ON p.id = v.owner_id
             WHERE v.active AND %(where)s
          GROUP BY v.owner_id
            """,
            where=where,
        )

    @api.model
    def _dealer_cohort_sql(self):
        """SQL: the age cohort (decade of birth, within the known ones) of customer p."""
        return SQL(
            """CASE WHEN p.dealer_birthday IS NOT NULL THEN
                   LEAST(GREATEST(EXTRACT(YEAR FROM p.dealer_birthday)::int / 10 * 10, %(first)s), %(last)s)::text
               END""",
            first=FIRST_COHORT,
            last=LAST_COHORT,
        )

    @api.model
    def _dealer_classification_update_sql(self, where):
        """SQL: write the classifications of the customers matching `where` where they changed; returns the
        rows written with their new and former values."""
        return SQL(
            """
            WITH owned AS (%(owned)s), target AS (
                SELECT p.id, p.dealer_vehicle_age_class AS old_age_class, p.dealer_vehicle_usage AS old_usage,
                       p.dealer_age_cohort AS old_cohort,
                       CASE o.warmest WHEN 3 THEN 'three_guarantees' WHEN 2 THEN 'warranty' WHEN 1 THEN 'expired'
                       END AS age_class,
                       o.latest_usage AS usage,
                       %(cohort)s AS cohort
                  FROM res_partner p
             LEFT JOIN owned o ON o.partner_id = p.id
                 WHERE %(where)s
            )
            UPDATE res_partner p
               SET dealer_vehicle_age_class = t.age_class,
                   dealer_vehicle_usage = t.usage,
                   dealer_age_cohort = t.cohort
              FROM target t
             WHERE p.id = t.id
               AND (p.dealer_vehicle_age_class IS DISTINCT FROM t.age_class
                    OR p.dealer_vehicle_usage IS DISTINCT FROM t.usage
                    OR p.dealer_age_cohort IS DISTINCT FROM t.cohort)
         RETURNING p.id, t.age_class AS dealer_vehicle_age_class, t.usage AS dealer_vehicle_usage,
                   t.cohort AS dealer_age_cohort, t.old_age_class AS old_dealer_vehicle_age_class,
                   t.old_usage AS old_dealer_vehicle_usage, t.old_cohort AS old_dealer_age_cohort
            """,
            owned=self._dealer_owned_sql(where),
            cohort=self._dealer_cohort_sql(),
            where=where,
        )

    @api.model
    def _cron_dealer_classification(self):
        """Nightly: vehicles change warranty state by the calendar, customers follow."""
        reasons = self.env["fleet.vehicle"]._dealer_refresh_warranty_all()
        self._dealer_refresh_classification_all(reasons)

    def _dealer_call_contact(self):
        self.ensure_one()
        return self, self.phone
