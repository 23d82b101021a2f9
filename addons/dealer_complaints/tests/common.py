from datetime import datetime

from odoo.fields import Command

from odoo.addons.dealer_service.tests.common import DealerServiceCommon

# a Monday, 09:00 UTC: the store works Monday to Friday, 08:00-12:00 and 13:00-17:00 (UTC)
MONDAY_9AM = datetime(2026, 11, 23, 9, 0)


class DealerComplaintCommon(DealerServiceCommon):
    """Two stores with customer-relations staff, a working calendar, assignment rules and a customer's car."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Store hours (test)",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"{day} {start}",
                            "dayofweek": str(day),
                            "hour_from": start,
                            "hour_to": end,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for start, end, period in ((8, 12, "morning"), (13, 17, "afternoon"))
                ],
            }
        )
        cls.agent = cls._staff("agent_a", "dealer_crm_base.group_dealer_customer_relations", cls.store_a)
        cls.relations_manager = cls._staff(
            "relations_manager_a", "dealer_complaints.group_dealer_complaint_manager", cls.store_a
        )
        cls.sales = cls._staff("sales_a", "dealer_crm_base.group_dealer_sales", cls.store_a)
        cls.agent_b = cls._staff("agent_b", "dealer_crm_base.group_dealer_customer_relations", cls.store_b)
        cls.head_office = cls._staff("head_office", "dealer_crm_base.group_dealer_manager", cls.store_a)
        for store in cls.store_a | cls.store_b:
            store.write(
                {
                    "resource_calendar_id": cls.calendar.id,
                    "dealer_complaint_manager_id": cls.relations_manager.id if store == cls.store_a else False,
                    "dealer_complaint_head_office_user_id": cls.head_office.id,
                }
            )
        cls.cat_after_sales = cls.env.ref("dealer_complaints.dealer_complaint_category_after_sales")
        cls.cat_not_fixed = cls.env.ref("dealer_complaints.dealer_complaint_category_after_sales_not_fixed")
        cls.cat_sales = cls.env.ref("dealer_complaints.dealer_complaint_category_sales")
        cls.cat_attitude = cls.env.ref("dealer_complaints.dealer_complaint_category_staff_attitude")
        cls.cat_noise = cls.env.ref("dealer_complaints.dealer_complaint_category_vehicle_defect_noise")
        cls.env["dealer.complaint.assignment"].create(
            [
                {"category_id": cls.cat_after_sales.id, "company_id": cls.store_a.id, "user_id": cls.advisor.id},
                {"category_id": cls.cat_sales.id, "user_id": cls.sales.id},
            ]
        )

    def make_complaint(self, user=None, **values):
        vals = {
            "company_id": self.store_a.id,
            "subject": "The brakes still squeal",
            "partner_id": self.customer.id,
            "vehicle_id": self.vehicle.id,
            "category_id": self.cat_not_fixed.id,
            "channel": "phone",
            **values,
        }
        return self.env["dealer.complaint"].with_user(user or self.agent).create(vals)
