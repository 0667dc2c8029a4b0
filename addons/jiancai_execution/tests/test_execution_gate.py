from odoo.tests import tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import ExecutionCase


@tagged("post_install", "-at_install")
class TestExecutionGate(ExecutionCase):
    def test_margin_floor_needs_the_store_manager(self):
        margin = self.env.ref("jiancai_execution.cp_sale_margin")
        margin.with_user(self.gm).active = True
        low = self.make_order(price=85.0)
        with self.assertRaises(GateRefusal) as caught:
            low.with_user(self.guide).action_confirm()
        message = str(caught.exception)
        self.assertIn("Sales margin below the floor", message)
        self.assertIn("only the store manager confirms", message)
        self.assertIn("ask your store manager", message)
        self.assertEqual(low.state, "draft")
        # releasing: the guide raises the price ...
        low.order_line.price_unit = 95.0
        low.with_user(self.guide).action_confirm()
        self.assertEqual(low.state, "sale")
        # ... or the store manager confirms it
        other = self.make_order(price=85.0)
        other.with_user(self.manager).action_confirm()
        self.assertEqual(other.state, "sale")
        # switched off, the rule blocks nobody
        margin.with_user(self.gm).active = False
        self.make_order(price=85.0).with_user(self.guide).action_confirm()

    def test_person_gate_blocks_until_the_violation_is_waived(self):
        stale = self.make_order(client_order_ref="STALE")
        rule = self.make_rule(
            name="Stale quotations",
            message="A quotation of yours is stale.",
            domain=f"[('id', '=', {stale.id})]",
            gate_checkpoint_id=self.env.ref("jiancai_base.checkpoint_sale_confirm").id,
            gate_scope="person",
            gate_days=1,
            gate_hint="Follow it up, or ask your store manager to waive the violation.",
        )
        fresh = self.make_order(price=100.0)
        fresh.with_user(self.other_guide)  # another guide is not concerned
        violation = self.run_rule(rule)
        with self.assertRaises(GateRefusal) as caught:
            fresh.with_user(self.guide).action_confirm()
        self.assertIn("Stale quotations", str(caught.exception))
        self.assertIn("Follow it up", str(caught.exception))
        self.assertTrue(caught.exception.hints)
        self.assertIn(f"/jc/execution/{violation.id}", caught.exception.hints[0][1])
        # another person passes
        theirs = self.make_order(user=self.other_guide)
        theirs.with_user(self.other_guide).action_confirm()
        # released once the manager waives
        violation.with_user(self.manager).action_waive(note="Followed up by phone.")
        fresh.with_user(self.guide).action_confirm()
        self.assertEqual(fresh.state, "sale")

    def test_person_gate_releases_once_the_breach_is_gone(self):
        stale = self.make_order(client_order_ref="STALE")
        rule = self.make_rule(
            name="Stale quotations",
            message="A quotation of yours is stale.",
            domain="[('client_order_ref', '=', 'STALE')]",
            gate_checkpoint_id=self.env.ref("jiancai_base.checkpoint_sale_confirm").id,
            gate_scope="person",
            gate_days=7,
        )
        violation = self.run_rule(rule)
        self.assertEqual(violation.res_id, stale.id)
        fresh = self.make_order(price=100.0)
        with self.assertRaisesRegex(GateRefusal, "Stale quotations"):
            fresh.with_user(self.guide).action_confirm()
        # the guide follows the quotation up: the document no longer breaks the rule, the
        # violation stays (for points) but no longer blocks
        stale.client_order_ref = "FOLLOWED UP"
        fresh.with_user(self.guide).action_confirm()
        self.assertEqual(fresh.state, "sale")
        self.assertEqual(violation.state, "open")

    def test_gate_switch_of_the_business(self):
        gate_rule = self.env.ref("jiancai_execution.gate_rule_execution_sale_confirm")
        self.assertTrue(gate_rule.switchable)
        margin = self.env.ref("jiancai_execution.cp_sale_margin")
        margin.with_user(self.gm).active = True
        gate_rule.with_user(self.gm).enabled = False
        self.make_order(price=85.0).with_user(self.guide).action_confirm()
