"""The clock of the suite's tests: every test runs on a pinned day, and the date-sensitive ones run again on
each of the days where calendars bite.

A test never reads the machine's clock: the result of "three days after a repair" or "points that expire
within 30 days" depends on the day it runs (a month of 28 or 31 days, a leap day, a year end), and a test that
passes on the day it was written must pass on every other.
"""

import functools
from contextlib import contextmanager
from datetime import date, datetime, time
from unittest.mock import patch

import pytz

from odoo import fields
from odoo.tests.common import freeze_time

STORE_TZ = pytz.timezone("Asia/Shanghai")

# A Monday in the middle of a month and of a quarter, at 10:00 in the stores
PINNED_DAY = date(2026, 6, 15)
STORE_HOURS = time(10, 0)
# 00:30 in Beijing is 16:30 UTC of the day before: a job run then decides the stores' day, not UTC's
JUST_AFTER_MIDNIGHT = time(0, 30)

CALENDAR_EDGES = (
    date(2028, 1, 31),  # a 31-day month ends
    date(2028, 2, 28),  # February of a leap year, the day before the leap day
    date(2028, 2, 29),  # the leap day
    date(2027, 2, 28),  # February ends on the 28th
    date(2027, 3, 31),  # first quarter ends
    date(2027, 6, 30),  # half year ends on a 30-day month
    date(2027, 8, 1),  # the 1st after a 31-day month
    date(2027, 9, 30),  # third quarter ends
    date(2027, 12, 31),  # year end
)


def store_moment(day, at=STORE_HOURS):
    """The moment (naive UTC, as Odoo stores it) when it is `at` o'clock on `day` in the stores."""
    return STORE_TZ.localize(datetime.combine(day, at)).astimezone(pytz.utc).replace(tzinfo=None)


def on_calendar_edges(test_method=None, *, at=STORE_HOURS):
    """Run the decorated test once on each of the CALENDAR_EDGES, at `at` o'clock in the stores, with
    `self.today` that day; what each run writes is rolled back before the next."""

    def decorate(method):
        @functools.wraps(method)
        def on_each_edge(self):
            for day in CALENDAR_EDGES:
                with self.subTest(day=day.isoformat()), self.pinned_to(day, at):
                    method(self)

        return on_each_edge

    return decorate(test_method) if test_method else decorate


class PinnedClockMixin:
    """Tests of the class run on `today` at 10:00 in the stores (a class sets `today = None` to run on the
    real clock: browser tours, whose browser cannot be pinned)."""

    today = PINNED_DAY

    @classmethod
    def setUpClass(cls):
        if cls.today:
            cls.freeze_time = freeze_time(store_moment(cls.today))
        super().setUpClass()
        if cls.today:
            # the records' creation dates follow the pinned clock too, as in Odoo's test cursors
            cls.startClassPatcher(patch.object(cls.cr, "now", fields.Datetime.now))
        else:
            cls.today = cls.env["res.company"]._dealer_today()

    @contextmanager
    def pinned_to(self, day, at=STORE_HOURS):
        """Within the block it is `at` o'clock on `day` in the stores, `self.today` is `day`, and whatever
        the block writes, the nightly jobs it runs included, is undone when it ends."""
        cr = self.env.cr
        callbacks = [cr.precommit, cr.postcommit, cr.prerollback, cr.postrollback]
        saved = [(callback, list(callback._funcs), dict(callback.data)) for callback in callbacks]
        savepoint = cr.savepoint()
        self.today = day
        try:
            with freeze_time(store_moment(day, at)):
                yield day
                self.env.flush_all()
        finally:
            del self.today
            savepoint.close(rollback=True)
            self.env.clear()
            for callback, funcs, data in saved:
                callback._funcs.clear()
                callback._funcs.extend(funcs)
                callback.data.clear()
                callback.data.update(data)
