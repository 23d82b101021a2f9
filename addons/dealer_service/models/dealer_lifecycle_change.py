from odoo import fields, models

from .dealer_grade_policy import GRADES
from .res_partner import LIFECYCLES

REASONS = [
    ("no_visit", "No visit for months"),
    ("concern", "Low satisfaction or open complaint"),
    ("grade", "Value grade"),
]


class DealerLifecycleChange(models.Model):
    """A customer's value grade or relationship moving (C to B, general to loyal, loyal to at risk...), as the
    nightly job saw it, with the reason of the relationship: what a manager reads to know when and why."""

    _name = "dealer.lifecycle.change"
    _description = "Grade or Relationship Change"
    _order = "date desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="partner_id.company_id", string="Store")
    date = fields.Date(required=True, index=True)
    previous = fields.Selection(LIFECYCLES, string="From")
    lifecycle = fields.Selection(LIFECYCLES, string="To", index=True)
    previous_grade = fields.Selection(GRADES, string="Grade From")
    grade = fields.Selection(GRADES, string="Grade To")
    reason = fields.Selection(
        REASONS,
        help="Why the relationship is what it is: months without a visit (at risk, lost), a low survey or an "
        "open complaint (at risk), or the value grade (loyal for A and B, general otherwise).",
    )
    last_visit_date = fields.Date("Last Visit")
