from odoo import api, fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    dealer_loyalty_entry_id = fields.Many2one(
        "dealer.loyalty.entry",
        string="Redeemed Points",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="restrict",
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_dealer_loyalty_give_back(self):
        # the discount line of redeemed points removed from a draft invoice: the points go back (the ledger is
        # the system's: sudo reverses this line's own entry, as the deletion the user may make requires)
        entries = self.sudo().dealer_loyalty_entry_id.filtered(lambda entry: not entry.reversal_ids)
        if entries:
            entries._dealer_reverse(self.env._("Discount line removed: points given back"))
