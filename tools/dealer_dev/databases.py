"""The databases the tool manages: templates, test databases, the demo.

A template holds the Odoo modules the suite depends on, installed once with
demo data and Chinese; test databases are copies of it (database and
filestore), which takes a fraction of a second instead of minutes.
"""

import hashlib

from .errors import UserFacingError
from .odoo_process import copy_filestore, drop_filestore, external_dependencies, odoo_command, run_odoo
from .paths import DB_PREFIX, FILESTORE

TEMPLATE_PREFIX = f"{DB_PREFIX}_tmpl_"
# The first is the default language of new partners (res.lang.install_lang).
LANGUAGES = "en_US,zh_CN"


def template_name(odoo, dependencies):
    key = hashlib.sha256(f"{odoo.describe()}|{','.join(dependencies)}|demo|{LANGUAGES}".encode())
    return TEMPLATE_PREFIX + key.hexdigest()[:10]


def ensure_template(context, addons):
    """Return the template database holding the dependencies of `addons`."""
    dependencies = external_dependencies(addons)
    name = template_name(context.odoo, dependencies)
    if context.databases.exists(name):
        if (FILESTORE / name).is_dir():
            return name
        # built from another checkout: its images and attachments are in that checkout's .data, and a copy
        # without them fails on every image it shows
        context.say(f"Template database {name} has no files in this checkout: building it again")
        context.databases.drop(name)
    building = name + "_build"
    context.databases.drop(building)
    drop_filestore(building)
    context.say(f"Building template database {name} ({', '.join(dependencies)}) once; copies of it are instant")
    log = run_odoo(
        f"template-{name}",
        odoo_command(
            building,
            "-i",
            ",".join(dependencies),
            "--with-demo",
            "--load-language",
            LANGUAGES,
            "--stop-after-init",
            "--no-http",
        ),
        context.env,
    )
    if log.returncode or log.problems:
        raise UserFacingError(f"building the template database failed, see {log.path}", exit_code=1)
    context.databases.rename(building, name)
    drop_filestore(name)
    if (FILESTORE / building).is_dir():
        (FILESTORE / building).rename(FILESTORE / name)
    return name


def fresh_copy(context, template, name):
    context.databases.copy(template, name)
    copy_filestore(template, name)


def drop_stale_templates(context, keep):
    for name in context.databases.names_like(TEMPLATE_PREFIX.replace("_", r"\_") + "%"):
        if name not in keep:
            context.databases.drop(name)
            drop_filestore(name)
