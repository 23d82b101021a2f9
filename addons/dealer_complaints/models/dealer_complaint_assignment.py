from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerComplaintAssignment(models.Model):
    """Who owns the complaints of a category in a store: a user, or the leader of a sales team."""

    _name = "dealer.complaint.assignment"
    _description = "Complaint Assignment Rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "dealer.complaint.category",
        required=True,
        index=True,
        ondelete="cascade",
        help="Applies to this category and to its subcategories that have no rule of their own.",
    )
    company_id = fields.Many2one("res.company", string="Store", help="Leave empty for every store.")
    user_id = fields.Many2one("res.users", string="Owner", domain="[('share', '=', False)]")
    team_id = fields.Many2one("crm.team", help="The team's leader owns the complaints.")
    active = fields.Boolean(default=True)

    @api.constrains("user_id", "team_id")
    def _check_owner(self):
        for rule in self:
            if not rule.user_id and not rule.team_id.user_id:
                raise ValidationError(
                    self.env._(
                        "The rule for %(category)s names nobody: set an owner, or a team that has a leader.",
                        category=rule.category_id.complete_name,
                    )
                )

    def _owner(self):
        self.ensure_one()
        return self.user_id or self.team_id.user_id

    @api.model
    def _dealer_rule_for(self, category, company):
        """The most specific rule: the deepest category first, then the store's own rule before a shared one."""
        if not category:
            return self.browse()
        ancestor_ids = [int(part) for part in category.parent_path.split("/") if part]
        rules = self.search([("category_id", "in", ancestor_ids), ("company_id", "in", [company.id, False])])
        depth = {category_id: position for position, category_id in enumerate(ancestor_ids)}
        return rules.sorted(lambda rule: (-depth[rule.category_id.id], not rule.company_id, rule.sequence, rule.id))[:1]
