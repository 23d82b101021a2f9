from odoo import fields, models


class DealerLoyaltyTierHistory(models.Model):
    """A member moving from one tier to another."""

    _name = "dealer.loyalty.tier.history"
    _description = "Loyalty Tier History"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", string="Store", index=True)
    date = fields.Date(required=True, default=lambda self: self.env["res.company"]._dealer_today(), index=True)
    old_tier_id = fields.Many2one("dealer.loyalty.tier", string="From Tier", ondelete="restrict")
    new_tier_id = fields.Many2one("dealer.loyalty.tier", string="To Tier", ondelete="restrict")
    change = fields.Selection([("upgrade", "Upgrade"), ("downgrade", "Downgrade")], required=True, index=True)
    reason = fields.Char(help="The figures the member was measured on, and for a downgrade the review that passed.")
