from odoo import api, fields, models

from .res_partner import CHANNELS


class MailActivity(models.Model):
    """Care-calendar activities carry the key of their occasion.

    Odoo 19 archives an activity when it is done, so the activity itself is
    the lasting record of the occasion: the key makes the daily job idempotent
    (one 2-week call per delivery, one birthday greeting per customer a year).
    """

    _inherit = "mail.activity"

    dealer_occasion_key = fields.Char("Occasion", readonly=True, copy=False)
    dealer_vehicle_id = fields.Many2one("fleet.vehicle", string="Vehicle", index="btree_not_null", readonly=True)
    dealer_channel = fields.Selection(CHANNELS, string="Channel", readonly=True)
    dealer_cancelled = fields.Boolean("Cancelled", readonly=True, copy=False)
    dealer_partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_dealer_contact", help="The customer to call."
    )
    dealer_partner_phone = fields.Char(
        "Phone", compute="_compute_dealer_contact", help="Phone number of the customer to call."
    )

    _dealer_occasion_key_unique = models.UniqueIndex(
        "(dealer_occasion_key) WHERE dealer_occasion_key IS NOT NULL",
        "This care-calendar occasion already has its activity.",
    )

    @api.depends("res_model", "res_id")
    def _compute_dealer_contact(self):
        for activity in self:
            document = activity.env[activity.res_model].browse(activity.res_id) if activity.res_model else None
            if document is not None and hasattr(document, "_dealer_call_contact"):
                # whoever may read the activity may see whom to call, as the one assigned to it: sudo reads the
                # document's contact only (a partner and a phone), and the partner goes back without the sudo
                partner, phone = document.sudo()._dealer_call_contact()
                activity.dealer_partner_id, activity.dealer_partner_phone = partner.sudo(False), phone
            else:
                activity.dealer_partner_id, activity.dealer_partner_phone = False, False

    def _action_done(self, feedback=False, attachment_ids=None):
        follow_up = self.env.ref("dealer_crm_base.mail_activity_type_prospect_follow_up")
        prospects = self.filtered(lambda activity: activity.activity_type_id == follow_up)
        lead_ids = prospects.mapped("res_id")
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            leads = self.env["crm.lead"].browse(lead_ids).exists()
            self.env["dealer.care.calendar"]._dealer_plan_follow_ups(leads)
        return result

    def unlink(self):
        """Cancelling a care-calendar activity archives it, so that its occasion
        is not planned again; it really goes when its document goes."""
        cancelled = self.browse()
        planned = self.filtered(
            lambda activity: activity.dealer_occasion_key and activity.active and activity.res_model
        )
        for model, activities in planned.grouped("res_model").items():
            # sudo tells only whether the documents still exist (ids of activities the user may delete);
            # nothing of them is read
            alive = self.env[model].sudo().browse(activities.mapped("res_id")).exists()
            cancelled |= activities.filtered(lambda activity, alive_ids=set(alive.ids): activity.res_id in alive_ids)
        cancelled.write({"active": False, "dealer_cancelled": True})
        return super(MailActivity, self - cancelled).unlink()
