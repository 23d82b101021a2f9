from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

REASONS = [
    ("purchase", "Paid Invoice"),
    ("refund", "Credit Note"),
    ("tenure", "Membership Month"),
    ("referral", "Referral"),
    ("redemption", "Redemption"),
    ("expiry", "Expiry"),
    ("late_payment", "Late Payment"),
    ("reversal", "Reversal"),
]
# Entries that earn points carry an expiry date; so do their reversals and credit notes, which take back
# points from the same batch. Everything else consumes (or gives back) the oldest points first.
EARNING_REASONS = ("purchase", "tenure", "referral")


class DealerLoyaltyEntry(models.Model):
    """One line of a member's points ledger. Entries are never edited or deleted, only reversed."""

    _name = "dealer.loyalty.entry"
    _description = "Loyalty Points Entry"
    _order = "date desc, id desc"
    _rec_name = "description"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="restrict", readonly=True
    )
    card_id = fields.Many2one("loyalty.card", string="Member Card", index="btree_not_null", readonly=True)
    company_id = fields.Many2one("res.company", string="Store", required=True, index=True, readonly=True)
    date = fields.Date(
        required=True, default=lambda self: self.env["res.company"]._dealer_today(), index=True, readonly=True
    )
    reason = fields.Selection(REASONS, required=True, index=True, readonly=True)
    description = fields.Char(required=True, readonly=True)
    points = fields.Integer(required=True, readonly=True)
    expiry_date = fields.Date(index="btree_not_null", readonly=True, help="When points earned by this entry expire.")
    move_id = fields.Many2one(
        "account.move", string="Source Document", index="btree_not_null", readonly=True, ondelete="restrict"
    )
    referred_partner_id = fields.Many2one(
        "res.partner", string="Referred Customer", index="btree_not_null", readonly=True, ondelete="restrict"
    )
    reversal_of_id = fields.Many2one(
        "dealer.loyalty.entry", string="Reverses", index="btree_not_null", readonly=True, ondelete="restrict"
    )
    reversal_ids = fields.One2many("dealer.loyalty.entry", "reversal_of_id", string="Reversed by", readonly=True)
    is_reversed = fields.Boolean("Reversed", compute="_compute_is_reversed")
    tier_id = fields.Many2one(
        "dealer.loyalty.tier", string="Member Tier", readonly=True, help="Member's tier at the time."
    )
    month = fields.Date(
        compute="_compute_report_measures", store=True, precompute=True, help="First day of the month of the entry."
    )
    points_earned = fields.Integer("Earned", compute="_compute_report_measures", store=True, precompute=True)
    points_redeemed = fields.Integer("Redeemed", compute="_compute_report_measures", store=True, precompute=True)
    points_expired = fields.Integer("Expired or Lost", compute="_compute_report_measures", store=True, precompute=True)

    _reversed_once = models.UniqueIndex("(reversal_of_id) WHERE reversal_of_id IS NOT NULL")
    _partner_date = models.Index("(partner_id, expiry_date, points)")

    @api.depends("reversal_ids")
    def _compute_is_reversed(self):
        for entry in self:
            entry.is_reversed = bool(entry.reversal_ids)

    @api.depends("reason", "points", "date", "reversal_of_id.reason")
    def _compute_report_measures(self):
        for entry in self:
            reason = entry.reversal_of_id.reason if entry.reason == "reversal" else entry.reason
            entry.month = entry.date and entry.date.replace(day=1)
            entry.points_earned = entry.points if reason in (*EARNING_REASONS, "refund") else 0
            entry.points_redeemed = -entry.points if reason == "redemption" else 0
            entry.points_expired = -entry.points if reason in ("expiry", "late_payment") else 0

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._(
                    "Points entries cannot be changed: reverse the entry instead, and record a new one if needed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Points entries cannot be deleted: reverse the entry instead."))

    # ledger API -------------------------------------------------------------------------------------------

    @api.model
    def _dealer_lock(self, partners):
        """Lock the members' rows until the end of the transaction: whoever changes a balance holds the lock, so
        that two redemptions at the same moment see each other's points spent (the second waits, then re-reads)."""
        if partners:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                    tuple(partners.ids),
                )
            )
            partners.invalidate_recordset(["dealer_loyalty_points"])

    @api.model
    def _dealer_balances(self, partners):
        """Balance of each member straight from the ledger (after _dealer_lock, the truth)."""
        if not partners:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT partner_id, SUM(points) FROM dealer_loyalty_entry WHERE partner_id IN %s GROUP BY partner_id",
                tuple(partners.ids),
            )
        )
        totals = dict(self.env.cr.fetchall())
        return {partner: int(totals.get(partner.id, 0)) for partner in partners}

    @api.model
    def _dealer_post(self, vals_list):
        """Record entries (as the system: nobody creates them by hand) and refresh the members' balances."""
        vals_list = [vals for vals in vals_list if vals.get("points")]
        if not vals_list:
            return self.browse()
        partners = self.env["res.partner"].browse({vals["partner_id"] for vals in vals_list})
        # callers build the values (earning, redemption, jobs), never from the user's input; sudo reads the members'
        # cards and writes the entries, and they go back without the sudo
        cards = {card.partner_id.id: card for card in partners.sudo().dealer_loyalty_card_id}
        for vals in vals_list:
            card = cards.get(vals["partner_id"])
            if card:
                vals.setdefault("card_id", card.id)
                vals.setdefault("company_id", card.company_id.id)
            vals.setdefault("company_id", self.env.company.id)
        entries = self.sudo().create(vals_list)
        reasons = defaultdict(list)
        for entry in entries:
            if entry.description not in reasons[entry.partner_id.id]:
                reasons[entry.partner_id.id].append(entry.description)
        self._dealer_refresh_balances(partners, {partner_id: "; ".join(texts) for partner_id, texts in reasons.items()})
        return entries.sudo(False)

    @api.model
    def _dealer_refresh_balances(self, partners, reasons=None):
        """The stored balances of the members (partner and member card) from their ledger, in one statement
        (readme/DESCRIPTION.md, "Writes in SQL, and why"); then what `write` would have done: the caches, the
        fields that depend on them, and on the card what loyalty's own `write` does, the points change tracked
        in its chatter (with `reasons`, {partner id: text}, as its text) and the milestone mails."""
        if not partners:
            return
        self.env.flush_all()
        self.env.cr.execute(self._dealer_balances_update_sql(partners.ids))
        rows = self.env.cr.dictfetchall()
        partner_rows = [row for row in rows if row["model"] == "res.partner"]
        card_rows = [row for row in rows if row["model"] == "loyalty.card"]
        self.env["res.partner"]._dealer_sql_written(
            {row["id"]: {"dealer_loyalty_points": row["points"]} for row in partner_rows}
        )
        # the ledger changed the balances, whoever posted the entries (a cashier's invoice, the nightly job): the
        # card's tracking message and loyalty's milestone mail are the system's, with the program's own template
        Card = self.env["loyalty.card"].sudo()
        Card._dealer_sql_written(
            {row["id"]: {"points": row["points"]} for row in card_rows},
            {row["id"]: {"points": row["old_points"]} for row in card_rows},
            {row["id"]: (reasons or {}).get(row["partner_id"]) for row in card_rows},
        )
        # loyalty's write hands every card to it, which skips those that did not rise
        rising = {Card.browse(row["id"]): row for row in card_rows if row["points"] > (row["old_points"] or 0)}
        Card.browse(card.id for card in rising)._send_points_reach_communication(
            {card: {"old": row["old_points"] or 0, "new": row["points"]} for card, row in rising.items()}
        )

    @api.model
    def _dealer_balances_sql(self, partner_ids):
        """SQL: the balance of each member of `partner_ids` from his ledger, with the one stored on him."""
        return SQL(
            """
            SELECT p.id, COALESCE(SUM(e.points), 0)::int AS points, p.dealer_loyalty_points AS old_points
              FROM res_partner p LEFT JOIN dealer_loyalty_entry e ON e.partner_id = p.id
             WHERE p.id = ANY(%s) GROUP BY p.id
            """,
            list(partner_ids),
        )

    @api.model
    def _dealer_balances_update_sql(self, partner_ids):
        """SQL: write the balances of the members and of their member cards where they differ from the ledger;
        returns the rows written (model, id, member, points, former points)."""
        return SQL(
            """
            WITH total AS (%(total)s), partners AS (
                UPDATE res_partner p SET dealer_loyalty_points = total.points
                  FROM total WHERE p.id = total.id AND p.dealer_loyalty_points IS DISTINCT FROM total.points
             RETURNING p.id, total.points, total.old_points
            ), cards AS (
                SELECT c.id, c.partner_id, c.points AS old_points
                  FROM loyalty_card c JOIN total ON total.id = c.partner_id WHERE c.dealer_member
            ), written_cards AS (
                UPDATE loyalty_card c SET points = total.points
                  FROM cards JOIN total ON total.id = cards.partner_id
                 WHERE c.id = cards.id AND c.points IS DISTINCT FROM total.points
             RETURNING c.id, c.partner_id, total.points, cards.old_points
            )
            SELECT 'res.partner' AS model, id, id AS partner_id, points, old_points FROM partners
             UNION ALL
            SELECT 'loyalty.card', id, partner_id, points, old_points FROM written_cards
            """,
            total=self._dealer_balances_sql(partner_ids),
        )

    def _dealer_reverse(self, description=None):
        """Reverse these entries (those not reversed yet) with one opposite entry each."""
        # called on entries the system picked (give-back, refund, unpaid invoice); the reversal is their exact
        # opposite, and the credit notes already counted are found by a fixed domain
        todo = self.sudo().filtered(lambda entry: not entry.reversal_ids and entry.reason != "reversal")
        if not todo:
            return self.browse()
        self._dealer_lock(todo.partner_id)
        vals_list = []
        for entry in todo:
            points = entry.points
            if entry.reason == "purchase":
                # credit notes already took some of these points back
                points += sum(
                    self.sudo()
                    .search(
                        [
                            ("reason", "=", "refund"),
                            ("reversal_of_id", "=", False),
                            ("move_id.reversed_entry_id", "=", entry.move_id.id),
                        ]
                    )
                    .mapped("points")
                )
            vals_list.append(
                {
                    "partner_id": entry.partner_id.id,
                    "card_id": entry.card_id.id,
                    "company_id": entry.company_id.id,
                    "reason": "reversal",
                    "description": description or self.env._("Reversal of %(entry)s", entry=entry.description),
                    "points": -points,
                    "expiry_date": entry.expiry_date,
                    "move_id": entry.move_id.id,
                    "referred_partner_id": entry.referred_partner_id.id,
                    "reversal_of_id": entry.id,
                    "tier_id": entry.tier_id.id,
                }
            )
        return self._dealer_post(vals_list)

    @api.model
    def _dealer_expiry_date(self, company, day):
        return day + relativedelta(months=company.dealer_loyalty_expiry_months)
