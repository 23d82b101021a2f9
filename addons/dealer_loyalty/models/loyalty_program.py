from odoo import api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    dealer_club = fields.Boolean(
        "Dealer Owners Club",
        readonly=True,
        copy=False,
        index=True,
        help="The store's loyalty club: its cards are the members' wallets, fed by the points ledger.",
    )

    _dealer_club_per_store = models.UniqueIndex("(company_id) WHERE dealer_club")

    @api.model
    def _dealer_club_for(self, company):
        """The store's club programme, created on first use (no Sales/PoS rules: the ledger alone moves points)."""
        # programmes are the loyalty managers'; an advisor enrolling the first member creates the store's club,
        # with fixed values, and reads nothing else of it
        program = (
            self.sudo()
            .with_context(active_test=False)
            .search([("dealer_club", "=", True), ("company_id", "=", company.id)], limit=1)
        )
        if not program:
            program = (
                self.sudo()
                .with_context(loyalty_skip_reward_check=True)
                .create(
                    {
                        "name": self.env._("%(store)s Owners Club", store=company.name),
                        "program_type": "loyalty",
                        "company_id": company.id,
                        "dealer_club": True,
                        "trigger": "auto",
                        "applies_on": "both",
                        "portal_visible": True,
                        "portal_point_name": self.env._("Points"),
                        "rule_ids": [fields.Command.clear()],
                        "reward_ids": [fields.Command.clear()],
                        "communication_plan_ids": [fields.Command.clear()],
                    }
                )
            )
        return program
