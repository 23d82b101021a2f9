from odoo import fields, models

from .res_partner import LIFECYCLES


class DealerLifecycleChange(models.Model):
    """A customer's relationship moving (general to loyal, loyal to at risk...), as the nightly job saw it."""

    _name = "dealer.lifecycle.change"
    _description = "Relationship Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="partner_id.company_id", string="Store")
    date = fields.Date(required=True, index=True)
    previous = fields.Selection(LIFECYCLES, string="From")
    lifecycle = fields.Selection(LIFECYCLES, string="To", required=True, index=True)
