from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class DealerLoyaltyAccrual(models.TransientModel):
    """Bring the points liability account of a store up (or down) to the value of its outstanding points."""

    _name = "dealer.loyalty.accrual"
    _description = "Post Points Liability Accrual"

    company_id = fields.Many2one("res.company", string="Store", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=lambda self: self.env["res.company"]._dealer_today())
    liability = fields.Monetary("Points Liability", compute="_compute_amounts")
    booked = fields.Monetary("Already Booked", compute="_compute_amounts")
    amount = fields.Monetary("To Book", compute="_compute_amounts")

    @api.depends("company_id", "date")
    def _compute_amounts(self):
        for wizard in self:
            company = wizard.company_id
            line = self.env["dealer.loyalty.liability"].search([("company_id", "=", company.id)])
            wizard.liability = line.value
            account = company.dealer_loyalty_liability_account_id
            booked = 0.0
            if account:
                [(balance,)] = self.env["account.move.line"]._read_group(
                    [
                        ("account_id", "=", account.id),
                        ("company_id", "=", company.id),
                        ("parent_state", "=", "posted"),
                        ("date", "<=", wizard.date),
                    ],
                    [],
                    ["balance:sum"],
                )
                booked = -(balance or 0.0)
            wizard.booked = booked
            wizard.amount = wizard.currency_id.round(wizard.liability - booked) if wizard.currency_id else 0.0

    def action_post(self):
        self.ensure_one()
        company = self.company_id
        expense, liability = company.dealer_loyalty_expense_account_id, company.dealer_loyalty_liability_account_id
        journal = company.dealer_loyalty_journal_id or self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        if not (expense and liability and journal):
            raise UserError(
                self.env._(
                    "Set the Points Expense Account, the Points Liability Account and a journal in the loyalty "
                    "settings of %(store)s first.",
                    store=company.name,
                )
            )
        if self.currency_id.is_zero(self.amount):
            raise UserError(self.env._("The points liability is already booked: nothing to post."))
        label = self.env._("Loyalty points liability")
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": self.date,
                    "ref": label,
                    "line_ids": [
                        Command.create({"name": label, "account_id": expense.id, "balance": self.amount}),
                        Command.create({"name": label, "account_id": liability.id, "balance": -self.amount}),
                    ],
                }
            )
        )
        move.action_post()
        return {"type": "ir.actions.act_window", "res_model": "account.move", "res_id": move.id, "view_mode": "form"}
