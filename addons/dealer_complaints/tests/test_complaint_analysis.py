from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import DealerComplaintCommon


@tagged("post_install", "-at_install")
class TestComplaintAnalysis(DealerComplaintCommon):
    def complaints_on(self, days, category, **values):
        return self.env["dealer.complaint"].create(
            [
                {
                    "company_id": self.store_a.id,
                    "subject": "Rattle",
                    "partner_id": self.customer.id,
                    "vehicle_id": self.vehicle.id,
                    "category_id": category.id,
                    "date_received": datetime(day.year, day.month, day.day, 10, 0),
                    **values,
                }
                for day in days
            ]
        )

    def analyse(self):
        """The warnings of the test store (the demo data of a database may warn for its own stores)."""
        warnings = self.env["dealer.complaint.warning"]._dealer_analyse(today=date(2026, 11, 20))
        return warnings.filtered(lambda warning: warning.company_id == self.store_a)

    def test_early_warning_finds_the_combination_that_repeats_and_warns_once(self):
        self.complaints_on([date(2026, 6, 10), date(2026, 8, 10), date(2026, 10, 10)], self.cat_noise)
        self.complaints_on([date(2026, 11, day) for day in (2, 5, 9, 12)], self.cat_noise)
        # a steady flow of three a month never warns for the month
        steady = [date(2026, month, 3 + n) for month in range(5, 12) for n in range(3)]
        self.complaints_on(steady, self.cat_attitude)
        self.complaints_on([date(2026, 11, 2)] * 5, self.cat_sales, kind="inquiry")  # inquiries do not count

        created = self.analyse()
        noise = created.filtered(lambda w: w.category_id == self.cat_noise)
        self.assertEqual(sorted(noise.mapped("period")), ["month", "quarter", "year"])
        month = noise.filtered(lambda w: w.period == "month")
        self.assertEqual((month.complaint_count, month.average, month.period_start), (4, 0.5, date(2026, 11, 1)))
        self.assertEqual(month.vehicle_model_id, self.vehicle_model)
        self.assertFalse(created.filtered(lambda w: w.category_id == self.cat_attitude and w.period == "month"))
        self.assertFalse(created.filtered(lambda w: w.category_id == self.cat_sales))
        self.assertEqual(month.activity_ids.user_id, self.relations_manager)

        self.complaints_on([date(2026, 11, 18)], self.cat_noise)
        self.assertFalse(self.analyse())
        self.assertEqual(month.complaint_count, 5)
        self.assertEqual(len(month.activity_ids), 1)

    def test_early_warning_factor_is_configurable(self):
        self.complaints_on([date(2026, 11, day) for day in (2, 5, 9)], self.cat_noise)
        self.store_a.dealer_complaint_warning_min_count = 4
        self.assertFalse(self.analyse())
        self.store_a.dealer_complaint_warning_min_count = 3
        self.assertTrue(self.analyse())

    def test_group_has_one_owner_and_shows_every_customer_affected(self):
        li_na = self.env["res.partner"].create({"name": "李娜", "phone": "+86 139 4300 0002"})
        group = self.env["dealer.complaint.group"].create(
            {"name": "Window regulator batch 2025-W32", "company_id": self.store_a.id, "user_id": self.manager.id}
        )
        first = self.make_complaint(group_id=group.id)
        second = self.make_complaint(partner_id=li_na.id, vehicle_id=False)
        self.assertEqual(second.user_id, self.advisor)
        second.with_user(self.relations_manager).group_id = group
        self.assertEqual((first | second).user_id, self.manager)
        self.assertEqual(group.partner_ids, self.customer | li_na)
        self.assertEqual((group.complaint_count, group.partner_count), (2, 2))
        group.user_id = self.advisor
        self.assertEqual((first | second).user_id, self.advisor)
        with self.assertRaisesRegex(ValidationError, "cannot own complaint"):
            self.make_complaint(group_id=group.id, staff_user_id=self.advisor.id)

    def test_detractor_survey_and_callback_complaint_open_one_complaint_per_visit(self):
        visit = self.make_visit()
        visit._dealer_on_low_satisfaction()
        visit._dealer_on_low_satisfaction()
        visit._dealer_on_complaint_raised("The brakes still squeal")
        complaint = self.env["dealer.complaint"].search([("visit_id", "=", visit.id)])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(
            (complaint.channel, complaint.partner_id, complaint.vehicle_id), ("survey", self.customer, self.vehicle)
        )
        self.assertEqual(complaint.category_id, self.cat_after_sales)
        self.assertEqual(complaint.user_id, self.advisor)
        self.assertEqual(visit.dealer_complaint_count, 1)
        # the service manager's alert of dealer_service is still scheduled
        self.assertTrue(visit.activity_ids)

        other = self.make_visit()
        other._dealer_on_complaint_raised("Car returned dirty")
        raised = self.env["dealer.complaint"].search([("visit_id", "=", other.id)])
        self.assertEqual(raised.channel, "phone")
        self.assertIn("Car returned dirty", raised.description)

    def test_open_complaint_puts_the_customer_at_risk(self):
        def at_risk_ids():
            query = SQL(" UNION ").join(self.env["res.partner"]._dealer_at_risk_reasons(date(2026, 1, 1)))
            self.env.cr.execute(query)
            return {row[0] for row in self.env.cr.fetchall()}

        complaint = self.make_complaint()
        self.assertIn(self.customer.id, at_risk_ids())
        complaint.write({"resolution": "Fixed", "root_cause": "Pads", "corrective_action": "Checked"})
        complaint.action_resolve()
        self.assertNotIn(self.customer.id, at_risk_ids())

    def test_xlsx_lists_the_complaints_with_their_times(self):
        complaint = self.make_complaint()
        complaint.with_user(self.advisor).action_contacted()
        content, kind = self.env["ir.actions.report"]._render("dealer_complaints.dealer_complaint_xlsx", complaint.ids)
        self.assertEqual(kind, "xlsx")
        rows = self.read_xlsx(content)
        self.assertEqual(rows[0][:3], ("Reference", "Received", "Store"))
        self.assertEqual(rows[1][0], complaint.name)
        self.assertEqual(rows[1][6], "After-sales Quality / Repair not fixed")
        self.assertEqual(rows[1][10], "On Time")
        self.assertIsNotNone(rows[1][11])

    def test_analysis_groups_by_category_model_store_and_severity(self):
        self.make_complaint()
        self.make_complaint(severity="high", category_id=self.cat_noise.id)
        groups = self.env["dealer.complaint"]._read_group(
            [("company_id", "=", self.store_a.id)],
            ["category_id", "vehicle_model_id", "company_id", "severity"],
            ["__count", "response_hours:avg"],
        )
        self.assertEqual(len(groups), 2)
