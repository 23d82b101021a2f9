from datetime import timedelta

from odoo import fields, models

STATES = [("open", "Open"), ("done", "Done"), ("declined", "Declined Again"), ("expired", "Expired")]


class DealerDeferredWork(models.Model):
    """Work the customer declined: kept on the car, offered again at the next visit."""

    _name = "dealer.deferred.work"
    _description = "Deferred Work"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char("Work", required=True)
    inspection_line_id = fields.Many2one(
        "dealer.vehicle.inspection.line", string="Finding", required=True, index=True, ondelete="cascade"
    )
    inspection_id = fields.Many2one(related="inspection_line_id.inspection_id", store=True, index=True)
    visit_id = fields.Many2one(related="inspection_id.visit_id", store=True, index=True, string="Found During")
    company_id = fields.Many2one(related="inspection_id.company_id", store=True, index=True, string="Store")
    vehicle_id = fields.Many2one(related="inspection_id.vehicle_id", store=True, index=True)
    partner_id = fields.Many2one(related="inspection_id.partner_id", store=True, index=True, string="Customer")
    currency_id = fields.Many2one(related="inspection_id.currency_id")
    urgency = fields.Selection([("attention", "Attention"), ("urgent", "Urgent")], required=True, index=True)
    amount = fields.Monetary("Estimate", help="Price of the work when it was declined, taxes included.")
    date = fields.Date("Declined On", required=True, index=True)
    state = fields.Selection(STATES, default="open", required=True, tracking=True, index=True)
    note = fields.Text()
    done_visit_id = fields.Many2one("dealer.service.visit", string="Done During", readonly=True, check_company=True)

    def action_mark_declined(self):
        self.state = "declined"
        return True

    def _dealer_plan_call(self):
        """The advisor's call to offer the work again: soon for urgent work, later for the rest (store
        settings), never to a customer who refused the channel."""
        for work in self:
            if work._dealer_contact_refused():
                continue
            store = work.company_id
            days = (
                store.dealer_deferred_urgent_days if work.urgency == "urgent" else store.dealer_deferred_attention_days
            )
            work.activity_schedule(
                "dealer_inspection.mail_activity_type_deferred_work_call",
                date_deadline=work.date + timedelta(days=days),
                user_id=(work.visit_id.advisor_id or self.env.user).id,
            )

    def _dealer_contact_refused(self):
        """The customer refused the channel he prefers, as the care calendar reads the consent flags."""
        customer = self.partner_id.commercial_partner_id
        channel = customer.dealer_preferred_channel or "phone"
        return (
            (customer.dealer_do_not_call and channel == "phone")
            or (customer.dealer_do_not_sms and channel == "sms")
            or (customer.dealer_do_not_email and channel == "email")
        )
