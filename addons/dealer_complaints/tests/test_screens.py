from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintScreens(TransactionCase):
    def test_every_demo_complaint_says_what_the_customer_said(self):
        # imported here: a database installed without demo data loads no demo code, its tests included
        from ..demo.history import (
            DESCRIPTIONS,
            GROUP_STORIES,
            OPEN_STORIES,
            STORIES,
        )

        subjects = [story[7] for story in STORIES] + [story[4] for story in OPEN_STORIES]
        subjects += [story[3] for story in GROUP_STORIES]
        self.assertFalse([subject for subject in subjects if not DESCRIPTIONS.get(subject)])

    def test_category_shows_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        parent = self.env["dealer.complaint.category"].create({"name": "After-sales Quality"})
        child = self.env["dealer.complaint.category"].create({"name": "Waiting Time", "parent_id": parent.id})
        parent.update_field_translations("name", {"zh_CN": "售后质量"})
        child.update_field_translations("name", {"zh_CN": "等待时间"})
        self.assertEqual(child.with_context(lang="zh_CN").display_name, "售后质量 / 等待时间")
        self.assertEqual(child.with_context(lang="en_US").display_name, "After-sales Quality / Waiting Time")
