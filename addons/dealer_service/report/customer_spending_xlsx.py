from odoo import models


class CustomerSpendingXlsx(models.AbstractModel):
    """客户消费排行: customers ranked by what they paid the workshop over a period."""

    _name = "report.dealer_service.customer_spending_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Customer Spending Ranking (XLSX)"

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        money = workbook.add_format({"num_format": "#,##0.00"})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = [
            (self.env._("Rank"), 6),
            (self.env._("Customer"), 18),
            (self.env._("Phone"), 18),
            (self.env._("Value Grade"), 8),
            (self.env._("Relationship"), 12),
            (self.env._("Paid Visits"), 10),
            (self.env._("Amount Paid"), 14),
            (self.env._("Average Ticket"), 14),
            (self.env._("Last Visit"), 12),
        ]
        sheet, _bold = self._dealer_add_sheet(workbook, self.env._("Spending Ranking"), columns, header_row=1)
        sheet.write(0, 0, self.env._("From %(start)s to %(end)s", start=wizard.date_from, end=wizard.date_to))
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
