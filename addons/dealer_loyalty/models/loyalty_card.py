from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class LoyaltyCard(models.Model):
    """A club member's card: Odoo's loyalty wallet, with the dealer's membership facts."""

    _inherit = "loyalty.card"

    dealer_member = fields.Boolean("Club Member Card", readonly=True, copy=False, index=True)
    dealer_store_id = fields.Many2one(
        "res.company",
        string="Store",
        compute="_compute_dealer_store_id",
        inverse="_inverse_dealer_store_id",
        search="_search_dealer_store_id",
        help="The store the customer joined; his points are kept in its club.",
    )
    dealer_join_date = fields.Date(
        "Join Date", default=lambda self: self.env["res.company"]._dealer_today(), index=True, copy=False
    )
    dealer_referrer_id = fields.Many2one(
        "res.partner",
        string="Referred by",
        index="btree_not_null",
        help="A club member who brought this customer: he earns the referral points at his first paid invoice.",
    )
    dealer_tier_id = fields.Many2one(related="partner_id.dealer_loyalty_tier_id", string="Tier")
    dealer_phone = fields.Char(related="partner_id.phone", string="Phone")
    dealer_entry_ids = fields.One2many("dealer.loyalty.entry", "card_id", string="Points Ledger")

    _dealer_one_card_per_member = models.UniqueIndex(
        "(partner_id) WHERE dealer_member", "This customer is already a club member: open his card instead."
    )

    @api.depends("program_id.company_id")
    def _compute_dealer_store_id(self):
        for card in self:
            card.dealer_store_id = card.program_id.company_id or card.dealer_store_id or self.env.company

    def _inverse_dealer_store_id(self):
        for card in self:
            if card.dealer_member and card.dealer_store_id:
                card.program_id = self.env["loyalty.program"]._dealer_club_for(card.dealer_store_id)

    def _search_dealer_store_id(self, operator, value):
        return [("program_id.company_id", operator, value)]

    @api.model_create_multi
    def create(self, vals_list):
        Program = self.env["loyalty.program"]
        for vals in vals_list:
            if self.env.context.get("dealer_enrol"):
                vals["dealer_member"] = True
            if vals.get("dealer_member"):
                self._dealer_check_enrolment(vals)
                store = self.env["res.company"].browse(vals.pop("dealer_store_id", False)) or self.env.company
                vals.setdefault("program_id", Program._dealer_club_for(store).id)
                vals["points"] = 0
        return super().create(vals_list)

    def write(self, vals):
        if "points" in vals and any(self.mapped("dealer_member")):
            raise UserError(self.env._("A club member's points come from his points ledger: they cannot be typed in."))
        if "partner_id" in vals and any(self.mapped("dealer_member")):
            raise UserError(self.env._("A member card belongs to its member: enrol the other customer instead."))
        return super().write(vals)

    def _send_creation_communication(self, force_send=False):
        # the club has no communication plan: its members hear from the store through activities
        others = self.filtered(lambda card: not card.dealer_member)
        return super(LoyaltyCard, others)._send_creation_communication(force_send=force_send)

    @api.model
    def _dealer_check_enrolment(self, vals):
        partner = self.env["res.partner"].browse(vals.get("partner_id"))
        if not partner:
            raise ValidationError(self.env._("Choose the customer to enrol in the club."))
        if partner.commercial_partner_id != partner:
            raise ValidationError(
                self.env._(
                    "%(contact)s is a contact of %(company)s: enrol the company (the customer who pays) instead.",
                    contact=partner.name,
                    company=partner.commercial_partner_id.name,
                )
            )
        # sudo only asks whether the customers already hold a card, to refuse a second one or an unknown referrer
        if partner.sudo().dealer_loyalty_card_id:
            raise ValidationError(
                self.env._("%(customer)s is already a club member: open his card instead.", customer=partner.name)
            )
        referrer = self.env["res.partner"].browse(vals.get("dealer_referrer_id"))
        if referrer == partner:
            raise ValidationError(self.env._("A customer cannot refer himself: clear Referred by."))
        if referrer and not referrer.sudo().dealer_loyalty_card_id:
            raise ValidationError(
                self.env._(
                    "%(referrer)s is not a club member: only members earn referral points. Enrol him first, or "
                    "clear Referred by.",
                    referrer=referrer.name,
                )
            )

    @api.constrains("dealer_join_date")
    def _check_dealer_join_date(self):
        if self.env["res.company"]._dealer_dated_after_today(self.filtered("dealer_member"), "dealer_join_date"):
            raise ValidationError(self.env._("Join Date cannot be in the future."))

    def action_dealer_print_card(self):
        return self.env.ref("dealer_loyalty.action_report_member_card").report_action(self)

    def action_dealer_open_ledger(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_loyalty.dealer_loyalty_entry_action")
        action["domain"] = [("partner_id", "=", self.partner_id.id)]
        action["context"] = {}
        return action
