from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditApproval(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.credit_limit = 500
        cls.finance = cls.users["finance"]
        cls.gm = cls.users["gm"]

    def blocked_request(self):
        order = self.make_order(8)
        with self.assertRaises(GateRefusal) as caught:
            self.deliver(order, user=self.guide)
        action = caught.exception.issues[0].action
        form = Form(
            self.env["jiancai.credit.approval"]
            .with_user(self.guide)
            .with_context(**action["context"])
        )
        form.note = "He pays on Friday"
        approval = form.save()
        approval.action_submit()
        return order, approval

    def test_round_trip_finance_then_manager(self):
        order, approval = self.blocked_request()
        self.assertEqual(approval.state, "pending")
        self.assertEqual(approval.amount, 800)
        self.assertEqual(approval.excess, 300)
        self.assertEqual(approval.picking_id, order.picking_ids)
        # the manager cannot skip finance
        with self.assertRaisesRegex(UserError, "not the next reviewer"):
            approval.with_user(self.users["store_manager"]).action_approve()
        approval.with_user(self.finance).action_approve()
        self.assertEqual(approval.state, "pending", "the manager tier is still open")
        approval.with_user(self.gm).action_approve()
        self.assertEqual(approval.state, "approved")
        self.assertTrue(approval.valid_until)
        self.deliver(order, user=self.guide)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(approval.state, "used")
        for record in (order, order.picking_ids, self.customer):
            self.assertTrue(
                any(approval.name in (m.body or "") for m in record.message_ids),
                f"approval not recorded on {record._name}",
            )
        notified = self.env["jiancai.notification"].search(
            [("partner_id", "=", self.guide.partner_id.id)]
        )
        self.assertTrue(notified, "the salesperson hears of the approval")

    def test_approval_does_not_cover_a_bigger_amount(self):
        order, approval = self.blocked_request()
        approval.with_user(self.finance).action_approve()
        approval.with_user(self.gm).action_approve()
        order.order_line.product_uom_qty = 20
        with self.assertRaises(GateRefusal):
            self.deliver(order, user=self.guide)

    def test_reject_needs_reason_and_tells_the_salesperson(self):
        _order, approval = self.blocked_request()
        with self.assertRaisesRegex(UserError, "reason"):
            approval.with_user(self.finance).action_reject("  ")
        approval.with_user(self.finance).action_reject("Two invoices overdue")
        self.assertEqual(approval.state, "rejected")
        note = self.env["jiancai.notification"].search(
            [("partner_id", "=", self.guide.partner_id.id)], limit=1
        )
        self.assertIn("Two invoices overdue", note.body)

    def test_approving_twice_or_cancelled_is_refused(self):
        _order, approval = self.blocked_request()
        approval.with_user(self.finance).action_approve()
        approval.with_user(self.gm).action_approve()
        with self.assertRaisesRegex(UserError, "Approved: it cannot be approved"):
            approval.with_user(self.gm).action_approve()
        _order2, other = self.blocked_request()
        other.with_user(self.guide).action_cancel()
        with self.assertRaisesRegex(UserError, "Cancelled: it cannot be approved"):
            other.with_user(self.finance).action_approve()
        with self.assertRaisesRegex(UserError, "cannot be submitted"):
            other.with_user(self.guide).action_submit()

    def test_salesperson_sees_only_own_requests(self):
        _order, approval = self.blocked_request()
        other_guide = self.users["service"]
        self.assertFalse(
            self.env["jiancai.credit.approval"].with_user(self.guide).search([]) - approval
        )
        self.assertTrue(approval.with_user(self.finance).has_access("read"))
        self.assertFalse(approval.with_user(other_guide).has_access("read"))

    def test_non_positive_amount_refused(self):
        with self.assertRaisesRegex(UserError, "positive"):
            self.env["jiancai.credit.approval"].with_user(self.guide).create(
                {"partner_id": self.customer.id, "amount": -5}
            )
