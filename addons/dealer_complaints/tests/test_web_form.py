import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@tagged("post_install", "-at_install")
class TestComplaintWebForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["res.company"].create(
            {"name": "Changchun Sagitar Store (web)", "dealer_complaint_web_published": True}
        )
        # a company of the same database that is no dealer store, such as Odoo's demo companies
        cls.other_business = cls.env["res.company"].create({"name": "Deco Addict Furniture (web)"})
        cls.hidden_store = cls.env["res.company"].create(
            {"name": "Hidden Store (web)", "dealer_complaint_web_published": False}
        )

    def complaints(self):
        return self.env["dealer.complaint"].search([("channel", "=", "web")])

    def token(self):
        response = self.url_open("/dealer/complaint")
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def submit(self, files=None, csrf=True, **values):
        data = {
            "store_id": str(self.store.id),
            "name": "王伟",
            "phone": "+86 139 4300 0001",
            "email": "wang.wei@example.com",
            "subject": "Brakes squeal after the service",
            "description": "Since I collected the car on Monday the front brakes squeal.",
            **values,
        }
        if csrf:
            data["csrf_token"] = self.token()
        return self.url_open("/dealer/complaint/submit", data=data, files=files)

    def test_form_lists_only_published_stores(self):
        response = self.url_open("/dealer/complaint")
        self.assertIn("Changchun Sagitar Store (web)", response.text)
        self.assertNotIn("Hidden Store (web)", response.text)

    def test_the_form_is_the_dealers_own_page(self):
        response = self.url_open("/dealer/complaint")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Changchun Sagitar Store (web)", response.text)
        self.assertNotIn("Deco Addict Furniture (web)", response.text, "only the stores that publish the form")
        for logo in ("/logo.png", "/web/binary/company_logo"):
            self.assertNotIn(logo, response.text, "no 'Your logo' placeholder of the database's first company")
        title = re.search(r"<title>(.*?)</title>", response.text, re.DOTALL).group(1).strip()
        self.assertEqual(title, "Customer Complaint")
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["dealer_complaints"], ["zh_CN"], overwrite=True)
        page = self.env.ref("dealer_complaints.complaint_web_form").with_context(lang="zh_CN")
        self.assertIn('<t t-set="title">客户投诉</t>', page.arch)

    def test_customer_files_a_complaint_and_gets_its_reference(self):
        response = self.submit(
            license_plate="吉A12345", files=[("attachments", ("invoice.pdf", PDF, "application/pdf"))]
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.complaints()
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.name, response.text)
        self.assertEqual(
            (complaint.company_id, complaint.contact_name, complaint.contact_phone, complaint.contact_email),
            (self.store, "王伟", "+86 139 4300 0001", "wang.wei@example.com"),
        )
        self.assertIn("吉A12345", complaint.description)
        self.assertFalse(complaint.partner_id)
        self.assertEqual(complaint.sudo().intake_ip, "127.0.0.1")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "dealer.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual((attachment.name, attachment.mimetype), ("invoice.pdf", "application/pdf"))
        # the answer names the reference and nothing else of the database
        self.assertNotIn("Hidden Store", response.text)

    @mute_logger("odoo.http")
    def test_post_without_csrf_token_is_refused(self):
        response = self.submit(csrf=False)
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            "/dealer/complaint/submit", data={"csrf_token": "forged", "name": "x", "phone": "13900000000"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.complaints())

    def test_malformed_input_is_refused_field_by_field(self):
        cases = {
            "phone": ("call me maybe", "Enter a phone number"),
            "email": ("wang.wei@@example", "Enter a valid e-mail address"),
            "subject": ("", "Required."),
            "name": ("   ", "Required."),
            "description": ("x" * 5001, "At most 5000 characters."),
            "store_id": (str(self.hidden_store.id), "Choose the store."),
            "license_plate": ("<b>AB</b>", "Enter the licence plate"),
        }
        for field, (value, message) in cases.items():
            with self.subTest(field=field):
                response = self.submit(**{field: value})
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        response = self.submit(store_id="1 OR 1=1; DROP TABLE dealer_complaint")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.complaints())

    def test_hostile_text_is_stored_as_text(self):
        response = self.submit(
            subject='<img src=x onerror="alert(1)">',
            description="<script>alert('x')</script>\x00 Ignore previous instructions",
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("<script>", response.text)
        complaint = self.complaints()
        self.assertNotIn("<script>", complaint.description)
        self.assertIn("&lt;script&gt;", complaint.description)
        self.assertNotIn("\x00", complaint.description)
        self.assertEqual(complaint.subject, '<img src=x onerror="alert(1)">')

    def test_attachments_are_limited_in_type_size_and_number(self):
        cases = [
            ([("attachments", ("invoice.pdf", b"MZ\x90\x00 an executable", "application/pdf"))], "only JPEG"),
            ([("attachments", ("photo.png", PDF, "image/png"))], "only JPEG"),
            (
                [("attachments", ("photo.png", PNG_HEADER + b"\x00" * (2 * 1024 * 1024), "image/png"))],
                "larger than 2 MB",
            ),
            ([("attachments", (f"p{n}.pdf", PDF, "application/pdf")) for n in range(4)], "At most 3 files"),
        ]
        for files, message in cases:
            with self.subTest(message=message):
                response = self.submit(files=files)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        self.assertFalse(self.complaints())
        self.assertFalse(self.env["ir.attachment"].search([("res_model", "=", "dealer.complaint")]))

    def test_one_address_is_rate_limited(self):
        for _attempt in range(5):
            self.assertEqual(self.submit().status_code, 200)
        response = self.submit()
        self.assertEqual(response.status_code, 429)
        self.assertEqual(len(self.complaints()), 5)

    def test_known_mobile_phone_links_the_customer(self):
        wang = self.env["res.partner"].create({"name": "王伟", "phone": "139-4300-0001", "company_id": self.store.id})
        self.env["res.partner"].create(
            {"name": "Other store's customer", "phone": "+86 139 4300 0002", "company_id": self.hidden_store.id}
        )
        self.assertEqual(self.submit().status_code, 200)
        self.assertEqual(self.complaints().partner_id, wang)
        self.assertEqual(self.submit(phone="13943000002").status_code, 200)
        self.assertFalse(self.complaints().filtered(lambda c: c.contact_phone == "13943000002").partner_id)

    def test_store_staff_open_a_web_complaint_with_its_chatter(self):
        """What the form view asks when an agent opens the complaint: the record and its chatter, as the
        web client asks them, in the store's company only."""
        agent = new_test_user(
            self.env,
            login="agent_web",
            groups="dealer_complaints.group_dealer_complaint_manager",
            company_id=self.store.id,
            company_ids=self.store.ids,
        )
        # the store's customer-relations manager owns the complaint: a call to the customer is planned
        self.store.dealer_complaint_manager_id = agent
        photo = [("attachments", ("invoice.pdf", PDF, "application/pdf"))]
        self.assertEqual(self.submit(files=photo).status_code, 200)
        complaint = self.complaints()
        self.assertEqual(complaint.activity_ids.user_id, agent)
        self.authenticate(agent.login, agent.login)
        context = {"allowed_company_ids": self.store.ids}
        thread = {"thread_model": "dealer.complaint", "thread_id": complaint.id}
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/dealer.complaint/web_read",
            {
                "model": "dealer.complaint",
                "method": "web_read",
                "args": [complaint.ids],
                "kwargs": {
                    "specification": {"name": {}, "create_uid": {"fields": {"display_name": {}}}},
                    "context": context,
                },
            },
        )
        request_list = [
            "activities",
            "attachments",
            "contact_fields",
            "followers",
            "messages",
            "scheduledMessages",
            "suggestedRecipients",
        ]
        self.make_jsonrpc_request(
            "/mail/data",
            {"fetch_params": [["mail.thread", {**thread, "request_list": request_list}]], "context": context},
        )
        data = self.make_jsonrpc_request("/mail/thread/messages", {**thread, "fetch_params": {"limit": 30}})
        # the complaint is told by the customer who filed it, not by the website's anonymous visitor
        public_partner = self.env.ref("base.public_partner")
        messages = self.env["mail.message"].browse(data["messages"])
        self.assertTrue(messages)
        self.assertNotIn(public_partner, messages.author_id)
        self.assertIn("wang.wei@example.com", messages[-1:].email_from)
        self.assertNotEqual(complaint.create_uid, self.env.ref("base.public_user"))
