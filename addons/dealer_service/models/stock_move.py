from odoo import api, fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    dealer_visit_line_id = fields.Many2one(
        "dealer.service.visit.line", string="Visit Line", index="btree_not_null", readonly=True, copy=False
    )

    @api.depends("dealer_visit_line_id.visit_id.name")
    def _compute_reference(self):
        """A part issued to a repair order is referenced by its number, not by a picking."""
        parts = self.filtered("dealer_visit_line_id")
        for move in parts:
            move.reference = move.dealer_visit_line_id.visit_id.name
        return super(StockMove, self - parts)._compute_reference()
