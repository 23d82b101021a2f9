from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_visit_id = fields.Many2one(
        "dealer.service.visit", string="Service Visit", index="btree_not_null", readonly=True, copy=False
    )

    def _reverse_moves(self, default_values_list=None, cancel=False):
        """A credit note stays linked to the visit of its invoice, whose totals it corrects."""
        if not default_values_list:
            default_values_list = [{} for _move in self]
        for move, default_values in zip(self, default_values_list, strict=True):
            if move.dealer_visit_id:
                default_values.setdefault("dealer_visit_id", move.dealer_visit_id.id)
        return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)

    def action_open_dealer_visit(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dealer.service.visit",
            "res_id": self.dealer_visit_id.id,
            "view_mode": "form",
        }
