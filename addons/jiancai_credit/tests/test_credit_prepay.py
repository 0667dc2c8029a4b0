from odoo.tests import tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditPrepay(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.distributor = cls.env["res.partner"].create(
            {"name": "苏州恒达建材商行", "is_company": True, "jiancai_credit_prepay": True}
        )

    def test_prepay_blocks_confirmation_with_missing_amount(self):
        order = self.make_order(12, partner=self.distributor, confirm=False)
        with self.assertRaisesRegex(GateRefusal, r"pays in advance: .*1,200\.00 is still"):
            order.with_user(self.guide).action_confirm()
        self.deposit(self.distributor, 500)
        with self.assertRaisesRegex(GateRefusal, r"700\.00 is still missing"):
            order.with_user(self.guide).action_confirm()
        self.deposit(self.distributor, 700)
        order.with_user(self.guide).action_confirm()
        self.assertEqual(order.state, "sale")
        self.deliver(order)
        self.assertEqual(order.picking_ids.state, "done")

    def test_prepay_blocks_shipping_when_paid_money_went_elsewhere(self):
        self.deposit(self.distributor, 1000)
        order = self.make_order(10, partner=self.distributor)
        # a second order takes the deposit before the first ships
        # the store switched the prepayment rule off for a moment
        rule = self.env.ref("jiancai_credit.gate_rule_confirm_prepay")
        rule.enabled = False
        other = self.make_order(4, partner=self.distributor, confirm=False)
        other.action_confirm()
        rule.enabled = True
        with self.assertRaisesRegex(GateRefusal, r"400\.00 is still missing"):
            self.deliver(order)

    def test_contact_of_distributor_inherits_prepay(self):
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.distributor.id}
        )
        self.assertTrue(contact.jiancai_credit_prepay)
