from odoo import api, models


class IrCron(models.Model):
    _inherit = "ir.cron"

    @api.model
    def _dealer_commit_progress(self, processed=0, *, remaining=None):
        """`_commit_progress` for the suite's jobs, inside a cron run only.

        Odoo commits whenever `_commit_progress` is called outside a cron; a job run by other code (the demo
        data, inside the module installation, or a test) leaves the caller's transaction alone instead.
        Returns the time left for the run, as `_commit_progress` does.
        """
        if not self.env.context.get("ir_cron_progress_id"):
            return float("inf")
        return self._commit_progress(processed, remaining=remaining)
