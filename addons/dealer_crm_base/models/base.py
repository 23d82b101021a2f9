from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def _dealer_sql_written(self, new_values, old_values=None, reasons=None):
        """Do what `write` does after a set-based job wrote fields of these records in SQL (as Odoo does after
        its own SQL writes, e.g. parent_path): put the new values in the cache, recompute what depends on them,
        and leave the tracking message of the tracked fields when the transaction commits.

        `new_values` is {id: {field: value as read from its column}} of the rows written; `old_values` the
        same before the write, for the rows whose change a user must see (tracking is left out for the others,
        e.g. a first classification); `reasons` is {id: text}, the message's text: why it changed.
        """
        records = self.browse(new_values)
        fnames = {fname for values in new_values.values() for fname in values}
        for fname in fnames:
            field = self._fields[fname]
            for record in records:
                if fname in new_values[record.id]:
                    field._update_cache(record, new_values[record.id][fname])
        records.modified(fnames)
        if old_values and hasattr(self, "_track_get_fields") and not self.env.context.get("tracking_disable"):
            self._dealer_track_sql_changes(old_values, reasons or {})
        self.env.flush_all()

    def _dealer_track_sql_changes(self, old_values, reasons):
        """Hand the old values to mail's tracking as `write` does (mail.thread._track_prepare): the message is
        logged at commit (mail.thread._track_finalize), with the tracking values of the fields that changed."""
        tracked = self._track_get_fields()
        if not tracked or self.env.context.get("mail_notrack"):
            return
        precommit = self.env.cr.precommit
        initial_values = precommit.data.setdefault(f"mail.tracking.{self._name}", {})
        for record in self.browse(old_values):
            values = initial_values.setdefault(record.id, {})
            if values is None:  # tracking discarded (the record is being deleted)
                continue
            for fname, value in old_values[record.id].items():
                if fname in tracked:
                    field = self._fields[fname]
                    values.setdefault(fname, field.convert_to_record(field.convert_to_cache(value, record), record))
            if reasons.get(record.id):
                record._track_set_log_message(reasons[record.id])
        precommit.add(self._track_finalize)
