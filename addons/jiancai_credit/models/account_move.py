from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    # the credit check reads the open customer invoices of a few commercial partners:
    # a partial index keeps that lookup proportional to their open invoices, not to
    # every journal entry of the company
    _jiancai_credit_open_idx = models.Index(
        "(commercial_partner_id, company_id) WHERE state = 'posted' "
        "AND move_type IN ('out_invoice', 'out_refund') AND amount_residual_signed != 0"
    )
