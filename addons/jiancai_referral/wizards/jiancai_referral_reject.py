from odoo import fields, models


class JiancaiReferralReject(models.TransientModel):
    _name = "jiancai.referral.reject"
    _description = "Reject a Referral"

    referral_id = fields.Many2one("jiancai.referral", required=True, ondelete="cascade")
    reason = fields.Text(required=True, help="The referrer sees this reason.")

    def action_reject(self):
        self.ensure_one()
        self.referral_id._do_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
