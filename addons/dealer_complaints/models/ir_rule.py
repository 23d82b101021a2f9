from odoo import models
from odoo.fields import Domain


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain(self, model_name, mode="read"):
        """A record of a model naming a `_dealer_rule_parent` (a note of a complaint) is reached only through
        its parent: the parent's rules for the user apply to it as well, as Odoo does for `_inherits`."""
        domain = super()._compute_domain(model_name, mode)
        parent_field = getattr(self.env[model_name], "_dealer_rule_parent", None)
        if not parent_field:
            return domain
        parent_model = self.env[model_name]._fields[parent_field].comodel_name
        # reading a note needs the complaint readable; adding, changing or deleting one changes the complaint
        parent_domain = self._compute_domain(parent_model, "read" if mode == "read" else "write")
        if parent_domain.is_true():
            return domain
        return (domain & Domain(parent_field, "any", parent_domain)).optimize(self.env[model_name])
