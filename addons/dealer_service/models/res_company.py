from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_store_code = fields.Char(
        "Store Code", size=8, help="Starts the repair order numbers of the store, e.g. CC for CC/2026/00042."
    )
    dealer_parts_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Parts Warehouse",
        check_company=True,
        help="Parts of the store's repair orders come from this warehouse.",
    )
    dealer_labour_rate = fields.Monetary(
        "Labour Rate", default=180.0, help="Price of one standard hour of labour paid by the customer."
    )
    dealer_warranty_labour_rate = fields.Monetary(
        "Warranty Labour Rate", default=120.0, help="Price of one standard hour claimed from the carmaker."
    )
    dealer_labour_cost_rate = fields.Monetary(
        "Labour Cost Rate",
        default=60.0,
        help="What an hour of a technician costs the store (internal and goodwill work).",
    )
    dealer_daily_capacity = fields.Integer(
        "Cars per Day",
        default=30,
        help="How many cars the workshop can receive a day (appointments are checked against it).",
    )
    dealer_service_manager_id = fields.Many2one(
        "res.users",
        string="Service Manager",
        domain="[('share', '=', False)]",
        help="Hears of every unhappy customer: a low satisfaction score schedules an activity for him.",
    )
    dealer_satisfaction_threshold = fields.Float(
        "Low Satisfaction (%)",
        default=60.0,
        help="A survey scoring at or under this share of the best score alerts the service manager.",
    )
    dealer_default_km_per_day = fields.Float(
        "Average Km per Day",
        default=40.0,
        help="Pace assumed for a car with fewer than two odometer readings, to predict when its next service "
        "falls due by mileage.",
    )
    dealer_reminder_days_before = fields.Integer(
        "Remind Days Before", default=14, help="The advisor calls this many days before a service falls due."
    )
    dealer_first_service_repeat_days = fields.Integer(
        "Repeat First-service Reminder Every (days)",
        default=14,
        help="Until the car comes for its first service, the reminder comes back this often.",
    )
