from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

from .common import CreditCase

DIALOG = ".o_jiancai_gate_dialog"


@tagged("post_install", "-at_install")
class TestCreditRefusalInTheBackOffice(JiancaiHttpCase, CreditCase):
    """The warehouse validates an over-limit delivery in the web client: the refusal is a
    dialog with the rule's message and an "Ask for approval" button that opens the
    approval request, filled in."""

    def test_validate_refused_then_ask_for_approval(self):
        self.customer.credit_limit = 500
        order = self.make_order(8)
        picking = order.picking_ids
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        url = f"/odoo/action-stock.action_picking_tree_all/{picking.id}"
        with self.page(url, login="jc_test_warehouse", size=DESKTOP) as browser:
            validate = ".o_form_view button[name='button_validate']"
            self.wait_for(browser, f"!!document.querySelector({validate!r})", "delivery form")
            self.run_js(browser, f"document.querySelector({validate!r}).click()")
            self.wait_for(browser, f"!!document.querySelector({DIALOG!r})", "refusal dialog")
            self.shot(browser, "credit_refusal_dialog")
            text = self.run_js(browser, f"document.querySelector({DIALOG!r}).innerText")
            self.assertIn("over by", text)
            self.assertIn("Credit limit", text)
            button = self.run_js(
                browser, f"document.querySelector('{DIALOG} .o_jiancai_gate_next').innerText"
            )
            self.assertEqual(button.strip(), "Ask for approval")
            self.run_js(browser, f"document.querySelector('{DIALOG} .o_jiancai_gate_next').click()")
            self.wait_for(
                browser,
                "!!document.querySelector('.modal .o_form_view .o_field_widget[name=amount]')",
                "approval request form",
            )
            self.shot(browser, "credit_refusal_approval_form")
            amount = self.run_js(
                browser,
                "document.querySelector('.modal .o_field_widget[name=amount] input').value",
            )
        self.assertIn("800", amount)
        self.assertNotEqual(picking.state, "done")
