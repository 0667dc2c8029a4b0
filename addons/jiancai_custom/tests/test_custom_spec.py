from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import PDF, CustomSetup, png_bytes

SPEC = {
    "jiancai_width": 800,
    "jiancai_depth": 460,
    "jiancai_height": 850,
    "jiancai_finish": "白色烤漆",
}


@tagged("post_install", "-at_install")
class TestCustomSpec(CustomSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_custom()

    def test_custom_product_gets_mto_and_buy(self):
        routes = self.vanity.route_ids
        self.assertIn(self.env.ref("stock.route_warehouse0_mto"), routes)
        buy = self.env.ref("purchase_stock.route_warehouse0_buy")
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)])
        self.assertTrue(buy in warehouse[:1].route_ids, "the warehouse buys what MTO asks")
        self.assertTrue(self.env.ref("stock.route_warehouse0_mto").active)
        with self.assertRaisesRegex(ValidationError, "needs the route Replenish on Order"):
            self.vanity.route_ids = [(3, self.env.ref("stock.route_warehouse0_mto").id)]

    def test_sizes_parsed_and_bounded(self):
        order = self.env["sale.order"].with_user(self.guide).create(self.order_vals(self.vanity))
        line = order.order_line
        for bad in ("0", "-5", "nan", "1e4", "٣٠٠", "6001", "80.5", 0, -5, 7000):
            with self.subTest(bad=bad), self.assertRaises(ValidationError):
                line.write({"jiancai_width": bad})
        with self.assertRaisesRegex(ValidationError, "cannot exceed 6000 mm"):
            line.write({"jiancai_height": 6500})
        with self.assertRaisesRegex(ValidationError, "digits 0-9 only"):
            line.write({"jiancai_depth": "٣٠٠"})
        line.write({"jiancai_width": "３００", "jiancai_depth": " 460 ", "jiancai_height": 850})
        self.assertEqual(
            (line.jiancai_width, line.jiancai_depth, line.jiancai_height), (300, 460, 850)
        )
        line.jiancai_finish = "白色烤漆"
        self.assertEqual(line.jiancai_spec_summary, "300×460×850 mm · 白色烤漆")

    def test_drawings_must_be_pdf_or_image(self):
        order = (
            self.env["sale.order"]
            .with_user(self.guide)
            .create(self.order_vals(self.vanity, **SPEC))
        )
        line = order.order_line.with_user(self.guide)
        good = self.attachment("plan.pdf", PDF, self.guide) | self.attachment(
            "photo.png", png_bytes(), self.guide
        )
        line.jiancai_drawing_ids = [(6, 0, good.ids)]
        self.assertEqual(len(line.jiancai_drawing_ids), 2)
        fake = self.attachment("plan.pdf", b"MZ\x90\x00 a program, not a PDF", self.guide)
        with self.assertRaisesRegex(ValidationError, "not a drawing the factory can open"):
            line.jiancai_drawing_ids = [(4, fake.id)]

    def test_gate_names_incomplete_lines(self):
        order = (
            self.env["sale.order"]
            .with_user(self.guide)
            .create(self.order_vals(self.vanity, jiancai_width=800))
        )
        with self.assertRaises(GateRefusal) as caught:
            order.with_user(self.guide).action_confirm()
        message = str(caught.exception)
        self.assertIn("Custom vanity", message)
        self.assertIn("depth, height, finish", message)
        self.assertEqual(order.state, "draft")
        rule = self.env.ref("jiancai_custom.gate_rule_confirm_custom_spec")
        self.assertTrue(rule.switchable)
        self.assertTrue(rule.description)
        rule.enabled = False  # the general manager switches it off: the order passes
        order.with_user(self.guide).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_guide_cannot_set_production(self):
        order = (
            self.env["sale.order"]
            .with_user(self.guide)
            .create(self.order_vals(self.vanity, **SPEC))
        )
        with self.assertRaises(AccessError):
            order.order_line.with_user(self.guide).write({"jiancai_production_state": "ready"})
        order.with_user(self.guide).action_confirm()
        po_line = order.with_env(self.env).order_line.jiancai_purchase_line_ids
        self.assertTrue(po_line)
        with self.assertRaises(AccessError):
            po_line.with_user(self.guide).write({"jiancai_production_state": "ready"})
