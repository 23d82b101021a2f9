from odoo import api, fields, models


class DealerLoyaltyRedeem(models.TransientModel):
    _name = "dealer.loyalty.redeem"
    _description = "Redeem Loyalty Points"

    move_id = fields.Many2one("account.move", string="Invoice", required=True, readonly=True)
    partner_id = fields.Many2one(related="move_id.commercial_partner_id", string="Member")
    balance = fields.Integer(related="move_id.dealer_loyalty_balance")
    point_value = fields.Monetary(related="move_id.company_id.dealer_loyalty_point_value")
    currency_id = fields.Many2one(related="move_id.company_id.currency_id")
    points = fields.Integer("Points to Redeem", required=True)
    value = fields.Monetary("Discount", compute="_compute_value")

    @api.depends("points", "point_value")
    def _compute_value(self):
        for wizard in self:
            wizard.value = wizard.points * wizard.point_value

    def action_redeem(self):
        self.ensure_one()
        self.move_id.dealer_redeem_points(self.points)
        return {"type": "ir.actions.act_window_close"}
