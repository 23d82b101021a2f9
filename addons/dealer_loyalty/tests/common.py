from dateutil.relativedelta import relativedelta

from odoo.fields import Command

from odoo.addons.dealer_service.tests.common import DealerServiceCommon


class DealerLoyaltyCommon(DealerServiceCommon):
    """The service add-on's two stores and staff, the club's tiers, a member with a referrer, helpers to invoice
    and pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a.write(
            {
                "dealer_loyalty_amount_per_point": 10.0,
                "dealer_loyalty_point_value": 0.1,
                "dealer_loyalty_max_share": 50.0,
                "dealer_loyalty_referral_points": 100,
            }
        )
        Tier = cls.env["dealer.loyalty.tier"]
        Tier.search([]).action_archive()
        cls.silver = Tier.create({"name": "Silver (test)", "sequence": 10})
        cls.gold = Tier.create(
            {
                "name": "Gold (test)",
                "sequence": 20,
                "min_spend": 5000,
                "labour_discount": 8,
                "parts_discount": 4,
                "points_multiplier": 2.0,
                "free_pickup": True,
            }
        )
        cls.platinum = Tier.create(
            {"name": "Platinum (test)", "sequence": 30, "min_spend": 20000, "min_vehicles": 2, "labour_discount": 15}
        )
        cls.referrer = cls.env["res.partner"].create(
            {"name": "张强", "phone": "+86 139 4300 0009", "company_id": cls.store_a.id}
        )
        cls.referrer_card = cls.enrol(cls.referrer)
        cls.member_card = cls.enrol(cls.customer, dealer_referrer_id=cls.referrer.id)
        cls.stranger = cls.env["res.partner"].create({"name": "刘洋", "phone": "+86 139 4300 0010"})

    @classmethod
    def enrol(cls, partner, user=None, **values):
        cards = cls.env["loyalty.card"].with_user(user or cls.env.user).with_context(dealer_enrol=True)
        return cards.create(
            {"partner_id": partner.id, "dealer_store_id": cls.store_a.id, "dealer_join_date": cls.today, **values}
        )

    def make_invoice(self, amount, partner=None, company=None, tax=False, move_type="out_invoice", invoice_date=None):
        return self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or self.customer).id,
                "company_id": (company or self.store_a).id,
                "invoice_date": invoice_date or self.env["res.company"]._dealer_today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Brake job",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.set(self.company_data["default_tax_sale"].ids)]
                            if tax
                            else [Command.clear()],
                        }
                    )
                ],
            }
        )

    def register_payment(self, invoices, amount=None):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({"payment_date": self.env["res.company"]._dealer_today(), **({"amount": amount} if amount else {})})
        )
        return wizard._create_payments()

    def paid_invoice(self, amount, partner=None, **values):
        invoice = self.make_invoice(amount, partner=partner, **values)
        invoice.action_post()
        self.register_payment(invoice)
        return invoice

    def entries(self, partner=None, **domain):
        return self.env["dealer.loyalty.entry"].search(
            [("partner_id", "=", (partner or self.customer).id)] + [(key, "=", value) for key, value in domain.items()]
        )

    def give(self, partner, points, months_ago=0, reason="tenure", expiry=None):
        """Points earned `months_ago`, that expire on `expiry` (by default 24 months after they were earned)."""
        day = self.today - relativedelta(months=months_ago)
        return self.env["dealer.loyalty.entry"]._dealer_post(
            [
                {
                    "partner_id": partner.id,
                    "reason": reason,
                    "description": "Given by the test",
                    "points": points,
                    "date": day,
                    "expiry_date": expiry or day + relativedelta(months=24),
                }
            ]
        )
