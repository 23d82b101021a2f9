import base64
import re
from datetime import timedelta

from werkzeug.exceptions import TooManyRequests

from odoo import SUPERUSER_ID, fields, http
from odoo.http import request
from odoo.tools import formataddr, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,19}$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9.\-]{1,185}\.[A-Za-z]{2,24}$")
PLATE_RE = re.compile(r"^[\w\- ·]{2,12}$")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LENGTHS = {"name": 80, "phone": 20, "email": 254, "license_plate": 12, "subject": 150, "description": 5000}
ALLOWED_TYPES = {"image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",), "application/pdf": (".pdf",)}
MAX_FILES = 3
MAX_FILE_SIZE = 2 * 1024 * 1024
# web-form complaints accepted from one address per hour
RATE_LIMIT = 5


class DealerComplaintForm(http.Controller):
    """The public complaint form: no login, CSRF protected, every field checked, the complaint created by
    OdooBot on the customer's behalf and nothing read back but its reference."""

    @http.route("/dealer/complaint", type="http", auth="public", methods=["GET"], sitemap=False)
    def complaint_form(self, **_kwargs):
        return request.render("dealer_complaints.complaint_web_form", self._form_values({}, {}))

    @http.route("/dealer/complaint/submit", type="http", auth="public", methods=["POST"], csrf=True, sitemap=False)
    def complaint_submit(self, **post):
        address = request.httprequest.remote_addr or ""
        # OdooBot files the complaint, as Odoo's website forms do: the store's staff cannot read the
        # website's public user (another company's), so it must not be the creator of the complaint, its
        # first activity or its attachments
        Complaint = request.env["dealer.complaint"].with_user(SUPERUSER_ID)
        self._check_rate(Complaint, address)
        values, errors = self._validate(post)
        files, file_errors = self._validate_files(request.httprequest.files.getlist("attachments"))
        errors.update(file_errors)
        if errors:
            return request.render("dealer_complaints.complaint_web_form", self._form_values(post, errors), status=400)
        complaint = self._file_complaint(Complaint, values, address)
        if files:
            complaint.env["ir.attachment"].create(
                [
                    {
                        "name": name,
                        "datas": base64.b64encode(content),
                        "res_model": "dealer.complaint",
                        "res_id": complaint.id,
                        "mimetype": mimetype,
                    }
                    for name, content, mimetype in files
                ]
            )
        return request.render("dealer_complaints.complaint_web_thanks", {"reference": complaint.name})

    def _check_rate(self, Complaint, address):
        recent = Complaint.search_count(
            [
                ("channel", "=", "web"),
                ("intake_ip", "=", address),
                ("create_date", ">=", fields.Datetime.now() - timedelta(hours=1)),
            ]
        )
        if recent >= RATE_LIMIT:
            raise TooManyRequests(request.env._("Too many complaints from your address: please call the store."))

    def _file_complaint(self, Complaint, values, address):
        description = values["description"]
        if values["license_plate"]:
            description += "\n\n" + request.env._("Licence plate: %(plate)s", plate=values["license_plate"])
        complaint = Complaint.with_context(mail_create_nosubscribe=True, mail_create_nolog=True).create(
            {
                "channel": "web",
                "kind": "complaint",
                "company_id": values["company_id"],
                "contact_name": values["name"],
                "contact_phone": values["phone"],
                "contact_email": values["email"] or False,
                "subject": values["subject"],
                "description": plaintext2html(description),
                "intake_ip": address,
            }
        )
        # the chatter opens under the customer's name: the store's customer when the phone matched one
        complaint._message_log(
            body=complaint._creation_message(),
            author_id=complaint.partner_id.id,
            email_from=formataddr((values["name"], values["email"])) if values["email"] else values["name"],
        )
        return complaint

    def _stores(self):
        # the public user reads no company: sudo lists the stores that publish the form (fixed domain), and only
        # their ids and names reach the page
        return request.env["res.company"].sudo().search([("dealer_complaint_web_published", "=", True)])

    def _form_values(self, post, errors):
        return {
            "stores": [(store.id, store.name) for store in self._stores()],
            "post": {key: post.get(key, "") for key in (*LENGTHS, "store_id")},
            "errors": errors,
        }

    def _validate(self, post):
        _ = request.env._
        errors = {}
        values = {key: CONTROL_RE.sub("", str(post.get(key) or "")).strip() for key in LENGTHS}
        for key in ("name", "phone", "subject", "description"):
            if not values[key]:
                errors[key] = _("Required.")
        for key, limit in LENGTHS.items():
            if len(values[key]) > limit:
                errors[key] = _("At most %(limit)s characters.", limit=limit)
        if values["phone"] and key_ok(errors, "phone") and not PHONE_RE.match(values["phone"]):
            errors["phone"] = _("Enter a phone number, digits only, e.g. +86 139 1234 5678.")
        if values["email"] and key_ok(errors, "email") and not EMAIL_RE.match(values["email"]):
            errors["email"] = _("Enter a valid e-mail address, e.g. wang.wei@example.com.")
        if values["license_plate"] and key_ok(errors, "license_plate") and not PLATE_RE.match(values["license_plate"]):
            errors["license_plate"] = _("Enter the licence plate as it is written, e.g. 吉A12345.")
        stores = self._stores()
        store_id = str(post.get("store_id") or "")
        if not store_id.isdigit() or int(store_id) not in stores.ids:
            if len(stores) == 1 and not store_id:
                store_id = str(stores.id)
            else:
                errors["store_id"] = _("Choose the store.")
        values["company_id"] = int(store_id) if store_id.isdigit() else False
        return values, errors

    def _validate_files(self, uploads):
        _ = request.env._
        files, errors = [], {}
        uploads = [upload for upload in uploads if upload and upload.filename]
        if len(uploads) > MAX_FILES:
            return [], {"attachments": _("At most %(count)s files.", count=MAX_FILES)}
        for upload in uploads:
            content = upload.read(MAX_FILE_SIZE + 1)
            name = CONTROL_RE.sub("", upload.filename).replace("/", "_").replace("\\", "_")[-100:]
            if len(content) > MAX_FILE_SIZE:
                errors["attachments"] = _("%(file)s is larger than 2 MB.", file=name)
                break
            mimetype = guess_mimetype(content)
            if mimetype not in ALLOWED_TYPES or not name.lower().endswith(ALLOWED_TYPES[mimetype]):
                errors["attachments"] = _("%(file)s: only JPEG, PNG and PDF files are accepted.", file=name)
                break
            files.append((name, content, mimetype))
        return files, errors


def key_ok(errors, key):
    return key not in errors
