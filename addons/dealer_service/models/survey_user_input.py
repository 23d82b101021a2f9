from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    dealer_visit_id = fields.Many2one(
        "dealer.service.visit", string="Service Visit", index="btree_not_null", readonly=True
    )
    dealer_company_id = fields.Many2one(related="dealer_visit_id.company_id", store=True, string="Store")
    dealer_advisor_id = fields.Many2one(
        related="dealer_visit_id.advisor_id", store=True, string="Service Advisor", index="btree_not_null"
    )
    dealer_technician_ids = fields.Many2many(related="dealer_visit_id.technician_ids", string="Technicians")

    def _mark_done(self):
        result = super()._mark_done()
        self.dealer_visit_id._dealer_record_satisfaction()
        return result
