from odoo.exceptions import AccessError, UserError
from odoo.tests import JsonRpcException, new_test_user, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditApprovalIntegrity(CreditCase):
    """An approval moves only through the tier review: never by editing its state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.credit_limit = 500
        cls.Approval = cls.env["jiancai.credit.approval"]

    def request(self, user):
        order = self.make_order(8)
        approval = self.Approval.with_user(user).create(
            {
                "partner_id": self.customer.id,
                "order_id": order.id,
                "picking_id": order.picking_ids.id,
                "amount": 800,
            }
        )
        return order, approval

    def test_create_already_approved_is_refused(self):
        order = self.make_order(8)
        for user in (self.users["warehouse"], self.guide):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Approval.with_user(user).create(
                    {
                        "partner_id": self.customer.id,
                        "order_id": order.id,
                        "amount": 800,
                        "state": "approved",
                    }
                )
        # the same value as a context default does not make it the default
        with self.assertRaises(AccessError):
            self.Approval.with_user(self.guide).with_context(default_state="approved").create(
                {
                    "partner_id": self.customer.id,
                    "order_id": order.id,
                    "amount": 800,
                    "state": "approved",
                }
            )
        # a default in the context is a value too
        approval = (
            self.Approval.with_user(self.guide)
            .with_context(default_state="approved", default_valid_until="2099-01-01")
            .create({"partner_id": self.customer.id, "order_id": order.id, "amount": 800})
        )
        self.assertEqual(approval.state, "draft")
        self.assertFalse(approval.valid_until)
        with self.assertRaises(GateRefusal):
            self.deliver(order)

    def test_state_cannot_be_written(self):
        _order, approval = self.request(self.guide)
        approval.with_user(self.guide).action_cancel()
        for state in ("approved", "draft", "pending", "used"):
            with self.subTest(state=state), self.assertRaises(AccessError):
                approval.with_user(self.guide).write({"state": state})
        with self.assertRaises(AccessError):
            approval.with_user(self.guide).write({"valid_until": "2099-01-01 00:00:00"})
        with self.assertRaises(AccessError):
            approval.with_user(self.guide).write({"requested_by_id": self.users["gm"].id})
        self.assertEqual(approval.state, "cancel")

    def test_warehouse_submits_its_own_request(self):
        order, approval = self.request(self.users["warehouse"])
        approval.with_user(self.users["warehouse"]).action_submit()
        self.assertEqual(approval.state, "pending")
        self.assertEqual(approval.review_ids.requested_by, self.users["warehouse"])
        with self.assertRaises(GateRefusal) as caught:
            self.deliver(order)
        issue = caught.exception.issues[0]
        self.assertEqual(issue.related, approval)
        self.assertIn(approval.name, issue.hint)
        self.assertIn(f"/jc/credit/approval/{approval.id}", issue.url)

    def test_requester_cannot_approve_own_request(self):
        finance = self.users["finance"]
        _order, approval = self.request(finance)
        approval.with_user(finance).action_submit()
        with self.assertRaisesRegex(GateRefusal, "Four eyes"):
            approval.with_user(finance).action_approve()
        self.assertEqual(approval.state, "pending")
        rule = self.env.ref("jiancai_base.gate_rule_four_eyes")
        with self.assertRaisesRegex(UserError, "cannot be switched off"):
            rule.with_user(self.users["gm"]).enabled = False

    def test_reviews_cannot_be_decided_by_editing(self):
        _order, approval = self.request(self.guide)
        approval.with_user(self.guide).action_submit()
        reviews = approval.with_user(self.guide).review_ids
        with self.assertRaises(AccessError):
            reviews.write({"status": "approved"})
        with self.assertRaises(AccessError):
            self.env["tier.review"].with_user(self.guide).create(
                {
                    "model": approval._name,
                    "res_id": approval.id,
                    "status": "approved",
                    "definition_id": reviews[:1].definition_id.id,
                }
            )
        approval.with_user(self.users["finance"]).action_approve()
        self.assertEqual(approval.state, "pending", "the manager's tier is still open")

    def test_preview_neither_locks_nor_uses_an_approval(self):
        order = self.make_order(8)
        picking = order.picking_ids
        self.customer.invalidate_recordset()
        before = self.customer.jiancai_credit_check_count
        preview = picking._jiancai_gate_preview("stock.picking.release")
        self.assertIn("over by", preview[picking][0].message)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.jiancai_credit_check_count, before, "no lock taken")
        self.assertEqual(picking.state, "assigned")


@tagged("post_install", "-at_install")
class TestCreditIntegrityRpc(JiancaiHttpCase):
    """The same refusals for a hostile user calling JSON-RPC by hand."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = new_test_user(
            cls.env, login="jc_rpc_wh", groups="base.group_user,jiancai_base.group_warehouse"
        )
        cls.guide = new_test_user(
            cls.env, login="jc_rpc_guide", groups="base.group_user,jiancai_base.group_sales_guide"
        )
        cls.customer = cls.env["res.partner"].create({"name": "RPC customer"})

    def test_rpc_create_approved_and_write_state(self):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(
                "jc_rpc_wh",
                "jiancai.credit.approval",
                "create",
                [[{"partner_id": self.customer.id, "amount": 800, "state": "approved"}]],
            )
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        ids = self.call_kw(
            "jc_rpc_guide",
            "jiancai.credit.approval",
            "create",
            [[{"partner_id": self.customer.id, "amount": 800}]],
        )
        self.call_kw("jc_rpc_guide", "jiancai.credit.approval", "action_cancel", [ids])
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "jc_rpc_guide", "jiancai.credit.approval", "write", [ids, {"state": "approved"}]
            )
        approval = self.env["jiancai.credit.approval"].browse(ids)
        self.assertEqual(approval.state, "cancel")
