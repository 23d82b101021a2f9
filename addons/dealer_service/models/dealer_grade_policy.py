from odoo import fields, models

GRADES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]


class DealerGradePolicy(models.Model):
    """What a customer's value grade earns: price, payment terms, attention (house rule, configurable)."""

    _name = "dealer.grade.policy"
    _description = "Customer Grade Policy"
    _order = "grade"
    _rec_name = "grade"

    grade = fields.Selection(GRADES, required=True)
    company_id = fields.Many2one(
        "res.company", string="Store", index="btree_not_null", help="Leave empty to apply it in every store."
    )
    discount = fields.Float(
        "Discount (%)",
        digits="Discount",
        help="Applied to customer-pay lines of the grade's visits; a negative value is a surcharge "
        "(D customers pay list price + 5%).",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", help="Given to customers of this grade by the nightly job."
    )
    courtesy_call_months = fields.Integer(
        "Courtesy Call Every (months)", help="0 for none; A customers are called every quarter."
    )

    _grade_company_unique = models.UniqueIndex(
        "(grade, COALESCE(company_id, 0))", "A grade has one policy per store (and one shared by default)."
    )
    _discount_range = models.Constraint(
        "CHECK(discount > -100 AND discount <= 100)", "A grade's discount lies between -100% and 100%."
    )

    def _for(self, grade, company):
        """The policy of `grade` in `company`, the store's own before the shared one."""
        # sudo: the policy prices a line for whoever writes it, in the line's store (not the user's current one);
        # the domain is fixed and the caller uses only the discount and terms of one policy
        policies = self.sudo().search(
            [("grade", "=", grade), ("company_id", "in", [company.id, False])], order="company_id"
        )
        return policies[:1]
