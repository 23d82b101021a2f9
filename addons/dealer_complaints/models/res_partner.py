from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_complaint_ids = fields.One2many("dealer.complaint", "partner_id", string="Complaints")
    dealer_complaint_count = fields.Integer(compute="_compute_dealer_complaint_count", string="Complaints Count")

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_dealer_complaint_count(self):
        # the count is shown to staff who may not read every complaint of the customer, in their own stores only;
        # only the number leaves
        counts = dict(
            self.env["dealer.complaint"]
            .sudo()
            ._read_group(
                [("partner_id", "in", self.ids), ("company_id", "in", self.env.companies.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.dealer_complaint_count = counts.get(partner, 0)

    @api.model
    def _dealer_at_risk_reasons(self, since):
        """A customer with an open complaint is at risk, however recent his last visit."""
        return [
            *super()._dealer_at_risk_reasons(since),
            SQL(
                """SELECT c.partner_id FROM dealer_complaint c
                    WHERE c.kind = 'complaint' AND c.state IN ('new', 'assigned', 'in_progress')
                      AND c.partner_id IS NOT NULL"""
            ),
        ]

    def action_dealer_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_complaints.dealer_complaint_action")
        action.update(domain=[("partner_id", "=", self.id)], context={"default_partner_id": self.id})
        return action
