from odoo import models


class SaleOrder(models.Model):
    """Orders pass the *confirm* checkpoint when they are confirmed."""

    _name = "sale.order"
    _inherit = ["sale.order", "jiancai.gate.mixin"]

    def action_confirm(self):
        to_confirm = self.filtered(lambda o: o.state in ("draft", "sent"))
        to_confirm._jiancai_gate_check("sale.order.confirm")
        result = super().action_confirm()
        to_confirm.filtered(lambda o: o.state == "sale")._jiancai_gate_notify("sale.order.confirm")
        return result
