from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    dealer_showroom = fields.Boolean(
        help="Its leads are car prospects: won only with a customer, lost only with a reason. "
        "Leave unticked for parts wholesale, insurance or fleet sales teams.",
    )
