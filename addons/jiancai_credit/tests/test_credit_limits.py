from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditLimits(CreditCase):
    def exposure(self, record):
        record.invalidate_recordset()
        return (
            record.jiancai_exposure_open_invoices,
            record.jiancai_exposure_open_orders,
            record.jiancai_exposure_delivered,
            record.jiancai_exposure_payments,
            record.jiancai_exposure_total,
        )

    def test_negative_limits_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.customer.credit_limit = -1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.guide.sudo().jiancai_credit_limit = -100
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.store.jiancai_credit_limit = -0.5

    def test_non_numeric_limits_refused(self):
        for value in ("abc", "", [1], "nan", float("inf")):
            with self.assertRaisesRegex(ValidationError, "must be a number"):
                self.customer.write({"credit_limit": value})
            with self.assertRaisesRegex(ValidationError, "must be a number"):
                self.store.write({"jiancai_credit_limit": value})
            with self.assertRaisesRegex(ValidationError, "must be a number"):
                self.guide.sudo().write({"jiancai_credit_limit": value})
        with self.assertRaisesRegex(ValidationError, "must be a number"):
            self.env["crm.team"].create({"name": "Bad", "jiancai_credit_limit": "x"})
        self.customer.write({"credit_limit": "1500"})
        self.assertEqual(self.customer.credit_limit, 1500.0, "a number as text is fine")
        self.assertEqual(self.store.jiancai_credit_limit, 0.0, "nothing half-written")

    def test_exposure_breakdown_follows_the_order(self):
        order = self.make_order(10)  # 1000
        self.assertEqual(self.exposure(self.customer), (0, 1000, 0, 0, 1000))
        self.deliver(order, qty=4)
        self.assertEqual(self.exposure(self.customer), (0, 600, 400, 0, 1000))
        invoice = self.invoice(order)
        self.assertEqual(self.exposure(self.customer), (400, 600, 0, 0, 1000))
        self.pay(invoice, 150)
        self.assertEqual(self.exposure(self.customer), (250, 600, 0, 0, 850))
        # a goodwill credit note, not linked to the order
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Goodwill", "price_unit": 100, "tax_ids": []})
                ],
            }
        )
        refund.action_post()
        self.assertEqual(self.exposure(self.customer), (150, 600, 0, 0, 750))
        self.deposit(self.customer, 300)
        self.assertEqual(self.exposure(self.customer), (150, 600, 0, 300, 450))
        # the levels above see the same customer
        self.assertEqual(self.exposure(self.guide)[-1], 450)
        self.assertEqual(self.exposure(self.store)[-1], 450)
        self.customer.credit_limit = 1000
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.jiancai_credit_available, 550)

    def test_contact_shows_its_company_exposure(self):
        contact = self.env["res.partner"].create({"name": "Contact", "parent_id": self.customer.id})
        self.make_order(3, partner=contact)
        self.assertEqual(self.exposure(contact)[-1], 300)
        self.assertEqual(self.exposure(self.customer)[-1], 300)

    def test_foreign_currency_order_counts_in_company_currency(self):
        usd = self.env.ref("base.USD")
        if usd == self.env.company.currency_id:
            usd = self.env.ref("base.EUR")
        usd.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", usd.id)]).unlink()
        self.env["res.currency.rate"].create(
            {"currency_id": usd.id, "rate": 0.25, "company_id": self.env.company.id}
        )
        self.make_order(10, price=50.0, currency=usd)  # 500 foreign = 2000 company
        self.assertAlmostEqual(self.exposure(self.customer)[-1], 2000.0, places=2)

    def test_customer_limit_blocks_delivery_with_level_and_excess(self):
        self.customer.credit_limit = 500
        order = self.make_order(8)  # 800: confirmation is not checked by default
        with self.assertRaises(GateRefusal) as caught:
            self.deliver(order)
        refusal = caught.exception
        message, issue = refusal.args[0], refusal.issues[0]
        action, button = issue.action, issue.action_label
        self.assertIn("Goods released", message)
        self.assertEqual(issue.rule, "Credit limit")
        self.assertEqual(issue.record, order.picking_ids)
        self.assertEqual(refusal.context["jiancai_action"], action)
        self.assertIn("Customer", message)
        self.assertIn(self.customer.name, message)
        self.assertIn("300.00", message)  # over by
        self.assertEqual(button, "Ask for approval")
        self.assertEqual(action["res_model"], "jiancai.credit.approval")
        self.assertEqual(action["context"]["default_amount"], 800)
        self.assertEqual(action["context"]["default_excess"], 300)
        self.assertEqual(order.picking_ids.state, "assigned")

    def test_within_limit_delivers(self):
        self.customer.credit_limit = 800
        order = self.make_order(8)
        self.deliver(order)
        self.assertEqual(order.picking_ids.state, "done")

    def test_goods_already_out_count_for_next_delivery(self):
        self.customer.credit_limit = 1000
        first, second = self.make_order(6), self.make_order(6)
        self.deliver(first)
        with self.assertRaisesRegex(GateRefusal, "200.00"):
            self.deliver(second)

    def test_salesperson_level(self):
        self.guide.sudo().jiancai_credit_limit = 1500
        other = self.env["res.partner"].create(
            {"name": "Other customer", "user_id": self.guide.id, "is_company": True}
        )
        self.deliver(self.make_order(10, partner=other))
        with self.assertRaisesRegex(GateRefusal, r"Salesperson .*over by .*500\.00"):
            self.deliver(self.make_order(10))

    def test_store_level(self):
        self.store.jiancai_credit_limit = 100
        with self.assertRaisesRegex(GateRefusal, r"Store Test Store.*over by .*200\.00"):
            self.deliver(self.make_order(3))

    def test_paid_order_is_not_checked(self):
        self.customer.credit_limit = 1
        order = self.make_order(2)
        order.order_line.product_id.invoice_policy = "order"
        order.order_line._compute_qty_to_invoice()
        invoice = self.invoice(order)
        self.pay(invoice, invoice.amount_total)
        self.deliver(order)
        self.assertEqual(order.picking_ids.state, "done")

    def test_check_at_confirmation_setting(self):
        self.customer.credit_limit = 500
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.jiancai_credit_check_on_confirm, "off by default")
        settings.jiancai_credit_check_on_confirm = True
        settings.execute()
        self.assertTrue(self.env.ref("jiancai_credit.gate_rule_confirm_credit").enabled)
        order = self.make_order(6, confirm=False)
        with self.assertRaisesRegex(GateRefusal, "(?s)Order confirmation.*over by .*100.00"):
            order.with_user(self.guide).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_receipts_and_unlinked_pickings_are_not_checked(self):
        self.customer.credit_limit = 1
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": self.customer.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.tile.id,
                            "product_uom_qty": 5,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = 5
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")

    def test_customer_credit_list_has_individuals_and_no_fake_zero(self):
        person = self.env["res.partner"].create({"name": "何志明", "credit_limit": 5000})
        unlimited = self.env["res.partner"].create({"name": "No limit Ltd", "is_company": True})
        self.make_order(3, partner=unlimited)
        action = self.env.ref("jiancai_credit.res_partner_action_credit")
        listed = self.env["res.partner"].search(safe_eval(action.domain))
        self.assertIn(person, listed, "an individual customer with a limit is listed")
        self.assertIn(unlimited, listed, "a customer with orders is listed")
        self.assertNotIn(self.env.user.partner_id, listed)
        self.assertTrue(person.jiancai_credit_has_limit)
        self.assertEqual(person.jiancai_credit_available, 5000)
        self.assertFalse(unlimited.jiancai_credit_has_limit, "no limit is not 'available 0'")
