from odoo import api, fields, models
from odoo.exceptions import UserError


class DealerServiceCampaign(models.Model):
    """A carmaker's recall or service campaign: the work to do on a list of cars, paid by the carmaker."""

    _name = "dealer.service.campaign"
    _description = "Recall / Service Campaign"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char("Carmaker's Reference", index="btree_not_null", tracking=True)
    kind = fields.Selection([("recall", "Recall"), ("campaign", "Service Campaign")], required=True, default="recall")
    company_id = fields.Many2one(
        "res.company", string="Store", index="btree_not_null", help="Leave empty for a campaign of every store."
    )
    brand_id = fields.Many2one("fleet.vehicle.model.brand")
    state = fields.Selection(
        [("draft", "Draft"), ("open", "Open"), ("closed", "Closed")], default="draft", required=True, tracking=True
    )
    date_start = fields.Date("Start", default=lambda self: self.env["res.company"]._dealer_today())
    date_end = fields.Date("End")
    description = fields.Html(help="What the carmaker's bulletin says: the defect, the fix, the customer letter.")
    line_ids = fields.One2many("dealer.service.campaign.line", "campaign_id", string="Jobs and Parts", copy=True)
    vehicle_ids = fields.One2many("dealer.service.campaign.vehicle", "campaign_id", string="Vehicles")
    vehicle_count = fields.Integer(compute="_compute_counts", string="Vehicles Concerned")
    open_count = fields.Integer(compute="_compute_counts", string="Still to Do")
    done_count = fields.Integer(compute="_compute_counts", string="Done")

    @api.depends("vehicle_ids.state")
    def _compute_counts(self):
        counts = {
            (campaign, state): count
            for campaign, state, count in self.env["dealer.service.campaign.vehicle"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count"]
            )
        }
        for campaign in self:
            campaign.open_count = counts.get((campaign, "open"), 0)
            campaign.done_count = counts.get((campaign, "done"), 0) + counts.get((campaign, "done_elsewhere"), 0)
            campaign.vehicle_count = sum(count for (owner, _state), count in counts.items() if owner == campaign)

    def action_open(self):
        if any(not campaign.line_ids for campaign in self):
            raise UserError(self.env._("Add the campaign's jobs and parts before opening it."))
        self.state = "open"

    def action_close(self):
        self.state = "closed"

    def action_import_vins(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import VINs"),
            "res_model": "dealer.service.campaign.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_campaign_id": self.id},
        }

    def action_view_vehicles(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "dealer.service.campaign.vehicle",
            "view_mode": "list",
            "domain": [("campaign_id", "=", self.id)],
            "context": {"default_campaign_id": self.id},
        }
