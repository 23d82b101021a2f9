from odoo import models


class ServiceDueXlsx(models.AbstractModel):
    """The month's due list the call centre and the advisors work (one row per car due)."""

    _name = "report.dealer_service.service_due_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Service Due List (XLSX)"

    def generate_xlsx_report(self, workbook, data, vehicles):
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        km = workbook.add_format({"num_format": "#,##0"})
        columns = [
            (self.env._("Customer"), 18),
            (self.env._("Phone"), 18),
            (self.env._("Vehicle"), 30),
            (self.env._("Plate"), 12),
            (self.env._("Due Date"), 12),
            (self.env._("Due at (km)"), 12),
            (self.env._("Last Visit"), 12),
            (self.env._("Service Advisor"), 18),
        ]
        sheet, _bold = self._dealer_add_sheet(workbook, self.env._("Due List"), columns)
        for row, vehicle in enumerate(vehicles.sorted("dealer_next_service_date"), start=1):
            owner = vehicle.owner_id
            sheet.write(row, 0, owner.name or "")
            sheet.write(row, 1, owner.phone or "")
            sheet.write(row, 2, vehicle.model_id.display_name or "")
            sheet.write(row, 3, vehicle.license_plate or "")
            if vehicle.dealer_next_service_date:
                sheet.write_datetime(row, 4, vehicle.dealer_next_service_date, day)
            sheet.write_number(row, 5, vehicle.dealer_next_service_odometer or 0, km)
            if owner.dealer_last_visit_date:
                sheet.write_datetime(row, 6, owner.dealer_last_visit_date, day)
            sheet.write(row, 7, owner.dealer_service_advisor_id.name or "")
