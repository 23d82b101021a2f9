from odoo import fields, models


class DealerFocusPoint(models.Model):
    """What a prospect cares about when choosing a car (关注点): price, safety, fuel use..."""

    _name = "dealer.focus.point"
    _description = "Prospect Focus Point"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Store",
        index="btree_not_null",
        help="Leave empty to share it with every store.",
    )

    _name_unique = models.UniqueIndex("(name)", "This focus point already exists.")
