from odoo import fields, models


class DealerServiceCampaignLine(models.Model):
    _name = "dealer.service.campaign.line"
    _description = "Campaign Job or Part"

    campaign_id = fields.Many2one("dealer.service.campaign", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one(
        "product.product",
        string="Operation / Part",
        required=True,
        domain="['|', ('type', '=', 'service'), ('is_storable', '=', True)]",
    )
    quantity = fields.Float(digits="Product Unit", help="Leave empty for a job's standard hours.")
