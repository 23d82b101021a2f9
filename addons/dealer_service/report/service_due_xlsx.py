from odoo import models


class ServiceDueXlsx(models.AbstractModel):
    """The month's due list the call centre and the advisors work (one row per car due)."""

    _name = "report.dealer_service.service_due_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Service Due List (XLSX)"

    def generate_xlsx_report(self, workbook, data, vehicles):
        sheet = workbook.add_worksheet(self.env._("Due List"))
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        km = workbook.add_format({"num_format": "#,##0"})
        headers = [
            self.env._("Customer"),
            self.env._("Phone"),
            self.env._("Vehicle"),
            self.env._("Plate"),
            self.env._("Due Date"),
            self.env._("Due at (km)"),
            self.env._("Last Visit"),
            self.env._("Service Advisor"),
        ]
        for column, (header, width) in enumerate(zip(headers, (18, 18, 30, 12, 12, 12, 12, 18), strict=True)):
            sheet.write(0, column, header, bold)
            sheet.set_column(column, column, width)
        sheet.freeze_panes(1, 0)
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
