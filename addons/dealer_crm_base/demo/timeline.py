"""The demo's timeline, shared by the suite's demo histories (each add-on's demo/history.py).

Demo data only: imported when `res.company._dealer_play_demo` plays a history, never by the add-ons' code.
"""

import heapq
from datetime import datetime, time, timedelta

from odoo import fields

# The demo stores are in China: Beijing time all year round.
BEIJING = timedelta(hours=8)


class DemoTimeline:
    """Scripts of a demo played in the order of their dates, each step at its moment.

    A script is a function, or a generator that yields the moment of its next step. Each step runs with the
    clock moved to its moment, so that what Odoo dates itself (the chatter, the stock moves, the payments,
    the survey answers) carries the date the story gives it.
    """

    def __init__(self, env):
        self.env = env
        self.now = fields.Datetime.now()
        self.queue = []
        self.sequence = 0

    @staticmethod
    def at(day, hour):
        """The UTC moment of a Beijing day and time."""
        return datetime.combine(day, time.fromisoformat(hour)) - BEIJING

    @staticmethod
    def local_day(moment):
        return (moment + BEIJING).date()

    def schedule(self, moment, script):
        """Run `script` at `moment`: a function, or a generator yielding the moment of its next step."""
        self.sequence += 1
        heapq.heappush(self.queue, (moment, self.sequence, script))

    def play(self, start=None):
        """Run the scripts up to now, from `start` (the first moment scheduled by default)."""
        # freezegun (a dependency of Odoo) moves the clock of the whole process: demo data only
        from freezegun import freeze_time

        if not self.queue:
            return
        with freeze_time(start or self.queue[0][0]) as clock:
            while self.queue:
                moment, _sequence, script = heapq.heappop(self.queue)
                if moment > self.now:
                    continue
                clock.move_to(moment)
                self._step(moment, script)

    def _step(self, moment, script):
        try:
            following = script() if callable(script) else next(script)
        except StopIteration:
            following = None
        # what waits for the commit (the chatter's tracking) happens now, on the step's date
        self.env.flush_all()
        self.env.cr.precommit.run()
        if following:
            self.schedule(max(following, moment), script)
