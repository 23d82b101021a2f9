"""Screens read as the web client reads them: an action's context and domain evaluated without the server's
helpers, its views loaded with get_views, a record read with the specification of the form shown.

A field on a screen must be readable by every user who sees the screen; reading it this way finds the field
that raises an AccessError, or the context that only the server could evaluate, before a user does.
"""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tools import safe_eval as web_eval

X2MANY_VIEWS = ("list", "kanban")


def web_evaluation_context(env):
    """What the web client offers an action's context and domain: the user's context and py.js' builtins
    (no ref(), no env)."""
    return {
        **env.context,
        "uid": env.uid,
        "allowed_company_ids": env.companies.ids,
        "current_company_id": env.company.id,
        "context_today": lambda: fields.Date.context_today(env["res.users"]),
        "today": fields.Date.to_string(fields.Date.context_today(env["res.users"])),
        "current_date": fields.Date.to_string(fields.Date.context_today(env["res.users"])),
        "now": fields.Datetime.to_string(fields.Datetime.now()),
        "datetime": web_eval.datetime,
        "relativedelta": relativedelta,
        "time": web_eval.time,
    }


def field_specification(node, model, models):
    """The specification the web client reads a record with: the fields of the view, with display names of the
    relations and the columns of the lines' own list (or kanban) for one2many and many2many fields."""
    specification = {}
    for child in node:
        if child.tag is etree.Comment:
            continue
        if child.tag != "field":
            specification.update(field_specification(child, model, models))
            continue
        field = models[model]["fields"][child.get("name")]
        if field["type"] in ("one2many", "many2many"):
            subview = next((sub for sub in child if sub.tag in X2MANY_VIEWS), None)
            columns = {"display_name": {}}
            if subview is not None:
                columns = field_specification(subview, field["relation"], models) or columns
            specification[child.get("name")] = {"fields": columns}
        elif field["type"] == "many2one":
            specification[child.get("name")] = {"fields": {"display_name": {}}}
        else:
            specification.setdefault(child.get("name"), {})
    return specification


def read_form(record, view_id=False):
    """Read `record` (as its environment's user) with the specification of its form view."""
    loaded = record.get_views([(view_id, "form")])
    arch = etree.fromstring(loaded["views"]["form"]["arch"])
    return record.web_read(field_specification(arch, record._name, loaded["models"]))


def search_filters(model, view_id=False):
    """The filters of the search view `model`'s user sees, with their domains evaluated as the web client does."""
    arch = etree.fromstring(model.get_views([(view_id, "search")])["views"]["search"]["arch"])
    evaluation = web_evaluation_context(model.env)
    return {
        node.get("name"): web_eval.safe_eval(node.get("domain"), evaluation)
        for node in arch.iter("filter")
        if node.get("domain")
    }
