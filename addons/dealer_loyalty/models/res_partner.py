from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

BATCH = 2000
PAID = ("paid", "in_payment")


def quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_loyalty_card_ids = fields.One2many(
        "loyalty.card", "partner_id", string="Club Cards", domain=[("dealer_member", "=", True)]
    )
    dealer_loyalty_card_id = fields.Many2one(
        "loyalty.card",
        string="Member Card",
        compute="_compute_dealer_loyalty_card_id",
        store=True,
        index="btree_not_null",
        compute_sudo=True,
    )
    dealer_loyalty_member = fields.Boolean(
        "Club Member", compute="_compute_dealer_loyalty_card_id", store=True, index=True, compute_sudo=True
    )
    dealer_loyalty_store_id = fields.Many2one(
        "res.company", string="Club Store", compute="_compute_dealer_loyalty_card_id", store=True, compute_sudo=True
    )
    dealer_loyalty_join_date = fields.Date(related="dealer_loyalty_card_id.dealer_join_date", string="Member since")
    dealer_loyalty_points = fields.Integer(
        "Loyalty Points",
        readonly=True,
        index=True,
        copy=False,
        help="Spendable balance: the sum of the member's points ledger, kept by the ledger itself.",
    )
    dealer_loyalty_tier_id = fields.Many2one(
        "dealer.loyalty.tier", string="Loyalty Tier", readonly=True, index="btree_not_null", copy=False
    )
    dealer_loyalty_tier_since = fields.Date("In Tier since", readonly=True, copy=False)
    dealer_loyalty_review_date = fields.Date(
        "Tier Review", readonly=True, copy=False, help="Yearly review: the only day a member can move down a tier."
    )
    dealer_loyalty_tier_history_ids = fields.One2many(
        "dealer.loyalty.tier.history", "partner_id", string="Tier History"
    )
    dealer_loyalty_entry_ids = fields.One2many("dealer.loyalty.entry", "partner_id", string="Points Ledger")
    dealer_loyalty_free_pickup = fields.Boolean(related="dealer_loyalty_tier_id.free_pickup", string="Free Pick-up")
    dealer_loyalty_priority_booking = fields.Boolean(
        related="dealer_loyalty_tier_id.priority_booking", string="Priority Booking"
    )
    dealer_loyalty_value = fields.Monetary(
        "Points Value",
        compute="_compute_dealer_loyalty_value",
        currency_field="dealer_currency_id",
        help="What the balance is worth as a discount.",
    )

    @api.depends("dealer_loyalty_card_ids.dealer_member", "dealer_loyalty_card_ids.company_id")
    def _compute_dealer_loyalty_card_id(self):
        for partner in self:
            card = partner.dealer_loyalty_card_ids[:1]
            partner.dealer_loyalty_card_id = card
            partner.dealer_loyalty_member = bool(card)
            partner.dealer_loyalty_store_id = card.company_id

    @api.depends("dealer_loyalty_points", "dealer_loyalty_store_id")
    def _compute_dealer_loyalty_value(self):
        for partner in self:
            company = partner.dealer_loyalty_store_id or self.env.company
            partner.dealer_loyalty_value = partner.dealer_loyalty_points * company.dealer_loyalty_point_value

    def write(self, vals):
        if "dealer_loyalty_points" in vals:
            raise UserError(
                self.env._("Loyalty Points are the sum of the member's points ledger: they cannot be typed in.")
            )
        return super().write(vals)

    def action_dealer_loyalty_enrol(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Enrol in the Club"),
            "res_model": "loyalty.card",
            "view_mode": "form",
            "views": [(self.env.ref("dealer_loyalty.loyalty_card_view_form_dealer").id, "form")],
            "context": {
                "dealer_enrol": True,
                "default_partner_id": self.commercial_partner_id.id,
                "default_dealer_store_id": (self.company_id or self.env.company).id,
            },
        }

    def action_dealer_loyalty_open_card(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loyalty.card",
            "res_id": self.dealer_loyalty_card_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("dealer_loyalty.loyalty_card_view_form_dealer").id, "form")],
        }

    def action_dealer_loyalty_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_loyalty.dealer_loyalty_entry_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    # points a member may spend
    def _dealer_loyalty_spend(self, points, description, move=None):
        """Take `points` from the member's balance, refusing to overdraw it.

        The member's row is locked first: two redemptions at the same moment are serialised, the second one
        waits for the first to commit, then reads the balance the first one left and is refused if it no longer
        covers it."""
        self.ensure_one()
        Entry = self.env["dealer.loyalty.entry"]
        Entry._dealer_lock(self)
        # reached by a redemption on an invoice the user may change; sudo reads the member's late payments (other
        # invoices) and his tier, and only the spendable number and the tier's id leave
        balance = Entry._dealer_balances(self)[self] - self.sudo()._dealer_loyalty_frozen_points()
        if points > balance:
            raise UserError(
                self.env._(
                    "%(customer)s can spend %(balance)s points, not %(points)s: redeem fewer points.",
                    customer=self.display_name,
                    balance=max(balance, 0),
                    points=points,
                )
            )
        return Entry._dealer_post(
            [
                {
                    "partner_id": self.id,
                    "reason": "redemption",
                    "description": description,
                    "points": -points,
                    "move_id": move.id if move else False,
                    "tier_id": self.sudo().dealer_loyalty_tier_id.id,
                }
            ]
        )

    def _dealer_loyalty_frozen_points(self):
        """Points earned this quarter by a late payer of a store that freezes them (instead of taking them)."""
        self.ensure_one()
        company = self.dealer_loyalty_store_id
        if company.dealer_loyalty_late_policy != "freeze" or not self._dealer_loyalty_late_payers(self):
            return 0
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(points_earned), 0) FROM dealer_loyalty_entry WHERE partner_id = %s AND date >= %s",
                self.id,
                quarter_start(self.env["res.company"]._dealer_today()),
            )
        )
        return max(0, self.env.cr.fetchone()[0])

    @api.model
    def _dealer_loyalty_late_payers(self, partners=None):
        """Members with a customer invoice overdue for longer than their store allows."""
        today = self.env["res.company"]._dealer_today()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT c.partner_id
                  FROM loyalty_card c
                  JOIN res_company co ON co.id = c.company_id
                  JOIN account_move m ON m.commercial_partner_id = c.partner_id
                 WHERE c.dealer_member AND c.active %(only)s
                   AND m.move_type = 'out_invoice' AND m.state = 'posted'
                   AND m.payment_state IN ('not_paid', 'partial')
                   AND m.invoice_date_due < %(today)s::date - co.dealer_loyalty_overdue_days
                """,
                today=today,
                only=SQL("AND c.partner_id IN %s", tuple(partners.ids)) if partners is not None else SQL(),
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    # the nightly job -------------------------------------------------------------------------------------

    @api.model
    def _cron_dealer_loyalty(self):
        """Nightly: tenure points, expiry (and notices), late payers, tiers. Each step is set-based, commits as it
        goes, and changes nothing when run twice."""
        self._dealer_loyalty_give_tenure()
        self._dealer_loyalty_expire()
        self._dealer_loyalty_notify_expiry()
        self._dealer_loyalty_forfeit_late()
        self._dealer_loyalty_update_tiers()
        self._dealer_loyalty_commit()

    @api.model
    def _dealer_loyalty_commit(self, processed=0, remaining=None):
        self.env["ir.cron"]._dealer_commit_progress(processed, remaining=remaining)

    @api.model
    def _dealer_loyalty_post_in_batches(self, vals_list):
        Entry = self.env["dealer.loyalty.entry"]
        for start in range(0, len(vals_list), BATCH):
            chunk = vals_list[start : start + BATCH]
            Entry._dealer_lock(self.browse({vals["partner_id"] for vals in chunk}))
            Entry._dealer_post(chunk)
            self._dealer_loyalty_commit(len(chunk), remaining=max(0, len(vals_list) - start - BATCH))
            self.env.invalidate_all()

    @api.model
    def _dealer_loyalty_give_tenure(self):
        """The points of every full month of membership not given yet (a backlog is given at once)."""
        today = self.env["res.company"]._dealer_today()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH m AS (
                    SELECT c.partner_id, c.id AS card_id, c.company_id, co.dealer_loyalty_tenure_points AS rate,
                           co.dealer_loyalty_expiry_months AS expiry,
                           (EXTRACT(YEAR FROM age(%(today)s::date, c.dealer_join_date)) * 12
                            + EXTRACT(MONTH FROM age(%(today)s::date, c.dealer_join_date)))::int AS months
                      FROM loyalty_card c JOIN res_company co ON co.id = c.company_id
                     WHERE c.dealer_member AND c.active AND c.dealer_join_date IS NOT NULL
                       AND co.dealer_loyalty_tenure_points > 0
                ), given AS (
                    SELECT partner_id, COUNT(*) AS entries, SUM(points) AS points
                      FROM dealer_loyalty_entry WHERE reason = 'tenure' GROUP BY partner_id
                )
                SELECT m.partner_id, m.card_id, m.company_id, m.months * m.rate - COALESCE(g.points, 0), m.expiry
                  FROM m LEFT JOIN given g ON g.partner_id = m.partner_id
                 WHERE m.months * m.rate > COALESCE(g.points, 0)
                 ORDER BY m.partner_id
                """,
                today=today,
            )
        )
        description = self.env._("Membership months")
        vals_list = [
            {
                "partner_id": partner_id,
                "card_id": card_id,
                "company_id": company_id,
                "reason": "tenure",
                "description": description,
                "points": points,
                "date": today,
                "expiry_date": today + relativedelta(months=expiry),
            }
            for partner_id, card_id, company_id, points, expiry in self.env.cr.fetchall()
        ]
        self._dealer_loyalty_post_in_batches(vals_list)

    @api.model
    def _dealer_loyalty_expiring_query(self, day, partners=None):
        """Per member, the points that have expired by `day`, first in first out: what was earned with an expiry
        date on or before `day`, less everything spent, expired or lost so far."""
        return SQL(
            """
            SELECT partner_id, MIN(card_id) AS card_id, MIN(company_id) AS company_id,
                   COALESCE(SUM(points) FILTER (WHERE expiry_date <= %(day)s), 0)
                   + COALESCE(SUM(points) FILTER (WHERE expiry_date IS NULL), 0) AS due,
                   MIN(expiry_date) FILTER (WHERE expiry_date > %(today)s AND points > 0) AS next_expiry
              FROM dealer_loyalty_entry
             WHERE partner_id IN (
                   SELECT DISTINCT partner_id FROM dealer_loyalty_entry WHERE expiry_date <= %(day)s %(only)s)
          GROUP BY partner_id
            HAVING COALESCE(SUM(points) FILTER (WHERE expiry_date <= %(day)s), 0)
                   + COALESCE(SUM(points) FILTER (WHERE expiry_date IS NULL), 0) > 0
            """,
            day=day,
            today=self.env["res.company"]._dealer_today(),
            only=SQL("AND partner_id IN %s", tuple(partners.ids)) if partners else SQL(),
        )

    @api.model
    def _dealer_loyalty_expire(self):
        today = self.env["res.company"]._dealer_today()
        self.env.flush_all()
        self.env.cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        self.env.cr.execute(self._dealer_loyalty_expiring_query(today))
        description = self.env._("Points expired")
        vals_list = [
            {
                "partner_id": partner_id,
                "card_id": card_id,
                "company_id": company_id,
                "reason": "expiry",
                "description": description,
                "points": -due,
                "date": today,
            }
            for partner_id, card_id, company_id, due, _next in self.env.cr.fetchall()
        ]
        self._dealer_loyalty_post_in_batches(vals_list)

    @api.model
    def _dealer_loyalty_notify_expiry(self):
        """Tell members whose points expire soon: an activity for the member's salesperson (or the store's customer
        care user), once per expiry wave."""
        today = self.env["res.company"]._dealer_today()
        self.env.flush_all()
        activity_type = self.env.ref("dealer_loyalty.mail_activity_type_points_expiry")
        self.env.cr.execute(self._dealer_loyalty_notices_query(today, activity_type))
        rows = self.env.cr.fetchall()
        model_id = self.env["ir.model"]._get_id("res.partner")
        # activities of the nightly job: created for the store's own users, nothing read back
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        for start in range(0, len(rows), BATCH):
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": partner_id,
                        "activity_type_id": activity_type.id,
                        "user_id": user_id,
                        "date_deadline": first_day,
                        "summary": self.env._("%(points)s points expire from %(day)s", points=points, day=first_day),
                    }
                    for partner_id, points, first_day, user_id in rows[start : start + BATCH]
                ]
            )
            self._dealer_loyalty_commit(len(rows[start : start + BATCH]))

    @api.model
    def _dealer_loyalty_notices_query(self, today, activity_type):
        """(member, points, first day, who tells him) of the members whose points expire within their store's
        notice days and who have no notice pending yet."""
        return SQL(
            """
            WITH due AS (
                SELECT e.partner_id, SUM(e.points) FILTER (WHERE e.expiry_date <= %(today)s::date + co.days)
                       + COALESCE(SUM(e.points) FILTER (WHERE e.expiry_date IS NULL), 0) AS points,
                       MIN(e.expiry_date) FILTER (WHERE e.expiry_date > %(today)s AND e.points > 0) AS first_day
                  FROM dealer_loyalty_entry e
                  JOIN (SELECT id, dealer_loyalty_notice_days AS days FROM res_company) co ON co.id = e.company_id
                 WHERE e.partner_id IN (
                       SELECT partner_id FROM dealer_loyalty_entry
                        WHERE expiry_date > %(today)s AND expiry_date <= %(today)s::date + 366)
              GROUP BY e.partner_id, co.days
            )
            SELECT due.partner_id, due.points, due.first_day,
                   COALESCE(p.user_id, co.dealer_care_user_id, %(bot)s)
              FROM due
              JOIN res_partner p ON p.id = due.partner_id
              JOIN res_company co ON co.id = p.dealer_loyalty_store_id
             WHERE due.points > 0
               AND NOT EXISTS (
                   SELECT 1 FROM mail_activity a
                    WHERE a.res_model = 'res.partner' AND a.res_id = due.partner_id
                      AND a.activity_type_id = %(type)s AND a.date_deadline >= %(today)s)
            """,
            today=today,
            bot=SUPERUSER_ID,
            type=activity_type.id,
        )

    @api.model
    def _dealer_loyalty_forfeit_late(self):
        """Late payers of stores that take the points lose what they earned this quarter (and not lost yet)."""
        today = self.env["res.company"]._dealer_today()
        late = self._dealer_loyalty_late_payers().filtered(
            lambda partner: partner.dealer_loyalty_store_id.dealer_loyalty_late_policy == "forfeit"
        )
        if not late:
            return
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, MIN(card_id), MIN(company_id),
                       SUM(points_earned) FILTER (WHERE date >= %(start)s)
                       + COALESCE(SUM(points) FILTER (WHERE reason = 'late_payment' AND date >= %(start)s), 0),
                       SUM(points)
                  FROM dealer_loyalty_entry WHERE partner_id IN %(ids)s GROUP BY partner_id
                """,
                start=quarter_start(today),
                ids=tuple(late.ids),
            )
        )
        description = self.env._("Points of the quarter lost: invoice overdue")
        vals_list = [
            {
                "partner_id": partner_id,
                "card_id": card_id,
                "company_id": company_id,
                "reason": "late_payment",
                "description": description,
                "points": -min(due, balance),
                "date": today,
            }
            for partner_id, card_id, company_id, due, balance in self.env.cr.fetchall()
            if due and due > 0 and balance > 0
        ]
        self._dealer_loyalty_post_in_batches(vals_list)

    @api.model
    def _dealer_loyalty_update_tiers(self, partners=None):
        """Move members to the tier they qualify for: up at once, down only once their yearly review and the
        store's grace period have passed. Returns the members whose tier changed."""
        today = self.env["res.company"]._dealer_today()
        self.env.flush_all()
        self.env.cr.execute(self._dealer_loyalty_tier_review_sql(today, partners))
        history, reviews = self._dealer_loyalty_tier_decisions(self.env.cr.dictfetchall(), today)
        changed = self._dealer_loyalty_apply_tiers(history, reviews, today)
        if partners is None:
            self._dealer_loyalty_commit(len(history) + len(reviews))
        return changed

    @api.model
    def _dealer_loyalty_tier_decisions(self, rows, today):
        """From the review rows: the tier changes (history values, with their reason) and the members whose
        review passed without a change."""
        history, reviews = [], []
        for row in rows:
            review_passed = row["review"] is None or row["review"] <= today
            if row["qualified_rank"] > row["current_rank"]:
                change = "upgrade"
            elif (
                row["qualified_rank"] < row["current_rank"]
                and review_passed
                and today >= (row["review"] or today) + relativedelta(months=row["grace"])
            ):
                change = "downgrade"
            else:
                if review_passed and row["qualified_rank"] >= row["current_rank"]:
                    reviews.append(row["partner_id"])
                continue
            history.append(
                {
                    "partner_id": row["partner_id"],
                    "company_id": row["company_id"],
                    "date": today,
                    "old_tier_id": row["current_id"],
                    "new_tier_id": row["qualified_id"],
                    "change": change,
                    "reason": self._dealer_loyalty_tier_reason(row, change, today),
                }
            )
        return history, reviews

    @api.model
    def _dealer_loyalty_tier_reason(self, row, change, today):
        """Why a member moves: the figures the tiers are measured on, and for a downgrade the review passed."""
        figures = self.env._(
            "%(spend)s spent in the last 12 months, a member for %(months)s months, %(vehicles)s cars",
            spend=f"{row['spend']:,.0f}",
            months=row["months"],
            vehicles=row["vehicles"],
        )
        if change == "upgrade":
            return figures
        return self.env._(
            "%(figures)s; yearly review of %(review)s and %(grace)s months of grace passed",
            figures=figures,
            review=row["review"] or today,
            grace=row["grace"],
        )

    @api.model
    def _dealer_loyalty_apply_tiers(self, history, reviews, today):
        """Write the new tiers (one write per tier), the next reviews and the history."""
        next_review = today + relativedelta(years=1)
        moves = defaultdict(list)
        for values in history:
            moves[values["new_tier_id"] or False].append(values["partner_id"])
        # the tiers come from the ledger's figures (the review query), nothing from the user: sudo writes them and
        # their history, which no role edits by hand
        changed = self.browse()
        for tier_id, partner_ids in moves.items():
            members = self.browse(partner_ids)
            members.sudo().write(
                {
                    "dealer_loyalty_tier_id": tier_id,
                    "dealer_loyalty_tier_since": today,
                    "dealer_loyalty_review_date": next_review,
                }
            )
            changed |= members
        if reviews:
            self.browse(reviews).sudo().write({"dealer_loyalty_review_date": next_review})
        if history:
            self.env["dealer.loyalty.tier.history"].sudo().create(history)
        return changed

    @api.model
    def _dealer_loyalty_tier_members_sql(self, today, partners=None):
        """SQL: the club members (of `partners`, or all) with their store's grace, current tier, review date and
        months of membership on `today`."""
        return SQL(
            """
            SELECT c.partner_id, c.company_id, c.dealer_join_date, co.dealer_loyalty_grace_months AS grace,
                   p.dealer_loyalty_tier_id AS current_id, p.dealer_loyalty_review_date AS review,
                   (EXTRACT(YEAR FROM age(%(today)s::date, c.dealer_join_date)) * 12
                    + EXTRACT(MONTH FROM age(%(today)s::date, c.dealer_join_date)))::int AS months
              FROM loyalty_card c
              JOIN res_company co ON co.id = c.company_id
              JOIN res_partner p ON p.id = c.partner_id
             WHERE c.dealer_member AND c.active %(only)s
            """,
            today=today,
            only=SQL("AND c.partner_id IN %s", tuple(partners.ids)) if partners else SQL(),
        )

    @api.model
    def _dealer_loyalty_tier_spend_sql(self, today):
        """SQL: what each member `m` paid over the 12 months up to `today` (paid invoices less credit notes)."""
        return SQL(
            """
            SELECT commercial_partner_id AS partner_id, SUM(amount_untaxed_signed) AS amount
              FROM account_move
             WHERE move_type IN ('out_invoice', 'out_refund') AND state = 'posted'
               AND payment_state IN ('paid', 'in_payment', 'reversed')
               AND invoice_date > %(year_ago)s AND invoice_date <= %(today)s
               AND commercial_partner_id IN (SELECT partner_id FROM m)
          GROUP BY commercial_partner_id
            """,
            today=today,
            year_ago=today - relativedelta(years=1),
        )

    @api.model
    def _dealer_loyalty_tier_cars_sql(self):
        """SQL: how many active cars each member `m` owns."""
        return SQL(
            """
            SELECT owner_id AS partner_id, COUNT(*) AS vehicles FROM fleet_vehicle
             WHERE active AND owner_id IN (SELECT partner_id FROM m) GROUP BY owner_id
            """
        )

    @api.model
    def _dealer_loyalty_tier_qualified_sql(self):
        """SQL: the highest tier of the member's store that member `m`, with his `spend` and `vehicles`,
        qualifies for."""
        return SQL(
            """
            SELECT t.id FROM dealer_loyalty_tier t
             WHERE t.active AND (t.company_id IS NULL OR t.company_id = m.company_id)
               AND COALESCE(t.min_spend, 0) <= m.spend AND COALESCE(t.min_tenure_months, 0) <= m.months
               AND COALESCE(t.min_vehicles, 0) <= m.vehicles
          ORDER BY t.sequence DESC, t.id DESC LIMIT 1
            """
        )

    @api.model
    def _dealer_loyalty_tier_review_sql(self, today, partners=None):
        """SQL: the members whose tier may change on `today` (qualified for another, or review passed), with the
        figures of the decision."""
        return SQL(
            """
            WITH m AS (%(members)s), spend AS (%(spend)s), cars AS (%(cars)s), f AS (
                SELECT m.*, COALESCE(s.amount, 0) AS spend, COALESCE(v.vehicles, 0) AS vehicles
                  FROM m LEFT JOIN spend s ON s.partner_id = m.partner_id
                         LEFT JOIN cars v ON v.partner_id = m.partner_id
            ), q AS (
                SELECT m.*, (%(qualified)s) AS qualified_id FROM f AS m
            )
            SELECT q.partner_id, q.company_id, q.current_id, q.qualified_id, q.review, q.grace, q.months,
                   q.spend, q.vehicles,
                   COALESCE(cur.sequence, -1) AS current_rank, COALESCE(new.sequence, -1) AS qualified_rank
              FROM q LEFT JOIN dealer_loyalty_tier cur ON cur.id = q.current_id
                     LEFT JOIN dealer_loyalty_tier new ON new.id = q.qualified_id
             WHERE q.qualified_id IS DISTINCT FROM q.current_id OR q.review IS NULL OR q.review <= %(today)s
            """,
            members=self._dealer_loyalty_tier_members_sql(today, partners),
            spend=self._dealer_loyalty_tier_spend_sql(today),
            cars=self._dealer_loyalty_tier_cars_sql(),
            qualified=self._dealer_loyalty_tier_qualified_sql(),
            today=today,
        )
