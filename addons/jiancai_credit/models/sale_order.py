from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jiancai_credit_approval_ids = fields.One2many(
        "jiancai.credit.approval", "order_id", string="Credit Approvals"
    )

    def _jiancai_is_fully_paid(self):
        self.ensure_one()
        invoices = self.invoice_ids.filtered(
            lambda m: m.state == "posted" and m.move_type == "out_invoice"
        )
        paid = sum(
            inv.amount_total for inv in invoices if inv.payment_state in ("paid", "in_payment")
        )
        return self.currency_id.compare_amounts(paid, self.amount_total) >= 0 or (
            self.currency_id.compare_amounts(self.amount_paid, self.amount_total) >= 0
        )

    def _jiancai_amount_company(self, amount):
        rate = self.currency_rate or 1.0
        return amount / rate

    def action_confirm(self):
        if not self.env.context.get("jiancai_credit_skip"):
            service = self.env["jiancai.credit.service"]
            check_all = (
                self.env["ir.config_parameter"].sudo().get_param("jiancai_credit.check_on_confirm")
            )
            for order in self:
                partner = order.partner_invoice_id.commercial_partner_id
                if not (check_all or partner.sudo().jiancai_credit_prepay):
                    continue
                if order.sudo()._jiancai_is_fully_paid():
                    continue
                service._check(
                    partner, order._jiancai_amount_company(order.amount_total), "confirm", order
                )
        return super().action_confirm()
