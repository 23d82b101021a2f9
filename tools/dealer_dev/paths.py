"""Where the project keeps things; everything generated lives under .venv/ and .data/."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
SUITE_TESTS = ROOT / "tests"
ODOO_CONF = ROOT / "odoo.conf"
VENV = ROOT / ".venv"
DATA = ROOT / ".data"
LOGS = DATA / "logs"
FILESTORE = DATA / "odoo" / "filestore"
EMBEDDED_PG = DATA / "postgres"

# Database names start with this, so that two clones can test side by side
# on one PostgreSQL server (DEALER_DB_PREFIX=wip make test).
DB_PREFIX = os.environ.get("DEALER_DB_PREFIX", "dealer")
