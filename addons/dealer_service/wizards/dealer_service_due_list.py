from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class DealerServiceDueList(models.TransientModel):
    """The month's due list, exported for the call centre and the advisors."""

    _name = "dealer.service.due.list"
    _description = "Service Due List"

    date_from = fields.Date("From", required=True, default=lambda self: self._default_month()[0])
    date_to = fields.Date("To", required=True, default=lambda self: self._default_month()[1])

    @api.model
    def _default_month(self):
        """The month ahead, as the stores export it at each month's end."""
        start = fields.Date.start_of(self.env["res.company"]._dealer_today() + relativedelta(months=1), "month")
        return start, fields.Date.end_of(start, "month")

    def action_print(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(self.env._("The due list ends before it starts: swap the two dates."))
        vehicles = self.env["fleet.vehicle"].search(
            [
                ("dealer_next_service_date", ">=", self.date_from),
                ("dealer_next_service_date", "<=", self.date_to),
                ("owner_id", "!=", False),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        if not vehicles:
            raise UserError(
                self.env._(
                    "No car falls due between %(start)s and %(end)s in the selected stores.",
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        return self.env.ref("dealer_service.action_report_service_due_xlsx").report_action(vehicles)
