from collections import defaultdict

from markupsafe import escape

from odoo import models
from odoo.tools.mail import generate_tracking_message_id


class Base(models.AbstractModel):
    _inherit = "base"

    def _dealer_sql_written(self, new_values, old_values=None, reasons=None):
        """Do what `write` does after a set-based job wrote fields of these records in SQL (as Odoo does after
        its own SQL writes, e.g. parent_path): put the new values in the cache, recompute what depends on them,
        and log the tracking message of the tracked fields that changed.

        `new_values` is {id: {field: value as read from its column}} of the rows written; `old_values` the
        same before the write, for the rows whose change a user must see (tracking is left out for the others,
        e.g. a first classification); `reasons` is {id: text}, the message's text: why it changed.
        """
        records = self.browse(new_values)
        by_value = defaultdict(list)
        for record_id, values in new_values.items():
            for fname, value in values.items():
                by_value[fname, value].append(record_id)
        for (fname, value), ids in by_value.items():
            field = self._fields[fname]
            field._update_cache(self.browse(ids), field.convert_to_cache(value, records))
        records.modified({fname for fname, _value in by_value})
        if old_values:
            self._dealer_track_sql_changes(old_values, reasons or {})
        self.env.flush_all()

    def _dealer_track_sql_changes(self, old_values, reasons):
        """Log the tracking messages of the tracked fields that changed, as mail logs them at commit
        (mail.thread._message_track: a note per record, with its tracking values, `reasons` as its text), but
        in one batch: mail logs them one at a time, 7.5 ms a record measured on the benchmark, and a night
        changes thousands of cards or cars (readme/DESCRIPTION.md, "Writes in SQL, and why")."""
        if not hasattr(self, "_track_get_fields") or {"tracking_disable", "mail_notrack"} & {
            key for key, value in self.env.context.items() if value
        }:
            return
        fnames = self._track_get_fields() & {fname for values in old_values.values() for fname in values}
        if not fnames:
            return
        tracked_fields = self.fields_get(fnames, attributes=("string", "type", "selection", "currency_field"))
        message = self._dealer_tracking_message_values()
        values_list, tracking_lists = [], []
        for record in self.browse(old_values):
            initial = {
                fname: field.convert_to_record(field.convert_to_cache(value, record), record)
                for fname, value in old_values[record.id].items()
                if fname in fnames and (field := self._fields[fname])
            }
            _changes, tracking_values = record._mail_track(tracked_fields, initial)
            if tracking_values:
                body = escape(reasons.get(record.id) or "")
                values_list.append({**message, "res_id": record.id, "body": body})
                tracking_lists.append([values for _command, _id, values in tracking_values])
        # the job's own notes on records it changed, as mail's tracking writes them (as the system); their values
        # in one statement too (mail.message creates a message's tracking values one message at a time)
        messages = self.sudo()._message_create(values_list)
        self.env["mail.tracking.value"].sudo().create(
            [
                {**values, "mail_message_id": message.id}
                for message, tracking in zip(messages, tracking_lists, strict=True)
                for values in tracking
            ]
        )

    def _dealer_tracking_message_values(self):
        """The values of mail.thread._message_log_batch, computed once for the batch (mail.message computes a
        reply-to per message otherwise)."""
        author_id, email_from = self._message_compute_author()
        return {
            "author_id": author_id,
            "email_from": email_from,
            "model": self._name,
            "record_alias_domain_id": False,
            "record_company_id": False,
            "message_type": "notification",
            "is_internal": True,
            "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note"),
            "email_add_signature": False,
            "message_id": generate_tracking_message_id("message-notify"),
            "reply_to": self.env["mail.thread"]._notify_get_reply_to(default=email_from, author_id=author_id)[False],
        }
