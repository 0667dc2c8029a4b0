from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        """A paid customer invoice of a sale order: the first one is the deposit."""
        result = super()._invoice_paid_hook()
        Referral = self.env["jiancai.referral"].sudo()
        for move in self.filtered(lambda m: m.move_type == "out_invoice"):
            if move.line_ids.sale_line_ids:
                Referral._jiancai_referral_event(move.partner_id, "deposit_paid", record=move)
        return result
