from odoo import api, fields, models
from odoo.exceptions import UserError

FOLLOW_UP_TYPE = "dealer_crm_base.mail_activity_type_prospect_follow_up"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    dealer_model_id = fields.Many2one("fleet.vehicle.model", string="Intended Model", index="btree_not_null")
    dealer_series_id = fields.Many2one(
        related="dealer_model_id.dealer_series_id",
        string="Intended Series",
        store=True,
        index="btree_not_null",
    )
    dealer_competitor_model_ids = fields.Many2many(
        "fleet.vehicle.model",
        "crm_lead_dealer_competitor_model_rel",
        "lead_id",
        "model_id",
        string="Competing Models",
        help="Models of other brands the prospect is also considering.",
    )
    dealer_prospect_level = fields.Selection(
        selection="_dealer_prospect_level_selection", string="Prospect Level", index=True, tracking=True
    )
    dealer_focus_point_ids = fields.Many2many("dealer.focus.point", string="Focus Points")
    dealer_industry_id = fields.Many2one("res.partner.industry", string="Industry", index="btree_not_null")
    dealer_trade_in = fields.Boolean("Trade-in", help="The prospect wants to trade in a car.")
    dealer_trade_in_model_id = fields.Many2one("fleet.vehicle.model", string="Trade-in Model")
    dealer_trade_in_year = fields.Integer("Trade-in Year")
    dealer_trade_in_odometer = fields.Integer("Trade-in Mileage (km)")
    dealer_trade_in_vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Trade-in Vehicle", help="The car, when the store already knows it."
    )
    dealer_test_drive_count = fields.Integer("Test Drives", compute="_compute_dealer_test_drive_count")
    dealer_vehicle_id = fields.Many2one("fleet.vehicle", string="Delivered Vehicle", readonly=True, copy=False)
    dealer_lead = fields.Boolean(
        "Car Prospect",
        compute="_compute_dealer_lead",
        store=True,
        index=True,
        help="A lead of a dealer showroom's team, or with an intended model: the dealer's rules apply to it.",
    )
    dealer_won_rate = fields.Float(
        "Won (%)",
        compute="_compute_dealer_won_rate",
        store=True,
        aggregator="avg",
        help="100 for a won prospect, 0 otherwise: its average is the conversion rate of any group.",
    )

    @api.model
    def _dealer_prospect_level_selection(self):
        return self.env["dealer.prospect.level"]._selection()

    @api.depends("calendar_event_ids.dealer_test_drive")
    def _compute_dealer_test_drive_count(self):
        counts = dict(
            self.env["calendar.event"]._read_group(
                [("opportunity_id", "in", self._origin.ids), ("dealer_test_drive", "=", True)],
                ["opportunity_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.dealer_test_drive_count = counts.get(lead._origin, 0)

    @api.depends("team_id.dealer_showroom", "dealer_model_id")
    def _compute_dealer_lead(self):
        for lead in self:
            lead.dealer_lead = bool(lead.team_id.dealer_showroom or lead.dealer_model_id)

    @api.depends("won_status")
    def _compute_dealer_won_rate(self):
        for lead in self:
            lead.dealer_won_rate = 100.0 if lead.won_status == "won" else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        self.env["dealer.care.calendar"]._dealer_plan_follow_ups(leads.filtered("dealer_prospect_level"))
        return leads

    def write(self, vals):
        result = super().write(vals)
        if "dealer_prospect_level" in vals:
            # The next call follows the new level's rhythm, counted from today.
            self._dealer_follow_up_activities().write({"active": False, "dealer_cancelled": True})
            self.env["dealer.care.calendar"]._dealer_plan_follow_ups(self.filtered("dealer_prospect_level"))
        return result

    def action_set_won(self):
        # Other sales (parts wholesale, insurance, fleet deals) keep Odoo's own rules.
        prospects = self.filtered("dealer_lead")
        without_customer = prospects.filtered(
            lambda lead: not lead.partner_id and not (lead.contact_name or lead.partner_name)
        )
        if without_customer:
            raise UserError(
                self.env._(
                    "%(leads)s cannot be won without a customer: choose the Customer, or enter the "
                    "contact's name and mobile phone so that the customer record is created.",
                    leads=", ".join(without_customer.mapped("name")),
                )
            )
        for lead in prospects.filtered(lambda lead: not lead.partner_id):
            lead._dealer_link_or_create_customer()
        result = super().action_set_won()
        self._dealer_follow_up_activities().write({"active": False, "dealer_cancelled": True})
        return result

    def action_set_lost(self, **additional_values):
        without_reason = self.filtered(lambda lead: lead.dealer_lead and not lead.lost_reason_id)
        if without_reason and not additional_values.get("lost_reason_id"):
            raise UserError(
                self.env._(
                    "Say why %(leads)s was lost: choose a Lost Reason, so that the store learns "
                    "which competitors and objections cost it sales.",
                    leads=", ".join(without_reason.mapped("name")),
                )
            )
        result = super().action_set_lost(**additional_values)
        self._dealer_follow_up_activities().write({"active": False, "dealer_cancelled": True})
        return result

    def action_dealer_schedule_test_drive(self):
        self.ensure_one()
        action = self.action_schedule_meeting(smart_calendar=False)
        action["context"] = {
            **action.get("context", {}),
            "default_dealer_test_drive": True,
            "default_dealer_vehicle_model_id": self.dealer_model_id.id,
            "default_name": self.env._(
                "Test drive: %(model)s - %(customer)s",
                model=self.dealer_model_id.display_name or "",
                customer=self.partner_id.display_name or self.contact_name or self.name,
            ),
        }
        return action

    def action_dealer_deliver_vehicle(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Deliver the Vehicle"),
            "res_model": "dealer.vehicle.delivery",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def _dealer_link_or_create_customer(self):
        """Win a prospect with the customer the store already knows (same mobile phone), else a new one."""
        self.ensure_one()
        phone = self._phone_format(fname="phone") if self.phone else False
        partner = phone and self.env["res.partner"].search([("phone_sanitized", "=", phone)], limit=1)
        if partner:
            self.partner_id = partner
        else:
            self._handle_partner_assignment(create_missing=True)
        if self.dealer_industry_id and not self.partner_id.industry_id:
            self.partner_id.industry_id = self.dealer_industry_id

    def _dealer_follow_up_activities(self):
        follow_up = self.env.ref(FOLLOW_UP_TYPE)
        return self.activity_ids.filtered(lambda activity: activity.activity_type_id == follow_up)

    def _dealer_call_contact(self):
        self.ensure_one()
        return self.partner_id, self.phone or self.partner_id.phone
