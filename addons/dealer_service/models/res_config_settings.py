from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import SETTINGS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_store_code = fields.Char(related="company_id.dealer_store_code", readonly=False)
    dealer_parts_warehouse_id = fields.Many2one(related="company_id.dealer_parts_warehouse_id", readonly=False)
    dealer_labour_rate = fields.Monetary(related="company_id.dealer_labour_rate", readonly=False)
    dealer_warranty_labour_rate = fields.Monetary(related="company_id.dealer_warranty_labour_rate", readonly=False)
    dealer_labour_cost_rate = fields.Monetary(related="company_id.dealer_labour_cost_rate", readonly=False)
    dealer_daily_capacity = fields.Integer(related="company_id.dealer_daily_capacity", readonly=False)
    dealer_service_manager_id = fields.Many2one(related="company_id.dealer_service_manager_id", readonly=False)
    dealer_satisfaction_threshold = fields.Float(related="company_id.dealer_satisfaction_threshold", readonly=False)
    dealer_default_km_per_day = fields.Float(related="company_id.dealer_default_km_per_day", readonly=False)
    dealer_reminder_days_before = fields.Integer(related="company_id.dealer_reminder_days_before", readonly=False)
    dealer_first_service_repeat_days = fields.Integer(
        related="company_id.dealer_first_service_repeat_days", readonly=False
    )

    # group-wide rules of the value grades and the relationship (ir.config_parameter)
    dealer_grade_window_months = fields.Integer(
        "Grade Window (months)",
        config_parameter="dealer_service.grade_window_months",
        default=SETTINGS["grade_window_months"],
    )
    dealer_grade_share_a = fields.Integer(
        "A (%)", config_parameter="dealer_service.grade_share_a", default=SETTINGS["grade_share_a"]
    )
    dealer_grade_share_b = fields.Integer(
        "B (%)", config_parameter="dealer_service.grade_share_b", default=SETTINGS["grade_share_b"]
    )
    dealer_grade_share_c = fields.Integer(
        "C (%)", config_parameter="dealer_service.grade_share_c", default=SETTINGS["grade_share_c"]
    )
    dealer_grade_share_d = fields.Integer(
        "D (%)", config_parameter="dealer_service.grade_share_d", default=SETTINGS["grade_share_d"]
    )
    dealer_grade_weight_ticket = fields.Integer(
        "Average Ticket Weight",
        config_parameter="dealer_service.grade_weight_ticket",
        default=SETTINGS["grade_weight_ticket"],
    )
    dealer_grade_weight_visits = fields.Integer(
        "Visits Weight", config_parameter="dealer_service.grade_weight_visits", default=SETTINGS["grade_weight_visits"]
    )
    dealer_grade_weight_interval = fields.Integer(
        "Interval Weight",
        config_parameter="dealer_service.grade_weight_interval",
        default=SETTINGS["grade_weight_interval"],
    )
    dealer_grade_min_series = fields.Integer(
        "Customers for a Series of its Own",
        config_parameter="dealer_service.grade_min_series",
        default=SETTINGS["grade_min_series"],
        help="Series with fewer graded customers are graded together.",
    )
    dealer_at_risk_months = fields.Integer(
        "At Risk after (months)", config_parameter="dealer_service.at_risk_months", default=SETTINGS["at_risk_months"]
    )
    dealer_lost_months = fields.Integer(
        "Lost after (months)", config_parameter="dealer_service.lost_months", default=SETTINGS["lost_months"]
    )

    @api.constrains(
        "dealer_grade_share_a",
        "dealer_grade_share_b",
        "dealer_grade_share_c",
        "dealer_grade_share_d",
        "dealer_at_risk_months",
        "dealer_lost_months",
    )
    def _check_dealer_grade_rules(self):
        for settings in self:
            shares = (
                settings.dealer_grade_share_a,
                settings.dealer_grade_share_b,
                settings.dealer_grade_share_c,
                settings.dealer_grade_share_d,
            )
            if sum(shares) != 100 or min(shares) < 0:
                raise ValidationError(
                    self.env._(
                        "The shares of the grades A, B, C and D must add up to 100%% (they add up to %(total)s%%).",
                        total=sum(shares),
                    )
                )
            if settings.dealer_lost_months <= settings.dealer_at_risk_months:
                raise ValidationError(
                    self.env._("A customer is lost later than at risk: set more months for Lost than for At Risk.")
                )
