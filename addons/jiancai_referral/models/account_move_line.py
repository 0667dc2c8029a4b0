from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _reconcile_post_hook(self, data):
        """A first payment on a customer invoice of a sale order, even partial, is a deposit.

        Odoo calls ``_invoice_paid_hook`` only when an invoice is paid in full; a deposit
        is usually a part of it. The milestone is recorded once per referral.
        """
        result = super()._reconcile_post_hook(data)
        Referral = self.env["jiancai.referral"].sudo()
        for move in data["not_paid_invoices"]:
            if (
                move.move_type == "out_invoice"
                and move.payment_state == "partial"
                and move.line_ids.sale_line_ids
            ):
                Referral._jiancai_referral_event(move.partner_id, "deposit_paid", record=move)
        return result
