from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_standard_hours = fields.Float(
        "Standard Hours", digits=(16, 2), help="Labour time the carmaker's catalogue allows for this operation."
    )
    dealer_operation_code = fields.Char("Operation Code", index="btree_not_null", help="The carmaker's labour code.")
    dealer_warranty_price = fields.Float(
        "Warranty Price",
        digits="Product Price",
        help="Price the carmaker reimburses for this part under warranty (its cost when empty).",
    )
