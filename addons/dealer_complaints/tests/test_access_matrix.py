from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.dealer_crm_base.tests.common import make_vin
from odoo.addons.dealer_service.tests.access_matrix import AccessMatrixMixin, matrix_path

from .common import DealerComplaintCommon


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, DealerComplaintCommon):
    """Every role of a store against a record of its store, of another store and one it has no business with,
    for the dealer models and the Odoo records they reach, as written in tests/access_matrix.csv."""

    matrix_path = matrix_path("dealer_complaints")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor_2 = cls._staff("advisor_a2", "dealer_service.group_dealer_service_advisor", cls.store_a)
        cls.sales_2 = cls._staff("sales_a2", "dealer_crm_base.group_dealer_sales", cls.store_a)
        cls.setup_role_users()
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "李娜", "phone": "+86 139 4300 0002", "company_id": cls.store_b.id}
        )
        cls.customer_a2 = cls.env["res.partner"].create(
            {"name": "赵敏", "phone": "+86 139 4300 0003", "company_id": cls.store_a.id}
        )
        cls.vehicle_b = cls._vehicle(cls.customer_b, cls.store_b, 500002, "吉B22222")
        cls.vehicle_a2 = cls._vehicle(cls.customer_a2, cls.store_a, 500003, "吉A33333")
        cls.vehicle_b2 = cls._vehicle(cls.customer_b, cls.store_b, 500004, "吉B44444")
        (cls.vehicle | cls.vehicle_b | cls.vehicle_a2).write(
            {"dealer_delivery_date": cls.today - relativedelta(months=14), "dealer_next_service_date": cls.today}
        )
        cls.survey = cls.env.ref("dealer_service.survey_service_satisfaction").sudo()
        cls.question = cls.env.ref("dealer_service.survey_question_overall").sudo()
        # the shared grade B and C policies the add-on ships are made again as fixtures
        cls.env["dealer.grade.policy"].search([("company_id", "=", False), ("grade", "in", ("B", "C"))]).unlink()
        cls.scope_records = {}
        for scope in ("own", "other", "unconcerned"):
            cls._build_scope(scope)

    @classmethod
    def _vehicle(cls, owner, store, serial, plate):
        return cls.env["fleet.vehicle"].create(
            {
                "model_id": cls.vehicle_model.id,
                "owner_id": owner.id,
                "vin_sn": make_vin(serial),
                "license_plate": plate,
                "company_id": store.id,
            }
        )

    @classmethod
    def _build_scope(cls, scope):
        """One record of each model in `scope`, made by the user who makes such records in a store."""
        makers = {
            "dealer.complaint": {"own": cls.sales, "other": cls.agent_b, "unconcerned": cls.agent},
        }
        for model in cls.MODELS:
            if model in cls.REPORTS:
                cls.scope_records[model, scope] = cls._report_line(model, scope)
                continue
            records = cls.env[model].with_context(mail_create_nolog=True)
            maker = makers.get(model, {}).get(scope)
            if maker:
                records = records.with_user(maker)
            record = records.sudo().create(cls._values(model, scope))
            cls.scope_records[model, scope] = record.with_env(cls.env)

    MODELS = (
        "res.partner",
        "fleet.vehicle",
        "fleet.vehicle.odometer",
        "crm.lead",
        "calendar.event",
        "dealer.vehicle.series",
        "dealer.prospect.level",
        "dealer.focus.point",
        "dealer.vehicle.ownership",
        "dealer.service.visit",
        "dealer.service.visit.line",
        "dealer.service.work.log",
        "dealer.grade.policy",
        "dealer.lifecycle.change",
        "dealer.service.campaign",
        "dealer.service.campaign.line",
        "dealer.service.campaign.vehicle",
        "account.move",
        "account.move.line",
        "survey.user_input",
        "survey.user_input.line",
        "mail.activity",
        "mail.message",
        "ir.attachment",
        "dealer.complaint.category",
        "dealer.complaint.assignment",
        "dealer.complaint.group",
        "dealer.complaint",
        "dealer.complaint.note",
        "dealer.complaint.warning",
        "dealer.service.capacity.report",
        "dealer.service.retention.report",
        "dealer.service.due.report",
    )
    # reports are SQL views: nobody writes them, their lines come from the records above
    REPORTS = ("dealer.service.capacity.report", "dealer.service.retention.report", "dealer.service.due.report")

    @classmethod
    def _report_line(cls, model, scope):
        """The report's line of the scope's vehicle; the workshop load of the scope's store (the visits' day)."""
        vehicle = cls._scope(scope, cls.vehicle, cls.vehicle_b, cls.vehicle_a2)
        cls.env.flush_all()
        if model == "dealer.service.capacity.report":
            return cls.env[model].sudo().search([("company_id", "=", vehicle.company_id.id)], limit=1).with_env(cls.env)
        return cls.env[model].browse(vehicle.id)

    @classmethod
    def _scope(cls, scope, own, other, unconcerned):
        return {"own": own, "other": other, "unconcerned": unconcerned}[scope]

    @classmethod
    def _store(cls, scope, shared=False):
        """own and unconcerned records are the first store's; configuration the role has no say on is shared."""
        return cls._scope(scope, cls.store_a, cls.store_b, cls.env["res.company"] if shared else cls.store_a)

    @classmethod
    def _record(cls, model, scope):
        return cls.scope_records[model, scope]

    @classmethod
    def _values(cls, model, scope):
        store = cls._store(scope)
        customer = cls._scope(scope, cls.customer, cls.customer_b, cls.customer_a2)
        vehicle = cls._scope(scope, cls.vehicle, cls.vehicle_b, cls.vehicle_a2)
        visit = cls.scope_records.get(("dealer.service.visit", scope))
        complaint = cls.scope_records.get(("dealer.complaint", scope))
        name = f"{model} {scope}"
        values = {
            "res.partner": lambda: {"name": name, "phone": "+86 139 4300 0099", "company_id": store.id},
            "fleet.vehicle": lambda: {
                "model_id": cls.vehicle_model.id,
                "owner_id": customer.id,
                "vin_sn": make_vin(600000 + len(cls.scope_records)),
                "company_id": store.id,
            },
            "fleet.vehicle.odometer": lambda: {"vehicle_id": vehicle.id, "value": 30000, "date": cls.today},
            "crm.lead": lambda: {
                "name": name,
                "company_id": store.id,
                "partner_id": customer.id,
                "user_id": cls._scope(scope, cls.sales, cls.sales_b_user(), cls.sales_2).id,
            },
            "calendar.event": lambda: {
                "name": f"Test drive: {cls.vehicle_model.name} - {customer.name}",
                "dealer_test_drive": True,
                "dealer_vehicle_model_id": cls.vehicle_model.id,
                "user_id": cls._scope(scope, cls.sales, cls.sales_b_user(), cls.sales_2).id,
                "partner_ids": [Command.set(customer.ids)],
                "start": fields.Datetime.now(),
                "stop": fields.Datetime.now() + relativedelta(hours=1),
            },
            "dealer.vehicle.series": lambda: {
                "name": name,
                "brand_id": cls.brand.id,
                "company_id": cls._store(scope, shared=True).id,
            },
            "dealer.prospect.level": lambda: {
                "code": scope[:2].upper(),
                "name": name,
                "follow_up_days": 3,
                "company_id": cls._store(scope, shared=True).id,
            },
            "dealer.focus.point": lambda: {"name": name, "company_id": cls._store(scope, shared=True).id},
            "dealer.vehicle.ownership": lambda: {"vehicle_id": vehicle.id, "partner_id": customer.id},
            "dealer.service.visit": lambda: {
                "vehicle_id": vehicle.id,
                "company_id": store.id,
                "advisor_id": cls._scope(scope, cls.advisor, cls.advisor_b, cls.advisor_2).id,
                "technician_ids": [
                    Command.set(cls._scope(scope, cls.technician, cls.env["res.users"], cls.env["res.users"]).ids)
                ],
            },
            "dealer.service.visit.line": lambda: {"visit_id": visit.id, "product_id": cls.oil_service.id},
            "dealer.service.work.log": lambda: {
                "line_id": cls._record("dealer.service.visit.line", scope).id,
                "technician_id": cls._scope(scope, cls.technician, cls.technician, cls.technician_2).id,
                "hours": 0.5,
            },
            "dealer.grade.policy": lambda: {"grade": "B", "company_id": cls._store(scope, shared=True).id},
            "dealer.lifecycle.change": lambda: {
                "partner_id": customer.id,
                "date": cls.today,
                "lifecycle": "at_risk",
            },
            "dealer.service.campaign": lambda: {"name": name, "company_id": cls._store(scope, shared=True).id},
            "dealer.service.campaign.line": lambda: {
                "campaign_id": cls._record("dealer.service.campaign", scope).id,
                "product_id": cls.oil_service.id,
            },
            "dealer.service.campaign.vehicle": lambda: {
                "campaign_id": cls._record("dealer.service.campaign", scope).id,
                "vehicle_id": vehicle.id,
            },
            "account.move": lambda: {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "company_id": store.id,
                "dealer_visit_id": visit.id,
                "invoice_line_ids": [Command.create({"name": "Oil change", "quantity": 1, "price_unit": 180.0})],
            },
            "account.move.line": lambda: {
                "move_id": cls._record("account.move", scope).id,
                "name": "Brake fluid",
                "quantity": 1,
                "price_unit": 60.0,
            },
            "survey.user_input": lambda: {
                "survey_id": cls.survey.id,
                "partner_id": customer.id,
                "dealer_visit_id": visit.id,
            },
            "survey.user_input.line": lambda: {
                "user_input_id": cls._record("survey.user_input", scope).id,
                "survey_id": cls.survey.id,
                "question_id": cls.question.id,
                "answer_type": "suggestion",
                "suggested_answer_id": cls.question.suggested_answer_ids[:1].id,
            },
            "mail.activity": lambda: {
                "res_model_id": cls.env["ir.model"]._get_id("dealer.service.visit"),
                "res_id": visit.id,
                "activity_type_id": cls.env.ref("mail.mail_activity_data_todo").id,
                "summary": name,
                "user_id": cls._scope(scope, cls.advisor, cls.advisor_b, cls.advisor_2).id,
            },
            "mail.message": lambda: {
                "model": "dealer.service.visit",
                "res_id": visit.id,
                "body": name,
                "message_type": "comment",
                "subtype_id": cls.env.ref("mail.mt_note").id,
            },
            "ir.attachment": lambda: {
                "name": f"{name}.txt",
                "raw": b"walk-around photo",
                "res_model": "dealer.service.visit",
                "res_id": visit.id,
            },
            "dealer.complaint.category": lambda: {"name": name, "company_id": cls._store(scope, shared=True).id},
            "dealer.complaint.assignment": lambda: {
                "category_id": cls.cat_noise.id,
                "company_id": cls._store(scope, shared=True).id,
                "user_id": cls._scope(scope, cls.advisor, cls.advisor_b, cls.advisor_2).id,
            },
            "dealer.complaint.group": lambda: {
                "name": name,
                "company_id": store.id,
                "user_id": cls._scope(scope, cls.agent, cls.agent_b, cls.relations_manager).id,
            },
            "dealer.complaint": lambda: {
                "subject": name,
                "company_id": store.id,
                "partner_id": customer.id,
                "vehicle_id": vehicle.id,
                "category_id": cls.cat_noise.id,
                "channel": "phone",
                "user_id": cls._scope(scope, cls.advisor, cls.advisor_b, cls.advisor_2).id,
                "staff_user_id": cls._scope(scope, False, False, cls.advisor.id),
            },
            "dealer.complaint.note": lambda: {"complaint_id": complaint.id, "body": name},
            "dealer.complaint.warning": lambda: {
                "company_id": store.id,
                "category_id": cls.cat_noise.id,
                "vehicle_model_id": cls.vehicle_model.id,
                "period": cls._scope(scope, "month", "month", "year"),
                "period_start": cls.today.replace(day=1),
            },
        }
        return values[model]()

    @classmethod
    def sales_b_user(cls):
        if not hasattr(cls, "sales_b"):
            cls.sales_b = cls._staff("sales_b", "dealer_crm_base.group_dealer_sales", cls.store_b)
        return cls.sales_b

    def create_values(self, model, scope):
        if model in self.REPORTS:
            return {"company_id": self.store_a.id}
        values = self._values(model, scope)
        for unique in {"name", "code"} & set(values):
            values[unique] = f"{values[unique]} new"
        if model == "dealer.grade.policy":
            values["grade"] = "C"
        if model == "dealer.service.campaign.vehicle":
            values["vehicle_id"] = self._scope(scope, self.vehicle_a2, self.vehicle_b2, self.vehicle).id
        if model == "dealer.complaint.warning":
            values["period"] = "quarter"
        if model == "fleet.vehicle.odometer":
            values["value"] = 31000
        if model == "dealer.vehicle.ownership":
            values["date_start"] = self.today
        return values

    def write_values(self, model):
        if model in self.REPORTS:
            return {"company_id": self.store_a.id}
        return {
            "res.partner": {"phone": "+86 139 4300 0100"},
            "fleet.vehicle": {"color": "white"},
            "fleet.vehicle.odometer": {"date": self.today},
            "crm.lead": {"description": "Wants a test drive"},
            "calendar.event": {"location": "Showroom"},
            "dealer.vehicle.series": {"sequence": 5},
            "dealer.prospect.level": {"follow_up_days": 2},
            "dealer.focus.point": {"color": 3},
            "dealer.vehicle.ownership": {"date_end": self.today},
            "dealer.service.visit": {"diagnosis": "Worn brake pads"},
            "dealer.service.visit.line": {"name": "Oil and filter change (synthetic)"},
            "dealer.service.work.log": {"hours": 0.75},
            "dealer.grade.policy": {"courtesy_call_months": 4},
            "dealer.lifecycle.change": {"lifecycle": "lost"},
            "dealer.service.campaign": {"code": "RC-01"},
            "dealer.service.campaign.line": {"quantity": 1.0},
            "dealer.service.campaign.vehicle": {"note": "Customer called"},
            "account.move": {"narration": "Thank you"},
            "account.move.line": {"name": "Brake fluid DOT 4"},
            "survey.user_input": {"email": "wang@example.com"},
            "survey.user_input.line": {"skipped": True},
            "mail.activity": {"note": "Called, no answer"},
            "mail.message": {"body": "Edited"},
            "ir.attachment": {"description": "Front left"},
            "dealer.complaint.category": {"department": "sales"},
            "dealer.complaint.assignment": {"sequence": 5},
            "dealer.complaint.group": {"cause": "Supplier batch"},
            "dealer.complaint": {"description": "Called back"},
            "dealer.complaint.note": {"body": "Second call"},
            "dealer.complaint.warning": {"note": "Reported to the carmaker"},
        }[model]

    def read_fields(self, record):
        if record._name == "survey.user_input":
            # what the store works with; the survey's own title is shown through the answer's name, as sudo
            return ["state", "scoring_percentage", "dealer_visit_id", "partner_id"]
        return super().read_fields(record)

    def test_access_matrix(self):
        self.assert_matrix()
