"""The demo's timeline, shared by the suite's demo histories (each add-on's demo/history.py).

Demo data only: imported when `res.company._dealer_play_demo` plays a history, never by the add-ons' code.
"""

import heapq
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tools import SQL

# The demo stores are in China: Beijing time all year round.
BEIJING = timedelta(hours=8)

# What Odoo dates with the wall clock whatever the caller says: the chatter, the activities done, the stock
# moves, the survey answers. (model, field)
ODOO_CLOCK_FIELDS = (
    ("mail.message", "date"),
    ("mail.activity", "date_done"),
    ("stock.move", "date"),
    ("stock.move.line", "date"),
    ("stock.picking", "scheduled_date"),
    ("stock.picking", "date_done"),
    ("stock.quant", "in_date"),
    ("survey.user_input", "start_datetime"),
    ("survey.user_input", "end_datetime"),
)


class DemoTimeline:
    """Scripts of a demo played in the order of their dates, each step at its moment.

    A script is a function, or a generator that yields the moment of its next step. Each step runs with
    `self.env` at its moment (the context's `dealer_now`, the suite's clock: `res.company._dealer_now`); a
    script rebinds the records it keeps from one step to the next with `self.current(records)`. What Odoo dates
    with the wall clock is moved to the step's moment after it (see `_redate`).
    """

    def __init__(self, env):
        self.base_env = env
        self.env = env
        self.now = fields.Datetime.now()
        self.moment = self.now
        self.queue = []
        self.sequence = 0

    @staticmethod
    def at(day, hour):
        """The UTC moment of a Beijing day and time."""
        return datetime.combine(day, time.fromisoformat(hour)) - BEIJING

    @staticmethod
    def local_day(moment):
        return (moment + BEIJING).date()

    def current(self, records):
        """`records` at the moment of the current step (same user, rights and companies)."""
        return records.with_context(dealer_now=self.moment)

    def schedule(self, moment, script):
        """Run `script` at `moment`: a function, or a generator yielding the moment of its next step."""
        self.sequence += 1
        heapq.heappush(self.queue, (moment, self.sequence, script))

    def play(self):
        """Run the scripts up to now, in the order of their moments."""
        kept = self._rows_dated_now()
        while self.queue:
            moment, _sequence, script = heapq.heappop(self.queue)
            if moment <= self.now:
                self._step(moment, script, kept)
        self.moment, self.env = self.now, self.base_env

    def _step(self, moment, script, kept):
        self.moment = moment
        self.env = self.base_env(context=dict(self.base_env.context, dealer_now=moment))
        try:
            following = script() if callable(script) else next(script)
        except StopIteration:
            following = None
        # what waits for the commit (the chatter's tracking) happens now, on the step's date
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.flush_all()
        self._redate(moment, kept)
        if following:
            self.schedule(max(following, moment), script)

    def _clock_condition(self, model, name):
        """SQL: the field holds the wall clock of this play (a value no step of the history can have)."""
        if model._fields[name].type == "date":
            return SQL("%s = %s", SQL.identifier(name), self.now.date())
        return SQL("%s >= %s", SQL.identifier(name), self.now)

    def _rows_dated_now(self):
        """The rows dated by the wall clock before the history is played: today's, not the history's."""
        kept = {}
        for model_name, name in ODOO_CLOCK_FIELDS:
            model = self.env[model_name]
            self.env.cr.execute(
                SQL("SELECT id FROM %s WHERE %s", SQL.identifier(model._table), self._clock_condition(model, name))
            )
            kept[model_name, name] = [row[0] for row in self.env.cr.fetchall()]
        return kept

    def _redate(self, moment, kept):
        """Move what Odoo dated with the wall clock during the step to the step's moment. Demo data only: the
        history is made up, and these are the rows its step wrote."""
        for model_name, name in ODOO_CLOCK_FIELDS:
            model = self.env[model_name]
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET %s = %s WHERE %s AND id != ALL(%s)",
                    SQL.identifier(model._table),
                    SQL.identifier(name),
                    moment.date() if model._fields[name].type == "date" else moment,
                    self._clock_condition(model, name),
                    kept[model_name, name],
                )
            )
            if self.env.cr.rowcount:
                model.invalidate_model([name])
