from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_complaint_manager_id = fields.Many2one(
        "res.users",
        string="Customer Relations Manager",
        domain="[('share', '=', False)]",
        help="Owns complaints no rule assigns, hears of the first missed deadline and of early warnings.",
    )
    dealer_complaint_head_office_user_id = fields.Many2one(
        "res.users",
        string="Head Office Contact",
        domain="[('share', '=', False)]",
        help="Hears of a complaint's second missed deadline. Empty: the head office's customer relations manager.",
    )
    dealer_complaint_response_hours = fields.Float(
        "First Response (working hours)", default=24.0, help="Working hours to contact the customer."
    )
    dealer_complaint_hours_low = fields.Float("Resolution, Low (working hours)", default=80.0)
    dealer_complaint_hours_medium = fields.Float("Resolution, Medium (working hours)", default=40.0)
    dealer_complaint_hours_high = fields.Float("Resolution, High (working hours)", default=24.0)
    dealer_complaint_hours_critical = fields.Float("Resolution, Critical (working hours)", default=8.0)
    dealer_complaint_risk_ratio = fields.Float(
        "At Risk After (share of the time)",
        default=0.75,
        help="A deadline is at risk once this share of its working hours has passed (0.75 = 75%).",
    )
    dealer_complaint_warning_factor = fields.Float(
        "Early Warning Factor",
        default=1.5,
        help="Warn when a period counts more complaints than its moving average times this factor.",
    )
    dealer_complaint_warning_min_count = fields.Integer(
        "Early Warning Minimum", default=3, help="Fewer complaints than this in a period never warn."
    )
    # off for a new company: the group's head office and its other businesses are no stores
    dealer_complaint_web_published = fields.Boolean(
        "On the Public Complaint Form", help="Customers can pick this store on the web form."
    )

    def _dealer_complaint_resolution_hours(self, severity):
        self.ensure_one()
        return self[f"dealer_complaint_hours_{severity or 'medium'}"]

    def _dealer_complaint_head_office_user(self):
        self.ensure_one()
        if self.dealer_complaint_head_office_user_id:
            return self.dealer_complaint_head_office_user_id
        root = self.root_id
        return root.dealer_complaint_head_office_user_id or root.dealer_complaint_manager_id
