from odoo import models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def unlink(self):
        invoices = (self.debit_move_id.move_id | self.credit_move_id.move_id).filtered(
            lambda move: move.move_type == "out_invoice"
        )
        res = super().unlink()
        # a payment undone: the invoice is no longer paid, its points are reversed
        invoices.exists()._dealer_loyalty_sync()
        return res
