import importlib
from datetime import datetime, time

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

DEFAULT_DEALER_TZ = "Asia/Shanghai"
# The add-ons whose demo data play a history (their demo/history.py), in the order they are installed.
DEMO_HISTORIES = ("dealer_service", "dealer_complaints", "dealer_loyalty")


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_care_user_id = fields.Many2one(
        "res.users",
        string="Care Calendar Coordinator",
        domain="[('share', '=', False)]",
        help="Receives the store's care-calendar calls and greetings that nobody else owns.",
    )

    @api.model
    def _dealer_tz(self):
        """The stores' clock, where the suite decides which day it is (Settings > Dealer)."""
        # sudo: a time zone name is no secret, and reading system parameters needs the admin's rights
        name = self.env["ir.config_parameter"].sudo().get_param("dealer_crm_base.timezone")
        return pytz.timezone(name or DEFAULT_DEALER_TZ)

    @api.model
    def _dealer_now(self):
        """The moment the suite acts at (a naive UTC datetime): the context's `dealer_now` when a caller sets it
        (the demo plays its history step by step with it), else now."""
        return fields.Datetime.to_datetime(self.env.context.get("dealer_now")) or fields.Datetime.now()

    @api.model
    def _dealer_today(self, moment=None):
        """The day it is in the stores at `moment` (a naive UTC datetime, as Odoo stores them; now by default).

        Not the user's day: a nightly job runs as OdooBot, whose clock may be UTC,
        and at 00:30 in Beijing it is still yesterday in UTC.
        """
        moment = fields.Datetime.to_datetime(moment) or self._dealer_now()
        return pytz.utc.localize(moment).astimezone(self._dealer_tz()).date()

    @api.model
    def _dealer_dated_after_today(self, records, date_field):
        """The first of `records` whose `date_field` is after the stores' today: a day that cannot have come
        yet (a delivery, a birthday, a join date)."""
        today = self._dealer_today()
        return next((record for record in records if record[date_field] and record[date_field] > today), None)

    @api.model
    def _dealer_day_sql(self, moment):
        """SQL for the day it was in the stores at `moment`, an SQL timestamp stored in UTC."""
        return SQL("(%s AT TIME ZONE 'UTC' AT TIME ZONE %s)::date", moment, self._dealer_tz().zone)

    @api.model
    def _dealer_day_start(self, day):
        """The moment (naive UTC) the stores' `day` begins: where a search by day starts on a datetime."""
        midnight = self._dealer_tz().localize(datetime.combine(day, time.min))
        return midnight.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _dealer_tz_sql(self):
        """SQL for the stores' time zone, read when the query runs: for reporting views, which outlive a
        change of the setting."""
        return SQL(
            "COALESCE((SELECT value FROM ir_config_parameter WHERE key = 'dealer_crm_base.timezone'), %s)",
            DEFAULT_DEALER_TZ,
        )

    @api.model
    def _dealer_play_demo(self, module):
        """Called by the demo data of `module`: play its history (the module's demo/history.py, which only a
        database installed with demo data ever imports)."""
        if module not in DEMO_HISTORIES:
            raise ValueError(f"No demo history in {module!r}")
        importlib.import_module(f"odoo.addons.{module}.demo.history").play(self.env)
        return True
