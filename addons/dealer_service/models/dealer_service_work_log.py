from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DealerServiceWorkLog(models.Model):
    """Hours a technician worked on a job: hours sold against hours worked."""

    _name = "dealer.service.work.log"
    _description = "Technician Work Log"
    _order = "date desc, id desc"

    line_id = fields.Many2one(
        "dealer.service.visit.line",
        string="Job",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('line_type', '=', 'labour')]",
    )
    visit_id = fields.Many2one(related="line_id.visit_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    technician_id = fields.Many2one("res.users", required=True, index=True, default=lambda self: self.env.user)
    date = fields.Date(required=True, default=lambda self: self.env["res.company"]._dealer_today(), index=True)
    hours = fields.Float("Hours Worked", required=True)
    hours_sold = fields.Float(
        compute="_compute_hours_sold",
        store=True,
        help="The job's standard hours, shared among its technicians by the hours they worked.",
    )

    @api.depends("hours", "line_id.quantity", "line_id.hours_worked", "line_id.product_id.dealer_standard_hours")
    def _compute_hours_sold(self):
        for log in self:
            line = log.line_id
            sold = line.quantity if line.product_id.dealer_standard_hours else 0.0
            log.hours_sold = sold * log.hours / line.hours_worked if line.hours_worked else 0.0

    @api.constrains("hours")
    def _check_hours(self):
        for log in self:
            if not 0 < log.hours <= 24:
                raise ValidationError(
                    self.env._(
                        "%(technician)s cannot log %(hours)s hours on %(job)s: enter the hours worked that day "
                        "(more than 0, at most 24).",
                        technician=log.technician_id.name,
                        hours=log.hours,
                        job=log.line_id.name,
                    )
                )

    @api.constrains("line_id")
    def _check_labour_line(self):
        for log in self:
            if log.line_id.line_type != "labour":
                raise ValidationError(self.env._("Hours are logged on jobs, not on parts (%s).", log.line_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        logs = super().create(vals_list)
        for log in logs:
            if log.technician_id not in log.line_id.technician_ids:
                # a technician who logs hours on a job worked on it; he may not edit the line (its prices),
                # so sudo adds him there, and only him: the log's own rules refuse hours for someone else
                log.line_id.sudo().technician_ids = [(4, log.technician_id.id)]
        return logs
