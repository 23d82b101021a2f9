from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # copied with the line into a credit note, so that the visit line knows what is still invoiced
    dealer_visit_line_id = fields.Many2one(
        "dealer.service.visit.line", string="Visit Line", index="btree_not_null", copy=True
    )
