from odoo import Command, fields
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditStatement(CreditCase):
    """The statement's closing balance is what the credit check counts as owed."""

    def _move(self, move_type, amount):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Tiles", "price_unit": amount, "tax_ids": []})
                ],
            }
        )
        move.action_post()
        return move

    def test_closing_balance_is_the_receivable_part_of_the_exposure(self):
        order = self.make_order(16, price=100.0)
        self.deliver(order)
        invoice = self.invoice(order)  # 1,600
        self._move("out_invoice", 600.0)
        self.pay(invoice, 400.0)  # partial payment
        self._move("out_refund", 150.0)  # credit note, not matched
        self.deposit(self.customer, 300.0)  # payment not matched with any invoice
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 200.0,
                "journal_id": self.bank_journal.id,
            }
        )
        payment.action_post()  # registered, matched with nothing
        service = self.env["jiancai.credit.service"]

        rows, closing = service._receivable_statement(self.customer)

        exposure = service._exposure_by_partner([self.customer.id])[self.customer.id]
        self.assertEqual(closing, exposure.receivable)
        counted = [row for row in rows if row["counted"]]
        self.assertAlmostEqual(counted[-1]["balance"], closing, places=2)
        self.assertAlmostEqual(sum(row["amount"] for row in counted), closing, places=2)
        unbooked = sum(-row["amount"] for row in rows if not row["counted"])
        # 2,200 invoiced - 400 paid - 150 credit note - 300 deposit - 200 payment; a payment
        # that waits for the bank (no journal entry yet) is listed but counted by neither
        self.assertAlmostEqual(closing, 2200.0 - 400.0 - 150.0 - 300.0 - 200.0 + unbooked, places=2)
        self.assertEqual(len(rows), 6)  # each document once, counted or not
