from odoo import api, fields, models
from odoo.exceptions import AccessError


class DealerComplaintGroup(models.Model):
    """Many customers, one cause (a defect, a batch, an incident): handled as one case by one owner."""

    _name = "dealer.complaint.group"
    _description = "Complaint Group"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Owns every complaint of the group.",
    )
    cause = fields.Text("Common Cause")
    category_id = fields.Many2one("dealer.complaint.category")
    vehicle_model_id = fields.Many2one("fleet.vehicle.model")
    carmaker_reference = fields.Char(tracking=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, tracking=True)
    complaint_ids = fields.One2many("dealer.complaint", "group_id", string="Complaints")
    partner_ids = fields.Many2many("res.partner", compute="_compute_partners", string="Customers Affected")
    complaint_count = fields.Integer(compute="_compute_partners", string="Complaints Count")
    partner_count = fields.Integer(compute="_compute_partners", string="Customers Count")
    open_count = fields.Integer(compute="_compute_partners", string="Open Complaints")

    @api.depends("complaint_ids.partner_id", "complaint_ids.state")
    def _compute_partners(self):
        for group in self:
            group.partner_ids = group.complaint_ids.partner_id
            group.complaint_count = len(group.complaint_ids)
            group.partner_count = len(group.partner_ids)
            group.open_count = len(
                group.complaint_ids.filtered(lambda c: c.state in ("new", "assigned", "in_progress"))
            )

    def write(self, vals):
        if (
            "user_id" in vals
            and not self.env.su
            and not self.env.user.has_group("dealer_complaints.group_dealer_complaint_manager")
            and any(group.user_id and group.user_id.id != vals["user_id"] for group in self)
        ):
            raise AccessError(
                self.env._("Only the customer-relations manager can change the owner of a group of complaints.")
            )
        result = super().write(vals)
        if "user_id" in vals:
            for group in self:
                owner = group.user_id
                open_complaints = group.complaint_ids.filtered(
                    lambda c, owner=owner: c.state in ("new", "assigned", "in_progress") and c.user_id != owner
                )
                # the group's owner owns its open complaints; sudo passes the complaint's owner check, already
                # made for the group above (only the customer-relations manager changes an owner)
                open_complaints.sudo().write({"user_id": owner.id})
        return result

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_complaints.dealer_complaint_action")
        action.update(domain=[("group_id", "=", self.id)], context={"default_group_id": self.id})
        return action
