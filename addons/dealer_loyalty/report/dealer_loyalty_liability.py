from odoo import fields, models
from odoo.tools import SQL


class DealerLoyaltyLiability(models.Model):
    """What the outstanding points of each store's club would cost if they were all redeemed today."""

    _name = "dealer.loyalty.liability"
    _description = "Points Liability by Store"
    _auto = False
    _order = "company_id"

    company_id = fields.Many2one("res.company", string="Store", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    member_count = fields.Integer("Members", readonly=True)
    points = fields.Integer("Outstanding Points", readonly=True)
    point_value = fields.Float("Value of a Point", readonly=True, aggregator=None)
    value = fields.Monetary("Liability", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT c.id AS id, c.id AS company_id, c.currency_id, COUNT(p.id) AS member_count,
                   COALESCE(SUM(p.dealer_loyalty_points), 0) AS points, c.dealer_loyalty_point_value AS point_value,
                   COALESCE(SUM(p.dealer_loyalty_points), 0) * c.dealer_loyalty_point_value AS value
              FROM res_company c
              JOIN res_partner p ON p.dealer_loyalty_store_id = c.id AND p.dealer_loyalty_member
          GROUP BY c.id
            """
        )

    def action_post_accrual(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "dealer.loyalty.accrual",
            "view_mode": "form",
            "target": "new",
            "context": {"default_company_id": self[:1].company_id.id or self.env.company.id},
        }
