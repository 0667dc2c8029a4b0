from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        Referral = self.env["jiancai.referral"].sudo()
        for picking in self.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing" and p.partner_id
        ):
            Referral._jiancai_referral_event(picking.partner_id, "delivered", record=picking)
        return result
