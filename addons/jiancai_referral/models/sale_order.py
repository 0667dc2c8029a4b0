from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _jiancai_gate_referral_confirmed(self, gate):
        """Listener of the confirmation checkpoint: the referral reaches "order"."""
        Referral = self.env["jiancai.referral"].sudo()
        for order in self:
            Referral._jiancai_referral_event(order.partner_id, "order_confirmed", record=order)
