from odoo import fields, models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    dealer_test_drive = fields.Boolean("Test Drive", index=True)
    dealer_vehicle_model_id = fields.Many2one("fleet.vehicle.model", string="Model to Drive")
