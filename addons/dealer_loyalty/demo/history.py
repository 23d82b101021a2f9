"""The demo history of dealer_loyalty, played by its demo data (res.company._dealer_play_demo)."""

import math
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command

from odoo.addons.dealer_crm_base.demo.timeline import DemoTimeline

CRM = "dealer_crm_base"
SERVICE = "dealer_service"

# The club's members: customer of dealer_crm_base's demo, card number, days since joining, who brought him.
MEMBERS = [
    ("hongyun_taxi", "CC-CLUB-0001", 738, None),
    ("liu_jianhua", "CC-CLUB-0002", 735, None),
    ("sun_deming", "CC-CLUB-0003", 650, None),
    ("wang_haiyan", "CC-CLUB-0004", 600, None),
    ("chen_zhiyong", "CC-CLUB-0005", 505, "liu_jianhua"),
    ("yang_xiulan", "CC-CLUB-0006", 420, "liu_jianhua"),
    ("han_lixin", "CC-CLUB-0007", 380, None),
    ("zhao_lihua", "CC-CLUB-0008", 300, "yang_xiulan"),
    ("zhou_hongwei", "CC-CLUB-0009", 200, None),
    ("wu_chunmei", "CC-CLUB-0010", 150, "wang_haiyan"),
    ("zhang_weidong", "CC-CLUB-0011", 90, None),
    ("feng_xiaofeng", "CC-CLUB-0012", 40, "sun_deming"),
    ("tongda_taxi", "JL-CLUB-0001", 730, None),
    ("gao_yufen", "JL-CLUB-0002", 690, None),
    ("jiangcheng_construction", "JL-CLUB-0003", 560, None),
    ("lin_zhigang", "JL-CLUB-0004", 470, "gao_yufen"),
    ("he_jingyi", "JL-CLUB-0005", 330, None),
    ("luo_haitao", "JL-CLUB-0006", 250, None),
    ("song_chunyan", "JL-CLUB-0007", 120, "he_jingyi"),
    ("xu_wenbo", "JL-CLUB-0008", 60, None),
]

# Sales paid at the counter: customer, days ago, (product, quantity, price or None) lines, and whether the member
# pays what his points allow with them.
SALES = [
    ("liu_jianhua", 400, [("accessory_dash_camera", 1, None)], True),
    ("hongyun_taxi", 330, [("part_tyre", 8, None)], True),
    ("gao_yufen", 290, [("accessory_floor_mats", 1, None)], True),
    # winter tyres and a scraped bumper repainted, paid by the owner (no insurance claim)
    (
        "sun_deming",
        200,
        [
            ("part_tyre", 4, None),
            ("part_bumper_cover", 1, None),
            ("part_paint_materials", 2, None),
            ("labour_paint", 8, 260.0),
        ],
        False,
    ),
    ("wang_haiyan", 180, [("accessory_dash_camera", 1, None)], True),
    # a front-end knock repaired with new tyres, paid by the owner
    (
        "gao_yufen",
        160,
        [
            ("part_headlamp", 1, None),
            ("part_bumper_cover", 1, None),
            ("part_paint_materials", 3, None),
            ("labour_paint", 10, 260.0),
            ("part_tyre", 4, None),
        ],
        False,
    ),
    ("tongda_taxi", 140, [("part_tyre", 8, None)], True),
    # the Changchun taxi fleet's second set of tyres in the year keeps it Platinum, whatever the day
    ("hongyun_taxi", 100, [("part_tyre", 8, None)], False),
    # a front-end knock repaired, paid by the owner
    (
        "chen_zhiyong",
        130,
        [
            ("part_headlamp", 1, None),
            ("part_bumper_cover", 1, None),
            ("part_paint_materials", 3, None),
            ("labour_paint", 10, 260.0),
        ],
        False,
    ),
    ("sun_deming", 95, [("accessory_window_film", 1, None)], True),
    # the builder's site vans get winter tyres; the points it earns this quarter are frozen while a bill is overdue
    ("jiangcheng_construction", 40, [("part_tyre", 8, None)], False),
    ("yang_xiulan", 35, [("accessory_floor_mats", 1, None)], True),
    ("lin_zhigang", 20, [("accessory_dash_camera", 1, None)], True),
]

# Bills paid late: customer, days ago, lines, days until paid (None: still unpaid today). Due in 30 days.
LATE_BILLS = [
    # the taxi company paid its winter tyres three months late: it lost the points of the quarter
    ("hongyun_taxi", 290, [("part_tyre", 12, None)], 105),
    # the builder has not paid the batteries of its site vans: its points of the quarter are frozen
    ("jiangcheng_construction", 75, [("part_battery", 4, None)], None),
]

# The Jilin store's club rules differ: points live a year, a late payer's points are frozen, not lost.
JILIN_RULES = {"dealer_loyalty_expiry_months": 12, "dealer_loyalty_late_policy": "freeze"}


def play(env):
    """The club's two years on the demo customers of dealer_service, through the club's real flow: members enrol
    on their join date, their paid invoices earn points on the day they were paid, counter sales are paid partly
    with points, the nightly job runs every month (tenure, expiry and its notices, late payers, tiers); then
    today's nightly job. Each step runs at its moment, so every ledger entry carries the date it would have had."""
    if env["loyalty.card"].search_count([("dealer_member", "=", True)], limit=1):
        return  # played already
    history = _ClubHistory(env)
    history.prepare()
    history.play()
    history.nightly()


class _ClubHistory(DemoTimeline):
    def __init__(self, env):
        super().__init__(env)
        self.today = fields.Date.today()

    def ref(self, xmlid):
        return self.env.ref(xmlid)

    def partner(self, key):
        return self.ref(f"{CRM}.res_partner_{key}_demo")

    def product(self, key):
        return self.ref(f"{SERVICE}.product_{key}_demo")

    def accountant(self, store):
        code = "cc" if store == self.ref(f"{CRM}.company_changchun_store_demo") else "jl"
        return self.ref(f"{SERVICE}.user_accountant_{code}_demo")

    def day(self, days_ago):
        return self.today - timedelta(days=days_ago)

    def add(self, moment, step):
        """Run `step` at `moment`, or now for what is paid later today."""
        self.schedule(min(moment, self.now), step)

    # the story

    def prepare(self):
        self.ref(f"{CRM}.company_jilin_store_demo").write(JILIN_RULES)
        joined = {}
        for key, code, days, referrer in MEMBERS:
            joined[key] = self.day(days)
            self.add(
                self.at(joined[key], "09:00"),
                lambda key=key, code=code, referrer=referrer: self.enrol(key, code, referrer),
            )
        members = self.env["res.partner"].browse(self.partner(key).id for key in joined)
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("paid", "in_payment")),
                ("commercial_partner_id", "in", members.ids),
            ]
        )
        for invoice in invoices:
            paid = max(invoice._get_reconciled_payments().mapped("date") or [invoice.invoice_date])
            member = invoice.commercial_partner_id
            key = next(key for key in joined if self.partner(key) == member)
            if paid >= joined[key]:
                self.add(self.at(paid, "17:00"), lambda invoice=invoice: self.current(invoice)._dealer_loyalty_sync())
        for key, days, lines, redeem in SALES:
            self.add(
                self.at(self.day(days), "15:00"),
                lambda key=key, lines=lines, redeem=redeem: self.counter_sale(key, lines, redeem),
            )
        for key, days, lines, paid_after in LATE_BILLS:
            self.add(
                self.at(self.day(days), "11:00"),
                lambda key=key, lines=lines, paid=paid_after: self.bill(key, lines, paid),
            )
        first = min(joined.values())
        month = (first + relativedelta(months=1)).replace(day=1)
        while month <= self.today:
            self.add(self.at(month, "08:00"), self.nightly)
            month += relativedelta(months=1)

    def enrol(self, key, code, referrer):
        partner = self.partner(key)
        store = partner.company_id
        card = (
            self.env["loyalty.card"]
            .with_user(partner.user_id or self.env.user)
            .sudo()
            .with_company(store)
            .with_context(dealer_enrol=True)
            .create(
                {
                    "partner_id": partner.id,
                    "dealer_store_id": store.id,
                    "code": code,
                    "dealer_join_date": self.moment.date(),
                    "dealer_referrer_id": referrer and self.partner(referrer).id,
                }
            )
        )
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"dealer_loyalty.loyalty_card_{key}_demo", "record": card, "noupdate": True}]
        )

    def nightly(self):
        """The nightly job; the expiry calls of the past were made by the salespeople."""
        expiry = self.ref("dealer_loyalty.mail_activity_type_points_expiry")
        calls = self.env["mail.activity"].search(
            [("activity_type_id", "=", expiry.id), ("date_deadline", "<", self.moment.date())]
        )
        for call in calls:
            call.with_user(call.user_id).sudo().action_feedback(
                feedback="Called the member about his points. 已致电会员提醒积分到期。"
            )
        self.env["res.partner"]._cron_dealer_loyalty()

    def _invoice(self, key, lines, **values):
        partner = self.partner(key)
        store = partner.company_id
        user = self.accountant(store)
        return (
            self.env["account.move"]
            .with_user(user)
            .sudo()
            .with_company(store)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": store.id,
                    "invoice_date": self.moment.date(),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": self.product(product).id,
                                "quantity": quantity,
                                **({"price_unit": price} if price else {}),
                            }
                        )
                        for product, quantity, price in lines
                    ],
                    **values,
                }
            )
        )

    def _pay(self, invoice):
        wizard = self.env["account.payment.register"].with_user(self.accountant(invoice.company_id)).sudo()
        wizard.with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"payment_date": fields.Date.context_today(wizard, timestamp=self.moment)}
        ).action_create_payments()

    def counter_sale(self, key, lines, redeem):
        """A sale paid at the counter: the member may pay what his points allow (at most the store's share)."""
        invoice = self._invoice(key, lines)
        member = invoice.commercial_partner_id
        company = member.dealer_loyalty_store_id
        spendable = member.dealer_loyalty_points - member._dealer_loyalty_frozen_points()
        base = sum(invoice.invoice_line_ids.mapped("price_subtotal"))
        allowed = math.floor(base * company.dealer_loyalty_max_share / 100 / company.dealer_loyalty_point_value)
        points = min(spendable, allowed) // 50 * 50
        if redeem and points >= 50:
            invoice.dealer_redeem_points(points)
        invoice.action_post()
        self._pay(invoice)

    def bill(self, key, lines, paid_after):
        invoice = self._invoice(key, lines, invoice_payment_term_id=self.ref("account.account_payment_term_30days").id)
        invoice.action_post()
        if paid_after is not None:
            self.add(self.moment + timedelta(days=paid_after), lambda: self._pay(invoice))
