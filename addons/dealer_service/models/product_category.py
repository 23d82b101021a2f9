from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    dealer_is_accessory = fields.Boolean(
        "Accessories", help="Products of this category count as accessories sold (精品) in the advisors' figures."
    )
