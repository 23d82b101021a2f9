from odoo import fields, models

CAMPAIGN_VEHICLE_STATES = [
    ("open", "To Do"),
    ("done", "Done Here"),
    ("done_elsewhere", "Done Elsewhere"),
    ("not_applicable", "Not Applicable"),
]


class DealerServiceCampaignVehicle(models.Model):
    """A car a campaign concerns, and what became of it."""

    _name = "dealer.service.campaign.vehicle"
    _description = "Campaign Vehicle"
    _order = "campaign_id, state, id"

    campaign_id = fields.Many2one("dealer.service.campaign", required=True, index=True, ondelete="cascade")
    campaign_state = fields.Selection(related="campaign_id.state", string="Campaign Status")
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, index=True, ondelete="cascade")
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    partner_id = fields.Many2one(related="vehicle_id.owner_id", string="Owner")
    company_id = fields.Many2one(related="vehicle_id.company_id", store=True, index=True, string="Store")
    state = fields.Selection(CAMPAIGN_VEHICLE_STATES, default="open", required=True, index=True)
    visit_id = fields.Many2one("dealer.service.visit", readonly=True, index="btree_not_null")
    date_done = fields.Date("Done On", readonly=True)
    note = fields.Char()

    _vehicle_unique = models.UniqueIndex("(campaign_id, vehicle_id)", "This car is already in the campaign.")

    def action_done_elsewhere(self):
        self.write({"state": "done_elsewhere", "date_done": self.env["res.company"]._dealer_today()})

    def action_not_applicable(self):
        self.write({"state": "not_applicable", "date_done": False})

    def action_reopen(self):
        self.filtered(lambda row: not row.visit_id).write({"state": "open", "date_done": False})
