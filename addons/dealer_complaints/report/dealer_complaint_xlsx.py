from odoo import models


class DealerComplaintXlsx(models.AbstractModel):
    """The selected complaints with their times and deadline compliance, for the store's analysis."""

    _name = "report.dealer_complaints.dealer_complaint_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Complaint List (XLSX)"

    def generate_xlsx_report(self, workbook, data, complaints):
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        hours = workbook.add_format({"num_format": "0.0"})
        columns = [
            (self.env._("Reference"), 16),
            (self.env._("Received"), 17),
            (self.env._("Store"), 22),
            (self.env._("Kind"), 10),
            (self.env._("Customer"), 18),
            (self.env._("Vehicle Model"), 18),
            (self.env._("Category"), 28),
            (self.env._("Severity"), 10),
            (self.env._("Owner"), 16),
            (self.env._("Status"), 12),
            (self.env._("Deadlines"), 12),
            (self.env._("Response Time (h)"), 10),
            (self.env._("Resolution Time (h)"), 10),
            (self.env._("Repeat Customer"), 8),
        ]
        sheet, _bold = self._dealer_add_sheet(workbook, self.env._("Complaints"), columns)

        def labels(field):
            return dict(complaints._fields[field]._description_selection(self.env))

        kinds, severities, states, slas = labels("kind"), labels("severity"), labels("state"), labels("sla_state")
        for row, complaint in enumerate(complaints, start=1):
            sheet.write(row, 0, complaint.name)
            sheet.write_datetime(row, 1, complaint.date_received, when)
            sheet.write(row, 2, complaint.company_id.name)
            sheet.write(row, 3, kinds.get(complaint.kind, ""))
            sheet.write(row, 4, complaint.partner_id.name or complaint.contact_name or "")
            sheet.write(row, 5, complaint.vehicle_model_id.name or "")
            sheet.write(row, 6, complaint.category_id.complete_name or "")
            sheet.write(row, 7, severities.get(complaint.severity, ""))
            sheet.write(row, 8, complaint.user_id.name or "")
            sheet.write(row, 9, states.get(complaint.state, ""))
            sheet.write(row, 10, slas.get(complaint.sla_state, ""))
            if complaint.date_first_response:
                sheet.write_number(row, 11, complaint.response_hours, hours)
            if complaint.date_resolved:
                sheet.write_number(row, 12, complaint.resolution_hours, hours)
            sheet.write(row, 13, self.env._("Yes") if complaint.repeat_customer else "")
