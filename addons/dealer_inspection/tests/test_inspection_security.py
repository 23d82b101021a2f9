from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerInspectionCommon


@tagged("post_install", "-at_install")
class TestInspectionSecurity(DealerInspectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._staff("agent_a", "dealer_crm_base.group_dealer_customer_relations", cls.store_a)
        cls.sales = cls._staff("sales_a", "dealer_crm_base.group_dealer_sales", cls.store_a)

    def answered(self):
        inspection = self.sent()
        self.line_of(inspection, self.pads_item).decision = "approved"
        self.line_of(inspection, self.wiper_item).decision = "declined"
        inspection.action_record_phone_answer()
        return inspection

    def test_another_store_sees_nothing(self):
        inspection = self.answered()
        for model, records in (
            ("dealer.vehicle.inspection", inspection),
            ("dealer.vehicle.inspection.line", inspection.line_ids),
            ("dealer.vehicle.inspection.estimate", inspection.estimate_ids),
            ("dealer.deferred.work", self.vehicle.dealer_deferred_work_ids),
        ):
            self.assertTrue(records)
            self.assertFalse(self.env[model].with_user(self.advisor_b).search([("id", "in", records.ids)]), model)
            with self.assertRaises(AccessError):
                records.with_user(self.advisor_b).read(["display_name"])

    def test_a_technician_sees_only_the_inspections_of_his_cars(self):
        inspection = self.inspected()
        self.assertEqual(inspection.with_user(self.technician).search([]), inspection)
        self.assertFalse(inspection.with_user(self.technician_2).search([]))
        with self.assertRaises(AccessError):
            inspection.line_ids.with_user(self.technician_2).write({"status": "ok"})

    def test_a_technician_records_findings_not_the_customers_answer(self):
        inspection = self.sent()
        line = self.line_of(inspection, self.pads_item).with_user(self.technician)
        with self.assertRaisesRegex(AccessError, "the customer's answer is the service advisor's"):
            line.decision = "approved"
        with self.assertRaises(AccessError):
            inspection.with_user(self.technician).visit_id.action_send_inspection()
        self.assertEqual(line.decision, "pending")

    def test_lower_roles_do_not_reach_inspections(self):
        inspection = self.answered()
        for user in (self.sales, self.agent):
            with self.assertRaises(AccessError):
                inspection.with_user(user).read(["state"])
        deferred = self.vehicle.dealer_deferred_work_ids
        self.assertEqual(deferred.with_user(self.agent).read(["name"])[0]["name"], "Wiper blades, front")
        with self.assertRaises(AccessError):
            deferred.with_user(self.agent).write({"state": "declined"})
        with self.assertRaises(AccessError):
            deferred.with_user(self.technician).read(["name"])
        with self.assertRaises(AccessError):
            deferred.with_user(self.sales).read(["name"])

    def test_only_managers_change_templates(self):
        with self.assertRaises(AccessError):
            self.template.with_user(self.advisor).name = "Quick check"
        self.template.with_user(self.manager).name = "Quick check"
        self.assertEqual(self.template.with_user(self.technician).name, "Quick check")

    def test_every_role_still_reads_the_visits_and_cars_it_read(self):
        """The inspection's fields on visits and cars are read with them by roles without inspection rights."""
        visit = self.answered().visit_id
        for user in (self.advisor, self.technician, self.manager, self.accountant):
            record = visit.with_user(user)
            values = record.read(list(record.fields_get(attributes=["type"])))[0]
            self.assertEqual(values["inspection_count"], 1, user.login)
            lines = record.line_ids
            lines.read(list(lines.fields_get(attributes=["type"])))
        for user in (self.advisor, self.technician, self.agent, self.sales, self.manager):
            car = self.vehicle.with_user(user)
            values = car.read(list(car.fields_get(attributes=["type"])))[0]
            self.assertEqual(values["dealer_open_deferred_count"], 1, user.login)
