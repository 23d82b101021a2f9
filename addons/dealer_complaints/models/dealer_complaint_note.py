from odoo import fields, models


class DealerComplaintNote(models.Model):
    """A confidential note on a complaint: hidden from the staff member the complaint is about."""

    _name = "dealer.complaint.note"
    _description = "Complaint Confidential Note"
    _order = "create_date desc, id desc"
    # a note is seen and written only by those who see its complaint (store, owner, role)
    _dealer_rule_parent = "complaint_id"

    complaint_id = fields.Many2one("dealer.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    body = fields.Text("Note", required=True)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
