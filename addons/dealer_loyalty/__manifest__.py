{
    "name": "Dealer Loyalty",
    "summary": "Loyalty points, tiers and benefits for dealership customers, settled through invoices",
    "version": "19.0.1.0.0",
    "category": "Sales/Dealer",
    "author": "Dealer Suite Contributors",
    "website": "https://github.com/dealer-suite/dealer-suite",
    "license": "AGPL-3",
    "depends": ["dealer_service"],
    "data": [],
    "installable": True,
}
