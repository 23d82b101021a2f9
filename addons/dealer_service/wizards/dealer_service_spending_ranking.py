from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class DealerServiceSpendingRanking(models.TransientModel):
    """客户消费排行: who paid the workshop most over a period."""

    _name = "dealer.service.spending.ranking"
    _description = "Customer Spending Ranking"

    date_from = fields.Date(
        "From", required=True, default=lambda self: self.env["res.company"]._dealer_today() - relativedelta(years=1)
    )
    date_to = fields.Date("To", required=True, default=lambda self: self.env["res.company"]._dealer_today())
    limit = fields.Integer("Customers", default=100, required=True)

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from or self.limit <= 0:
            raise UserError(self.env._("Choose a period that ends after it starts, and at least one customer."))
        if not self._dealer_ranking():
            raise UserError(
                self.env._(
                    "No customer paid for a visit completed between %(start)s and %(end)s in the selected stores.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        return self.env.ref("dealer_service.action_report_customer_spending_xlsx").report_action(self)

    def _dealer_ranking(self):
        """(customer, paid visits, amount paid) of the best customers, from the visits completed in the
        period and paid for (refunds deducted), in the stores the user works in."""
        self.ensure_one()
        self.env.flush_all()
        paid_visits = self.env["dealer.service.visit"]._dealer_paid_visits_query(
            self.date_from, self.date_to + timedelta(days=1), self.env.companies.ids
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, COUNT(*), SUM(amount) AS total
                  FROM (%s) paid
              GROUP BY partner_id
              ORDER BY total DESC, partner_id
                 LIMIT %s
                """,
                paid_visits,
                self.limit,
            )
        )
        rows = self.env.cr.fetchall()
        partners = self.env["res.partner"].browse([row[0] for row in rows])
        return [(partner, visits, amount) for partner, (_id, visits, amount) in zip(partners, rows, strict=True)]
