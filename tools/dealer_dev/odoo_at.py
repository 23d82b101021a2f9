"""Run Odoo with its clock set to a moment and running on from there.

    python -m dealer_dev.odoo_at 2028-02-28T16:30:00 server -c odoo.conf ...

`make demo-dates` installs the demo this way, to prove that it tells its story
whatever the day it is installed. PostgreSQL keeps its own clock: creation
dates are the real ones, as for data imported on a later day.
"""

import sys

from freezegun import freeze_time


def main():
    moment, *arguments = sys.argv[1:]
    freeze_time(moment, tick=True).start()
    sys.argv = ["odoo", *arguments]
    # imported once the clock is set, so that Odoo starts on that moment
    from odoo.cli.command import main as odoo_main

    odoo_main()


if __name__ == "__main__":
    main()
