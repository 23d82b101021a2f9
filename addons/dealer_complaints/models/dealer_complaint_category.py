from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerComplaintCategory(models.Model):
    """What a complaint is about, as a tree (after-sales quality > repair not fixed...)."""

    _name = "dealer.complaint.category"
    _description = "Complaint Category"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("dealer.complaint.category", string="Parent Category", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("dealer.complaint.category", "parent_id", string="Subcategories")
    department = fields.Selection(
        [("sales", "Sales"), ("after_sales", "After-sales"), ("parts", "Parts"), ("other", "Other")],
        help="The department that usually owns complaints of this category.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Store", help="Leave empty to share with every store.")

    _check_parent = models.Constraint("CHECK (id != parent_id)", "A category cannot be its own parent.")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        # complete_name is stored for sorting and searching, in English; the name shown is in the user's language
        for category in self:
            names, node = [], category
            while node:
                names.insert(0, node.name or "")
                node = node.parent_id
            category.display_name = " / ".join(names)

    @api.constrains("parent_id")
    def _check_category_recursion(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A complaint category cannot be its own ancestor."))
