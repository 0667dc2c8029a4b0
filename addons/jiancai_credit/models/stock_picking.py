from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    jiancai_credit_approval_ids = fields.One2many(
        "jiancai.credit.approval", "picking_id", string="Credit Approvals"
    )

    def _jiancai_credit_amount(self):
        """Value (tax incl., company currency) of what this delivery ships."""
        self.ensure_one()
        amount = 0.0
        for move in self.move_ids.filtered(lambda m: m.sale_line_id and m.state != "cancel"):
            line = move.sale_line_id
            if not line.product_uom_qty:
                continue
            qty = move.product_uom._compute_quantity(move.quantity, line.product_uom_id)
            amount += line.price_total * qty / line.product_uom_qty
        return self.sale_id._jiancai_amount_company(amount) if self.sale_id else amount

    def _jiancai_credit_to_check(self):
        # the warehouse may not read invoices: the check reads as superuser
        return self.filtered(
            lambda p: p.picking_type_code == "outgoing"
            and p.sale_id
            and not p.sudo().sale_id._jiancai_is_fully_paid()
        )

    def _jiancai_gate_credit(self, gate):
        """Release checkpoint: the goods leave only within the credit limits."""
        service = self.env["jiancai.credit.service"]
        issues = []
        for picking in self._jiancai_credit_to_check():
            picking_su = picking.sudo()
            issues += service._gate_issues(
                picking_su.sale_id.partner_invoice_id,
                picking_su._jiancai_credit_amount(),
                "delivery",
                picking_su.sale_id,
                picking,
                dry_run=gate.dry_run,
            )
        return issues
