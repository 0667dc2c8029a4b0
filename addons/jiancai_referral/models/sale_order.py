from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        result = super().action_confirm()
        Referral = self.env["jiancai.referral"].sudo()
        for order in self:
            Referral._jiancai_referral_event(order.partner_id, "order_confirmed", record=order)
        return result
