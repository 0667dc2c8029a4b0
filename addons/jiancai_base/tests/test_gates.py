from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.jiancai_base.controllers.main import JiancaiBaseController

from ..exceptions import GateIssue, GateRefusal
from .common import JiancaiCase, JiancaiHttpCase


class GateCase(JiancaiCase):
    """A delivery and an order of the test store, and a way to plug a test rule in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Gate Tile", "type": "consu", "is_storable": True, "list_price": 10}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 100
        )

    def setUp(self):
        super().setUp()
        self.calls = []

    def make_order(self, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.users["guide"].id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "product_uom_qty": 3})
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @contextmanager
    def rule(self, model, code, kind, behaviour, enabled=True):
        """A rule on checkpoint ``code`` whose method records its calls and, for a check,
        refuses while ``behaviour`` returns a message."""
        name = f"_jiancai_gate_test_{kind}"

        def method(records, gate):
            self.calls.append((kind, gate.code, gate.dry_run, records))
            message = behaviour(records)
            if kind == "check" and message:
                return [r._jiancai_gate_issue(message, hint="Call the boss.") for r in records]
            return []

        with patch.object(type(self.env[model]), name, method, create=True):
            rule = self.env["jiancai.gate.rule"].create(
                {
                    "name": f"Test {kind}",
                    "checkpoint_id": self.env["jiancai.gate.checkpoint"]._jiancai_get(code).id,
                    "kind": kind,
                    "method": name,
                    "switchable": True,
                    "enabled": enabled,
                }
            )
            yield rule
            rule.unlink()  # its method goes with the patch

    def validate(self, picking, user=None):
        picking = picking.with_user(user or self.users["warehouse"])
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        return picking.button_validate()


@tagged("post_install", "-at_install")
class TestGates(GateCase):
    def test_checkpoints_installed(self):
        codes = self.env["jiancai.gate.checkpoint"].search([]).mapped("code")
        for code in ("sale.order.confirm", "approval", "stock.picking.release",
                     "stock.picking.delivered"):  # fmt: skip
            self.assertIn(code, codes)

    def test_release_check_refuses_validation_then_switched_off(self):
        order = self.make_order()
        picking = order.picking_ids
        with self.rule("stock.picking", "stock.picking.release", "check", lambda r: "No!") as rule:
            with self.assertRaises(GateRefusal) as caught:
                self.validate(picking)
            refusal = caught.exception
            self.assertIn("Goods released refused for", refusal.args[0])
            self.assertIn("Test check: No!", refusal.args[0])
            self.assertEqual(refusal.issues[0].record, picking)
            self.assertEqual(refusal.hints, [("Call the boss.", "")])
            self.assertNotEqual(picking.state, "done")
            self.assertFalse(picking.jiancai_released_at)
            rule.with_user(self.users["gm"]).enabled = False
            self.validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertTrue(picking.jiancai_released_at)

    def test_validation_passes_release_and_delivered_once(self):
        order = self.make_order()
        picking = order.picking_ids
        with (
            self.rule("stock.picking", "stock.picking.release", "listener", lambda r: None),
            patch.object(
                type(self.env["stock.picking"]),
                "_jiancai_gate_test_delivered",
                lambda records, gate: self.calls.append(("delivered", gate.code, records)),
                create=True,
            ),
        ):
            self.env["jiancai.gate.rule"].create(
                {
                    "name": "Delivered listener",
                    "checkpoint_id": self.env.ref("jiancai_base.checkpoint_picking_delivered").id,
                    "kind": "listener",
                    "method": "_jiancai_gate_test_delivered",
                }
            )
            self.validate(picking)
        self.assertEqual(
            [c[:2] for c in self.calls],
            [("listener", "stock.picking.release"), ("delivered", "stock.picking.delivered")],
        )

    def test_release_already_passed_is_not_checked_again(self):
        order = self.make_order()
        picking = order.picking_ids
        picking._jiancai_release()
        with self.rule("stock.picking", "stock.picking.release", "check", lambda r: "No!"):
            self.validate(picking)
        self.assertEqual(picking.state, "done")
        self.assertFalse(self.calls, "release was passed before: not checked again")

    def test_confirm_checkpoint(self):
        order = self.make_order(confirm=False)
        with self.rule("sale.order", "sale.order.confirm", "check", lambda r: "Margin too low"):
            with self.assertRaisesRegex(GateRefusal, "Order confirmation refused"):
                order.with_user(self.users["guide"]).action_confirm()
        self.assertEqual(order.state, "draft")
        with self.rule("sale.order", "sale.order.confirm", "listener", lambda r: None):
            order.with_user(self.users["guide"]).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual([c[:2] for c in self.calls][-1:], [("listener", "sale.order.confirm")])
        self.assertEqual(len([c for c in self.calls if c[0] == "listener"]), 1)

    def test_preview_is_a_dry_run(self):
        order = self.make_order()
        picking = order.picking_ids
        with self.rule("stock.picking", "stock.picking.release", "check", lambda r: "Later"):
            preview = picking._jiancai_gate_preview("stock.picking.release")
        self.assertEqual(list(preview), [picking])
        self.assertEqual(preview[picking][0].message, "Later")
        self.assertEqual(preview[picking][0].rule, "Test check")
        self.assertTrue(self.calls[0][2], "the check is told it is a dry run")

    def test_released_at_is_protected(self):
        order = self.make_order()
        picking = order.picking_ids
        for role in ("warehouse", "dispatcher"):
            user_picking = picking.with_user(self.users[role])
            user_picking.write({"note": f"checked by {role}"})  # may edit the delivery
            with self.subTest(role=role), self.assertRaisesRegex(AccessError, "own steps"):
                user_picking.write({"jiancai_released_at": "2026-01-01 00:00:00"})
        self.assertFalse(picking.jiancai_released_at)

    def test_rules_name_only_gate_methods(self):
        checkpoint = self.env.ref("jiancai_base.checkpoint_picking_release")
        for method in ("unlink", "_jiancai_gate_does_not_exist", "action_cancel"):
            with self.subTest(method=method), self.assertRaises(ValidationError):
                self.env["jiancai.gate.rule"].create(
                    {"name": "Bad", "checkpoint_id": checkpoint.id, "method": method}
                )

    def test_who_switches_rules(self):
        with self.rule("stock.picking", "stock.picking.release", "check", lambda r: None) as rule:
            for role in ("guide", "store_manager", "finance", "warehouse"):
                with self.subTest(role=role), self.assertRaises(AccessError):
                    rule.with_user(self.users[role]).enabled = False
            gm_rule = rule.with_user(self.users["gm"])
            gm_rule.action_switch()
            self.assertFalse(rule.enabled)
            with self.assertRaises(AccessError):
                gm_rule.method = "_jiancai_gate_four_eyes"
            self.assertEqual(gm_rule.module, "", "created by hand, no module")
        four_eyes = self.env.ref("jiancai_base.gate_rule_four_eyes")
        self.assertEqual(four_eyes.module, "Jiancai Base")
        with self.assertRaisesRegex(ValidationError, "cannot be switched off"):
            four_eyes.with_user(self.users["gm"]).enabled = False


@tagged("post_install", "-at_install")
class TestGatePages(JiancaiHttpCase, GateCase):
    """/jc/ pages answer a refusal or an unexpected error with a page, and keep nothing."""

    def _photo_page(self, error):
        partner = self.customer

        def boom(controller, model, res_id):
            # written by the request, in its own transaction
            request.env["res.partner"].sudo().browse(partner.id).write({"comment": "half"})
            raise error

        self.authenticate("jc_test_gm", "jc_test_gm")
        with patch.object(JiancaiBaseController, "_photo_target", boom):
            return self.url_open(f"/jc/photo/res.partner/{partner.id}")

    def test_unexpected_error_gives_polite_page_and_keeps_nothing(self):
        with mute_logger("odoo.http"):
            response = self._photo_page(ZeroDivisionError("bug"))
        self.assertEqual(response.status_code, 500)
        self.assertIn("Nothing was saved", response.text)
        self.assertNotIn("Traceback", response.text)
        self.assertNotIn("ZeroDivisionError", response.text)
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.comment)

    def test_refusal_gives_page_with_next_step(self):
        refusal = GateRefusal(
            "Goods released refused",
            [
                GateIssue(
                    message="Over the credit limit by ¥300.00",
                    rule="Credit limit",
                    hint="Approval CA/0001 is waiting for Finance.",
                    url="/jc/credit/approval/1",
                )
            ],
        )
        with mute_logger("odoo.http"):
            response = self._photo_page(refusal)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Over the credit limit by ¥300.00", response.text)
        self.assertIn("Approval CA/0001 is waiting for Finance.", response.text)
        self.assertIn('href="/jc/credit/approval/1"', response.text)
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.comment)

    def test_access_error_is_a_404_page(self):
        with mute_logger("odoo.http"):
            response = self._photo_page(AccessError("not yours"))
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("not yours", response.text)

    def test_gates_menu_screenshot(self):
        self.screenshot(
            "/odoo/jiancai-gate-rules",
            "gate_rules",
            login="jc_test_gm",
            ready="document.body.innerText.includes('Four eyes')",
        )
        self.screenshot(
            f"/odoo/jiancai-gates/{self.env.ref('jiancai_base.checkpoint_approval').id}",
            "gate_checkpoint_approval",
            login="jc_test_gm",
            ready="document.body.innerText.includes('Four eyes')",
        )
