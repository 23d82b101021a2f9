"""Command line of the developer tool (called by the Makefile through tools/dev.py).

It runs in two stages: the first, in whatever Python started it, prepares the
project's venv; the second re-executes itself inside that venv, where
psycopg2 and Odoo are importable, and does the actual work.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from . import bootstrap
from .console import say
from .errors import UserFacingError
from .odoo_locator import OdooInstall
from .paths import ROOT

STAGE_VARIABLE = "DEALER_DEV_ODOO"


def _parser():
    parser = argparse.ArgumentParser(prog="make", description="Run and test the dealer suite.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start the demo on http://localhost:PORT")
    run.add_argument("--port", type=int, default=8069)
    sub.add_parser("test", help="install the add-ons in a fresh database, run every test and the linters")
    one = sub.add_parser("test-addon", help="install one add-on alone and run its tests")
    one.add_argument("addon")
    sub.add_parser("lint", help="run the linters only")
    sub.add_parser("i18n", help="export the add-ons' terms to i18n/*.pot and i18n/zh_CN.po")
    dates = sub.add_parser("demo-dates", help="install the demo on the days where calendars bite, check its story")
    dates.add_argument("days", nargs="*", help="e.g. 2028-02-29 (default: every day of the list)")
    upstream = sub.add_parser("odoo-tests", help="Odoo's own tests of the extended modules, without and with the suite")
    upstream.add_argument("modules", nargs="*", help="e.g. crm survey (default: all of the selection)")
    bench = sub.add_parser("bench", help="run the scale benchmarks of tests/benchmarks/")
    bench.add_argument("names", nargs="*", help="e.g. crm_base (default: all)")
    return parser


def _prepare_venv_then_reexec(args, argv):
    odoo = bootstrap.ensure_venv(say)
    env = dict(os.environ)
    env[STAGE_VARIABLE] = json.dumps({"source": str(odoo.source or ""), "python": odoo.python or ""})
    python = str(bootstrap.VENV_PYTHON)
    os.execve(python, [python, str(ROOT / "tools" / "dev.py"), *argv], env)


def _odoo_from_first_stage():
    found = json.loads(os.environ[STAGE_VARIABLE])
    return OdooInstall(source=Path(found["source"]) if found["source"] else None, python=found["python"] or None)


def main(argv):
    args = _parser().parse_args(argv)
    try:
        if STAGE_VARIABLE not in os.environ:
            _prepare_venv_then_reexec(args, argv)
        # psycopg2, which these need, exists only in the venv
        from . import commands, upstream
        from .postgres import find_server

        if args.command == "lint":
            return commands.lint()
        context = commands.Context(_odoo_from_first_stage(), find_server(say), say)
        if args.command == "run":
            return commands.run(context, args.port)
        if args.command == "test":
            return commands.test(context)
        if args.command == "i18n":
            return commands.export_translations(context)
        if args.command == "demo-dates":
            return commands.demo_dates(context, args.days)
        if args.command == "odoo-tests":
            return upstream.odoo_tests(context, args.modules)
        if args.command == "bench":
            return commands.bench(context, args.names)
        return commands.test_addon(context, args.addon)
    except UserFacingError as error:
        sys.stderr.write(f"error: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        return 130
