from odoo import models


class CustomerSpendingXlsx(models.AbstractModel):
    """客户消费排行: customers ranked by what they paid the workshop over a period."""

    _name = "report.dealer_service.customer_spending_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Customer Spending Ranking (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        sheet = workbook.add_worksheet(self.env._("Spending Ranking"))
        bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        headers = [
            self.env._("Rank"),
            self.env._("Customer"),
            self.env._("Phone"),
            self.env._("Value Grade"),
            self.env._("Relationship"),
            self.env._("Paid Visits"),
            self.env._("Amount Paid"),
            self.env._("Average Ticket"),
            self.env._("Last Visit"),
        ]
        sheet.write(0, 0, self.env._("From %(start)s to %(end)s", start=wizard.date_from, end=wizard.date_to))
        for column, (header, width) in enumerate(zip(headers, (6, 18, 18, 8, 12, 10, 14, 14, 12), strict=True)):
            sheet.write(1, column, header, bold)
            sheet.set_column(column, column, width)
        sheet.freeze_panes(2, 0)
        lifecycle = dict(self.env["res.partner"]._fields["dealer_lifecycle"]._description_selection(self.env))
        for row, (partner, visits, amount) in enumerate(wizard._dealer_ranking(), start=2):
            sheet.write_number(row, 0, row - 1)
            sheet.write(row, 1, partner.name or "")
            sheet.write(row, 2, partner.phone or "")
            sheet.write(row, 3, partner.dealer_value_grade or "")
            sheet.write(row, 4, lifecycle.get(partner.dealer_lifecycle, ""))
            sheet.write_number(row, 5, visits)
            sheet.write_number(row, 6, amount, money)
            sheet.write_number(row, 7, amount / visits if visits else 0, money)
            if partner.dealer_last_visit_date:
                sheet.write_datetime(row, 8, partner.dealer_last_visit_date, day)
