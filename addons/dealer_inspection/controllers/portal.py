from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

MODEL = "dealer.vehicle.inspection"


class DealerInspectionPortal(CustomerPortal):
    """The customer's page of an inspection: opened from the link without a login, answered item by item."""

    def _dealer_inspection(self, inspection_id, access_token):
        """The inspection (as superuser) if the token opens it, else None."""
        try:
            return self._document_check_access(MODEL, inspection_id, access_token=access_token)
        except (AccessError, MissingError):
            return None

    @http.route("/my/inspection/<int:inspection_id>", type="http", auth="public", methods=["GET"], sitemap=False)
    def dealer_inspection_page(self, inspection_id, access_token=None, **_kwargs):
        inspection = self._dealer_inspection(inspection_id, access_token)
        if inspection is None:
            return request.render("dealer_inspection.inspection_portal_invalid", {}, status=403)
        return self._dealer_render(inspection, access_token)

    @http.route(
        "/my/inspection/<int:inspection_id>/answer",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=True,
        sitemap=False,
    )
    def dealer_inspection_answer(self, inspection_id, access_token=None, **post):
        inspection = self._dealer_inspection(inspection_id, access_token)
        if inspection is None:
            return request.render("dealer_inspection.inspection_portal_invalid", {}, status=403)
        decisions = {}
        for key, value in post.items():
            prefix, _sep, line_id = key.partition("_")
            if prefix == "decision" and line_id.isdigit():
                decisions[int(line_id)] = value
        try:
            # all or nothing: a refused answer leaves no trace
            with request.env.cr.savepoint():
                inspection._dealer_record_answer(decisions, "link", acknowledged=bool(post.get("acknowledge")))
        except UserError as error:
            return self._dealer_render(inspection, access_token, error=str(error), status=400)
        return self._dealer_render(inspection, access_token)

    @http.route(
        "/my/inspection/<int:inspection_id>/photo/<int:line_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def dealer_inspection_photo(self, inspection_id, line_id, access_token=None, **_kwargs):
        """The thumbnail of a finding's photo: a phone on a slow network never loads the original."""
        inspection = self._dealer_inspection(inspection_id, access_token)
        line = inspection and inspection.line_ids.filtered(lambda line: line.id == line_id)
        if not line or not line.image_256:
            return request.not_found()
        stream = request.env["ir.binary"]._get_image_stream_from(line, "image_256")
        return stream.get_response(max_age=3600)

    def _dealer_render(self, inspection, access_token, error=None, status=200):
        findings = inspection._findings()
        values = {
            "inspection": inspection,
            "findings": findings.sorted(lambda line: (line.status != "urgent", line.sequence, line.id)),
            "ok_count": len(inspection.line_ids) - len(findings),
            "access_token": access_token,
            "refusal": inspection._dealer_link_refusal() if inspection.state != "answered" else False,
            "error": error,
        }
        return request.render("dealer_inspection.inspection_portal_page", values, status=status)
