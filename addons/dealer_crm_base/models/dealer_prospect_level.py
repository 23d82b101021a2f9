from odoo import api, fields, models, tools


class DealerProspectLevel(models.Model):
    """How warm a prospect is (A/B/C...), and how often the consultant calls back."""

    _name = "dealer.prospect.level"
    _description = "Prospect Level"
    _order = "sequence, code"

    code = fields.Char(required=True, help="Short code stored on the prospects, e.g. A.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        string="Store",
        index="btree_not_null",
        help="Leave empty to share it with every store.",
    )
    follow_up_days = fields.Integer(
        "Call back every (days)",
        required=True,
        default=7,
        help="A follow-up call is kept scheduled this many days after the last one.",
    )
    description = fields.Text(translate=True, help="What makes a prospect this warm.")

    _code_unique = models.UniqueIndex("(code)", "Another prospect level already uses this code.")
    _follow_up_positive = models.Constraint(
        "CHECK(follow_up_days > 0)", "The call-back interval of a prospect level must be at least one day."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache("stable")
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache("stable")
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache("stable")
        return super().unlink()

    @api.model
    def _selection(self):
        # cached: Odoo reads the tracked fields' descriptions, this selection among them, at every tracked write
        return list(self._selection_cached(self.env.lang))

    @tools.ormcache("lang", cache="stable")
    def _selection_cached(self, lang):
        # sudo: the cache is shared by every user (keyed on the language only), so it must not depend on who
        # fills it; only the levels' codes and names leave, the labels any user of a lead sees
        levels = self.sudo().with_context(active_test=False, lang=lang).search([])
        return tuple((level.code, level.name) for level in levels)
