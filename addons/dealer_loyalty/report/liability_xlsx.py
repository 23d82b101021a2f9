from odoo import models


class LiabilityXlsx(models.AbstractModel):
    """积分负债: outstanding points and their value by store, for the accountants."""

    _name = "report.dealer_loyalty.liability_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Points Liability (XLSX)"

    def generate_xlsx_report(self, workbook, data, lines):
        money = workbook.add_format({"num_format": "#,##0.00"})
        columns = [
            (self.env._("Store"), 28),
            (self.env._("Members"), 10),
            (self.env._("Outstanding Points"), 18),
            (self.env._("Value of a Point"), 14),
            (self.env._("Liability"), 16),
            (self.env._("Currency"), 10),
        ]
        sheet, bold = self._dealer_add_sheet(workbook, self.env._("Points Liability"), columns)
        lines = lines or self.env["dealer.loyalty.liability"].search([])
        for row, line in enumerate(lines, start=1):
            sheet.write(row, 0, line.company_id.name)
            sheet.write_number(row, 1, line.member_count)
            sheet.write_number(row, 2, line.points)
            sheet.write_number(row, 3, line.point_value)
            sheet.write_number(row, 4, line.value, money)
            sheet.write(row, 5, line.currency_id.name)
        total = len(lines) + 1
        sheet.write(total, 0, self.env._("Total"), bold)
        sheet.write_number(total, 2, sum(lines.mapped("points")))
        if len(lines.currency_id) == 1:
            sheet.write_number(total, 4, sum(lines.mapped("value")), money)
