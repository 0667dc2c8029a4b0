from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _jiancai_gate_referral_delivered(self, gate):
        """Listener of the delivered checkpoint: the referral reaches "delivered"."""
        Referral = self.env["jiancai.referral"].sudo()
        for picking in self.filtered("partner_id"):
            Referral._jiancai_referral_event(picking.partner_id, "delivered", record=picking)
