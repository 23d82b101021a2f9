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
    # is reclassified in one statement.
    dealer_age_cohort = fields.Selection(AGE_COHORTS, string="Age Cohort", readonly=True, index=True)
    dealer_vehicle_age_class = fields.Selection(
        WARRANTY_STATES,
        string="Warranty Status",
        readonly=True,
        index=True,
        help="The warmest warranty status among the customer's cars.",
    )
    dealer_vehicle_usage = fields.Selection(
        USAGES, string="Vehicle Usage", readonly=True, index=True, help="Usage of the customer's latest car."
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

    def _dealer_refresh_classification(self):
        """Recompute the stored classifications of these customers."""
        if self.ids:
            self._dealer_update_classification(SQL("p.id IN %s", tuple(self.ids)))

    @api.model
    def _dealer_refresh_classification_all(self):
        self._dealer_update_classification(SQL("TRUE"))

    @api.model
    def _dealer_update_classification(self, where):
        """Vehicle age (the warmest warranty state of the customer's cars), the
        usage of the latest car and the age cohort, for the partners matching
        `where`, in one statement that writes only what changed."""
        self.env["fleet.vehicle"].flush_model(
            ["owner_id", "active", "dealer_warranty_state", "dealer_usage", "dealer_delivery_date"]
        )
        self.flush_model(["dealer_birthday"])
        self.env.cr.execute(
            SQL(
                """
                WITH owned AS (
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
                ), target AS (
                    SELECT p.id,
                           CASE o.warmest WHEN 3 THEN 'three_guarantees' WHEN 2 THEN 'warranty' WHEN 1 THEN 'expired'
                           END AS age_class,
                           o.latest_usage AS usage,
                           CASE WHEN p.dealer_birthday IS NOT NULL THEN
                               LEAST(GREATEST(EXTRACT(YEAR FROM p.dealer_birthday)::int / 10 * 10, %(first)s),
                                     %(last)s)::text
                           END AS cohort
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
                """,
                where=where,
                first=FIRST_COHORT,
                last=LAST_COHORT,
            )
        )
        self.invalidate_model(["dealer_vehicle_age_class", "dealer_vehicle_usage", "dealer_age_cohort"])

    @api.model
    def _cron_dealer_classification(self):
        """Nightly: vehicles change warranty state by the calendar, customers follow."""
        self.env["fleet.vehicle"]._dealer_refresh_warranty_all()
        self._dealer_refresh_classification_all()

    def _dealer_call_contact(self):
        self.ensure_one()
        return self, self.phone
