from odoo.tests import tagged

from odoo.addons.dealer_service.tests.access_matrix import AccessMatrixMixin, matrix_path

from .common import DealerLoyaltyCommon


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, DealerLoyaltyCommon):
    """Every role of a store against the club records of its store, of another store and of a member it has no
    business with, as written in tests/access_matrix.csv."""

    matrix_path = matrix_path("dealer_loyalty")
    MODELS = (
        "loyalty.card",
        "dealer.loyalty.entry",
        "dealer.loyalty.tier",
        "dealer.loyalty.tier.history",
        "dealer.loyalty.liability",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._staff("agent_a", "dealer_crm_base.group_dealer_customer_relations", cls.store_a)
        cls.sales = cls._staff("sales_a", "dealer_crm_base.group_dealer_sales", cls.store_a)
        cls.setup_role_users()
        Partner = cls.env["res.partner"]
        cls.members = {}
        cls.newcomers = {}
        for scope in ("own", "other", "unconcerned"):
            store = cls._store(scope)
            cls.members[scope] = Partner.create({"name": f"Member {scope}", "company_id": store.id})
            cls.newcomers[scope] = Partner.create({"name": f"Newcomer {scope}", "company_id": store.id})
        Program = cls.env["loyalty.program"]
        Program._dealer_club_for(cls.store_a)
        Program._dealer_club_for(cls.store_b)
        cls.scope_records = {}
        for scope in ("own", "other", "unconcerned"):
            for model in cls.MODELS:
                if model == "dealer.loyalty.liability":
                    # a SQL view: one line per store with members, read-only for everyone
                    cls.env.flush_all()
                    cls.scope_records[model, scope] = cls.env[model].browse(cls._store(scope).id)
                    continue
                records = cls.env[model].with_context(dealer_enrol=True).sudo()
                record = records.create(cls._values(model, scope))
                cls.scope_records[model, scope] = record.with_env(cls.env).with_context(dealer_enrol=True)

    @classmethod
    def _store(cls, scope, shared=False):
        """own and unconcerned records are the first store's; the club's tiers the role has no say on are shared."""
        unconcerned = cls.env["res.company"] if shared else cls.store_a
        return {"own": cls.store_a, "other": cls.store_b, "unconcerned": unconcerned}[scope]

    @classmethod
    def _values(cls, model, scope, member=None):
        member = member or cls.members[scope]
        store = cls._store(scope)
        values = {
            "loyalty.card": lambda: {
                "partner_id": member.id,
                "dealer_store_id": store.id,
                "dealer_join_date": cls.today,
            },
            "dealer.loyalty.entry": lambda: {
                "partner_id": member.id,
                "company_id": store.id,
                "reason": "tenure",
                "description": "One month of membership",
                "points": 1,
                "date": cls.today,
            },
            "dealer.loyalty.tier": lambda: {
                "name": f"Tier {scope}",
                "sequence": 40,
                "company_id": cls._store(scope, shared=True).id,
            },
            "dealer.loyalty.tier.history": lambda: {
                "partner_id": member.id,
                "company_id": store.id,
                "new_tier_id": cls.gold.id,
                "old_tier_id": cls.silver.id,
                "change": "upgrade",
            },
        }
        return values[model]()

    def create_values(self, model, scope):
        if model == "dealer.loyalty.liability":
            return {"company_id": self.store_a.id}
        return self._values(model, scope, member=self.newcomers[scope])

    def write_values(self, model):
        return {
            "loyalty.card": {"dealer_join_date": self.today},
            "dealer.loyalty.entry": {"description": "Corrected"},
            "dealer.loyalty.tier": {"color": 3},
            "dealer.loyalty.tier.history": {"date": self.today},
            "dealer.loyalty.liability": {"company_id": self.store_a.id},
        }[model]

    def test_access_matrix(self):
        self.assert_matrix()
