"""Every string a user can see in the suite has its zh_CN translation."""

import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export

ADDONS = Path(__file__).resolve().parents[1] / "addons"


@tagged("post_install", "-at_install")
class TestChineseTranslations(TransactionCase):
    def test_every_term_of_every_addon_is_translated(self):
        addons = sorted(path.parent.name for path in ADDONS.glob("*/__manifest__.py"))
        installed = self.env["ir.module.module"].search([("name", "in", addons), ("state", "=", "installed")])
        self.assertEqual(sorted(installed.mapped("name")), addons, "the suite test database holds every add-on")
        missing = {}
        for addon in addons:
            template = io.BytesIO()
            trans_export(None, [addon], template, "po", self.env)
            terms = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(template.getvalue().decode())}
            po_path = ADDONS / addon / "i18n" / "zh_CN.po"
            translated = (
                {
                    (entry.msgctxt, entry.msgid)
                    for entry in polib.pofile(str(po_path))
                    if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
                }
                if po_path.is_file()
                else set()
            )
            if terms - translated:
                missing[addon] = sorted(msgid for _context, msgid in terms - translated)
        self.assertFalse(missing, f"untranslated in zh_CN.po: {missing}")
