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

    def _jiancai_credit_confirm_issues(self, gate, prepay_only):
        service = self.env["jiancai.credit.service"]
        issues = []
        for order in self:
            partner = order.partner_invoice_id.commercial_partner_id
            # prepay customers are the prepayment rule's: one issue per order
            if prepay_only != bool(partner.sudo().jiancai_credit_prepay):
                continue
            if order.sudo()._jiancai_is_fully_paid():
                continue
            issues += service._gate_issues(
                partner,
                order._jiancai_amount_company(order.amount_total),
                "confirm",
                order,
                dry_run=gate.dry_run,
            )
        return issues

    def _jiancai_gate_credit_prepay(self, gate):
        """Confirmation checkpoint: customers who pay in advance have paid."""
        return self._jiancai_credit_confirm_issues(gate, prepay_only=True)

    def _jiancai_gate_credit_limit(self, gate):
        """Confirmation checkpoint: customers on credit stay within their limits."""
        return self._jiancai_credit_confirm_issues(gate, prepay_only=False)
