import math

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

PAID = ("paid", "in_payment")


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_loyalty_entry_ids = fields.One2many(
        "dealer.loyalty.entry", "move_id", string="Loyalty Points", readonly=True
    )
    dealer_loyalty_redeemed = fields.Integer(
        "Points Redeemed", compute="_compute_dealer_loyalty", help="Points spent on this invoice."
    )
    dealer_loyalty_earned = fields.Integer(
        "Points Earned", compute="_compute_dealer_loyalty", help="Points its payment earned the customer."
    )
    dealer_loyalty_member = fields.Boolean(related="commercial_partner_id.dealer_loyalty_member")
    dealer_loyalty_balance = fields.Integer(related="commercial_partner_id.dealer_loyalty_points", string="Balance")

    @api.depends("dealer_loyalty_entry_ids")
    def _compute_dealer_loyalty(self):
        for move in self:
            # whoever reads the invoice sees its points, with or without ledger rights: sudo reads the invoice's
            # own entries, and only their sums leave
            entries = move.sudo().dealer_loyalty_entry_ids
            move.dealer_loyalty_redeemed = sum(entries.mapped("points_redeemed"))
            member = move.commercial_partner_id
            move.dealer_loyalty_earned = sum(
                entries.filtered(lambda entry, member=member: entry.partner_id == member).mapped("points_earned")
            )

    # redemption ------------------------------------------------------------------------------------------

    def dealer_redeem_points(self, points):
        """Spend `points` of the customer's balance as a discount line on this draft customer invoice.

        The member's row is locked first, so two redemptions at the same moment are serialised: the second one
        sees the points the first one spent and is refused if the balance no longer covers it."""
        self.ensure_one()
        self._dealer_check_redeemable(points)
        company, product = self.company_id, self._dealer_loyalty_product()
        day = self.invoice_date or self.env["res.company"]._dealer_today()
        value = company.currency_id._convert(
            points * company.dealer_loyalty_point_value, self.currency_id, company, day
        )
        self._dealer_check_redeemed_share(value, product, day)
        entry = self.commercial_partner_id._dealer_loyalty_spend(
            points, self.env._("Redeemed on %(invoice)s", invoice=self.name or self.env._("draft")), self
        )
        self.write(
            {
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": self.env._("Loyalty points redeemed: %(points)s", points=points),
                            "quantity": 1,
                            "price_unit": -value,
                            "tax_ids": [Command.clear()],
                            "dealer_loyalty_entry_id": entry.id,
                        }
                    )
                ]
            }
        )
        return entry

    def _dealer_check_redeemable(self, points):
        """Points are a positive whole number, redeemed by a club member on a draft customer invoice the user
        may change."""
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            raise UserError(self.env._("Points to redeem must be a positive whole number (you gave %s).", points))
        if self.move_type != "out_invoice" or self.state != "draft":
            raise UserError(
                self.env._(
                    "Points can only be redeemed on a draft customer invoice; %(invoice)s is not one. Redeem them "
                    "on the customer's next invoice.",
                    invoice=self.display_name,
                )
            )
        self.check_access("write")
        member = self.commercial_partner_id
        # the user may change this invoice (checked above); sudo only asks whether its customer holds a card
        if not member.sudo().dealer_loyalty_member:
            raise UserError(
                self.env._("%(customer)s is not a club member: enrol him first.", customer=member.display_name)
            )

    def _dealer_check_redeemed_share(self, value, product, day):
        """Points (`value` in the invoice's currency, with those already redeemed on it) pay at most the
        store's share of the rest of the invoice."""
        company = self.company_id
        base = sum(
            line.price_subtotal
            for line in self.invoice_line_ids
            if line.display_type == "product" and line.product_id != product
        )
        most = self.currency_id.round(base * company.dealer_loyalty_max_share / 100) + self.currency_id.round(
            sum(line.price_subtotal for line in self.invoice_line_ids if line.product_id == product)
        )
        if value <= most:
            return
        most_company = self.currency_id._convert(most, company.currency_id, company, day)
        point_value = company.dealer_loyalty_point_value
        allowed = math.floor(most_company / point_value + 1e-9) if point_value else 0
        raise UserError(
            self.env._(
                "Points may pay at most %(share)s%% of the invoice, i.e. %(allowed)s points here: redeem fewer points.",
                share=company.dealer_loyalty_max_share,
                allowed=max(allowed, 0),
            )
        )

    def _dealer_loyalty_product(self):
        product = self.company_id.dealer_loyalty_product_id or self.env.ref(
            "dealer_loyalty.product_loyalty_discount", raise_if_not_found=False
        )
        if not product:
            raise UserError(self.env._("Set the Points Discount Product in the loyalty settings."))
        return product

    def _dealer_loyalty_give_back(self, description):
        """Points redeemed on these invoices go back to their members."""
        # the ledger is written by the system only; the domain is these invoices' own redemptions, reached by a
        # cancel, a credit note or a removed discount line the user was allowed to make
        entries = (
            self.env["dealer.loyalty.entry"]
            .sudo()
            .search([("move_id", "in", self.ids), ("reason", "=", "redemption"), ("reversal_ids", "=", False)])
        )
        return entries._dealer_reverse(description)

    # earning ---------------------------------------------------------------------------------------------

    def _dealer_loyalty_sync(self):
        """Bring the points of these customer invoices in line with their payment: a fully paid invoice has earned
        its points (once), an invoice no longer paid has them reversed. Safe to call any number of times."""
        # a payment, a reset or a cancel by whoever may do it moves the points: sudo posts the ledger entries the
        # invoices' amounts and state decide, none of their values comes from the user
        invoices = self.sudo().filtered(
            lambda move: move.move_type == "out_invoice" and move.commercial_partner_id.dealer_loyalty_member
        )
        if not invoices:
            return
        Entry = self.env["dealer.loyalty.entry"].sudo()
        Entry._dealer_lock(invoices.commercial_partner_id)
        active = Entry.search(
            [
                ("move_id", "in", invoices.ids),
                ("reason", "in", ("purchase", "referral")),
                ("reversal_ids", "=", False),
            ]
        )
        vals_list, to_reverse = [], Entry
        for invoice in invoices:
            mine = active.filtered(lambda entry, invoice=invoice: entry.move_id == invoice)
            paid = invoice.state == "posted" and invoice.payment_state in PAID
            if not paid:
                to_reverse |= mine
            elif not mine.filtered(lambda entry: entry.reason == "purchase"):
                vals_list += invoice._dealer_loyalty_earning_vals()
        to_reverse._dealer_reverse()
        Entry._dealer_post(vals_list)
        if vals_list:
            self.env["res.partner"]._dealer_loyalty_update_tiers(invoices.commercial_partner_id)

    def _dealer_loyalty_earning_vals(self):
        self.ensure_one()
        member = self.commercial_partner_id
        company = member.dealer_loyalty_store_id or self.company_id
        tier = member.dealer_loyalty_tier_id
        multiplier = tier.points_multiplier or 1.0
        today = self.env["res.company"]._dealer_today()
        expiry = self.env["dealer.loyalty.entry"]._dealer_expiry_date(company, today)
        points = math.floor(self.amount_untaxed_signed / company.dealer_loyalty_amount_per_point * multiplier)
        vals_list = [
            {
                "partner_id": member.id,
                "reason": "purchase",
                "description": self.env._("Paid %(invoice)s", invoice=self.name),
                "points": points,
                "expiry_date": expiry,
                "move_id": self.id,
                "tier_id": tier.id,
            }
        ]
        referrer = member.dealer_loyalty_card_id.dealer_referrer_id
        if referrer.dealer_loyalty_member and not self.env["dealer.loyalty.entry"].search_count(
            [("referred_partner_id", "=", member.id), ("reason", "=", "referral"), ("reversal_ids", "=", False)],
            limit=1,
        ):
            vals_list.append(
                {
                    "partner_id": referrer.id,
                    "reason": "referral",
                    "description": self.env._("Referred %(customer)s", customer=member.name),
                    "points": referrer.dealer_loyalty_store_id.dealer_loyalty_referral_points,
                    "expiry_date": self.env["dealer.loyalty.entry"]._dealer_expiry_date(
                        referrer.dealer_loyalty_store_id, today
                    ),
                    "move_id": self.id,
                    "referred_partner_id": member.id,
                    "tier_id": referrer.dealer_loyalty_tier_id.id,
                }
            )
        return vals_list

    def _dealer_loyalty_refund(self):
        """A posted credit note takes back the points its invoice earned, for the refunded amount."""
        # posting the credit note is the user's right; sudo writes the ledger entries its amount decides
        Entry = self.env["dealer.loyalty.entry"].sudo()
        for refund in self.sudo().filtered(lambda move: move.move_type == "out_refund" and move.reversed_entry_id):
            origin = refund.reversed_entry_id
            if origin.dealer_loyalty_entry_ids.filtered(lambda entry: entry.reason == "redemption"):
                origin._dealer_loyalty_give_back(
                    self.env._("Points of refunded %(invoice)s given back", invoice=origin.name)
                )
            earned = Entry.search(
                [("move_id", "=", origin.id), ("reason", "=", "purchase"), ("reversal_ids", "=", False)], limit=1
            )
            if not earned or Entry.search_count([("move_id", "=", refund.id), ("reason", "=", "refund")], limit=1):
                continue
            Entry._dealer_lock(earned.partner_id)
            taken = -sum(
                Entry.search([("reason", "=", "refund"), ("move_id.reversed_entry_id", "=", origin.id)]).mapped(
                    "points"
                )
            )
            company = earned.company_id
            points = math.floor(
                -refund.amount_untaxed_signed
                / company.dealer_loyalty_amount_per_point
                * (earned.tier_id.points_multiplier or 1.0)
            )
            points = min(points, earned.points - taken)
            Entry._dealer_post(
                [
                    {
                        "partner_id": earned.partner_id.id,
                        "reason": "refund",
                        "description": self.env._("Credit note %(refund)s", refund=refund.name),
                        "points": -points,
                        "expiry_date": earned.expiry_date,
                        "move_id": refund.id,
                        "tier_id": earned.tier_id.id,
                    }
                ]
            )

    # hooks -----------------------------------------------------------------------------------------------

    def _invoice_paid_hook(self):
        res = super()._invoice_paid_hook()
        self._dealer_loyalty_sync()
        return res

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._dealer_loyalty_refund()
        return posted

    def button_draft(self):
        res = super().button_draft()
        self._dealer_loyalty_sync()
        return res

    def button_cancel(self):
        res = super().button_cancel()
        self._dealer_loyalty_sync()
        self._dealer_loyalty_give_back(self.env._("Points of a cancelled invoice given back"))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_dealer_loyalty(self):
        # sudo only asks whether the invoice has ledger entries, to refuse its deletion
        if self.sudo().dealer_loyalty_entry_ids:
            raise UserError(
                self.env._(
                    "Loyalty points were earned or spent on this invoice: cancel it instead of deleting it (the "
                    "points go back to the member)."
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        product = self.env.ref("dealer_loyalty.product_loyalty_discount", raise_if_not_found=False)
        for move, vals in zip(self, vals_list, strict=True):
            # a redeemed discount is spent once: a copy gets no discount line unless it is a credit note
            if move.dealer_loyalty_entry_ids and not self.env.context.get("dealer_loyalty_reverse"):
                products = (move.company_id.dealer_loyalty_product_id or product).ids
                for key in ("line_ids", "invoice_line_ids"):
                    if key in vals:
                        vals[key] = [
                            command
                            for command in vals[key]
                            if not (
                                isinstance(command, (list, tuple))
                                and command[0] == Command.CREATE
                                and command[2].get("product_id") in products
                                and command[2].get("price_unit", 0) < 0
                            )
                        ]
        return vals_list

    def _reverse_moves(self, default_values_list=None, cancel=False):
        return super(AccountMove, self.with_context(dealer_loyalty_reverse=True))._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )

    def action_dealer_loyalty_points(self):
        self.ensure_one()
        return self.commercial_partner_id.action_dealer_loyalty_ledger()
