from odoo import models


class ReportXlsxAbstract(models.AbstractModel):
    _inherit = "report.report_xlsx.abstract"

    def _dealer_add_sheet(self, workbook, title, columns, header_row=0):
        """A sheet whose header row (`columns`: (label, width) pairs) is bold and stays on screen when
        scrolling, as every dealer list exported to Excel looks; returns the sheet and the header format."""
        sheet = workbook.add_worksheet(title)
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        for column, (label, width) in enumerate(columns):
            sheet.write(header_row, column, label, bold)
            sheet.set_column(column, column, width)
        sheet.freeze_panes(header_row + 1, 0)
        return sheet, bold
