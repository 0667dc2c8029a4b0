import math

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import DESKTOP, JiancaiCase, JiancaiHttpCase


class BoxesCase(JiancaiCase):
    """A wall tile sold in 1.44 m² boxes of eight pieces, a basin sold by the unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m2 = cls.env.ref("uom.product_uom_square_meter")
        # 300×600 wall tile, eight to a 1.44 m² box (as the demo's 奶油白)
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Test wall tile 300x600",
                "is_storable": True,
                "uom_id": cls.m2.id,
                "list_price": 59.0,
                "jiancai_sqm_per_box": 1.44,
                "jiancai_pieces_per_box": 8,
                "taxes_id": [Command.clear()],
            }
        )
        cls.basin = cls.env["product.product"].create(
            {"name": "Test basin", "is_storable": True, "list_price": 500.0}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, cls.warehouse.lot_stock_id, 1000
        )
        cls.guide = cls.users["guide"]
        cls.customer.write({"user_id": cls.guide.id, "jiancai_store_id": cls.store.id})

    def _order(self, qty, product=None, **line):
        return (
            self.env["sale.order"]
            .with_user(self.guide)
            .create(
                {
                    "partner_id": self.customer.id,
                    "team_id": self.store.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": (product or self.tile).id,
                                "product_uom_qty": qty,
                                **line,
                            }
                        )
                    ],
                }
            )
        )


@tagged("post_install", "-at_install")
class TestTilesInBoxes(BoxesCase):
    """Tiles priced per m² are sold in whole boxes: quantities round up to whole boxes and
    the quotation, the delivery and the delivery slip show the boxes and pieces."""

    def test_guide_types_50_m2_and_gets_35_boxes(self):
        """In the quotation form: 50 m² becomes 35 whole boxes = 50.40 m², paid in full."""
        with Form(self.env["sale.order"].with_user(self.guide)) as order_form:
            order_form.partner_id = self.customer
            with order_form.order_line.new() as line:
                line.product_id = self.tile
                self.assertEqual(line.product_uom_qty, 1.44, "one box by default")
                line.product_uom_qty = 50
                self.assertEqual(line.product_uom_qty, 50.4)
                self.assertEqual(line.jiancai_box_label, "35 boxes (280 pcs) = 50.40 m²")
        order = order_form.record
        self.assertEqual(order.order_line.product_uom_qty, 50.4)
        self.assertAlmostEqual(order.order_line.price_subtotal, 50.4 * 59.0)

    def test_orm_create_and_write_round_up(self):
        order = self._order(50)
        line = order.order_line
        self.assertEqual(line.product_uom_qty, 50.4)
        line.with_user(self.guide).product_uom_qty = 57.61  # 40.0069 boxes → 41
        self.assertEqual(line.product_uom_qty, 59.04)
        self.assertEqual(line.jiancai_box_label, "41 boxes (328 pcs) = 59.04 m²")
        line.with_user(self.guide).product_uom_qty = 1.44 * 3  # 4.319999… in floats
        self.assertEqual(line.product_uom_qty, 4.32)
        self.assertEqual(line.jiancai_box_label, "3 boxes (24 pcs) = 4.32 m²")
        line.with_user(self.guide).product_uom_qty = 1
        self.assertEqual(line.jiancai_box_label, "1 box (8 pcs) = 1.44 m²")

    def test_several_lines_written_at_once(self):
        order = self._order(10)
        order.with_user(self.guide).write(
            {"order_line": [Command.create({"product_id": self.basin.id, "product_uom_qty": 2})]}
        )
        order.order_line.with_user(self.guide).write({"product_uom_qty": 3})
        by_product = {line.product_id: line.product_uom_qty for line in order.order_line}
        self.assertEqual(by_product, {self.tile: 4.32, self.basin: 3.0})

    def test_other_products_and_units_are_left_alone(self):
        self.assertEqual(self._order(2.5, product=self.basin).order_line.product_uom_qty, 2.5)
        self.assertFalse(self._order(2.5, product=self.basin).order_line.jiancai_box_label)
        # sold in another unit than the product's: no rounding, the boxes still shown
        cm2 = self.env["uom.uom"].create(
            {"name": "Test dm²", "relative_factor": 0.01, "relative_uom_id": self.m2.id}
        )
        line = self._order(150, product_uom_id=cm2.id).order_line
        self.assertEqual(line.product_uom_qty, 150)
        self.assertEqual(line.jiancai_box_label, "1 box + 1 pc = 1.50 m²")

    def test_box_data_refuses_negative_and_non_finite(self):
        template = self.tile.product_tmpl_id
        for values in ({"jiancai_sqm_per_box": -1.44}, {"jiancai_pieces_per_box": -8}):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                template.write(values)
        # NaN and infinities never reach the check: the ORM's float rounding refuses them
        for value, error in ((math.nan, ValueError), (math.inf, OverflowError)):
            with self.subTest(value=value), self.assertRaises(error):
                template.write({"jiancai_sqm_per_box": value})
        self.assertEqual(template.jiancai_sqm_per_box, 1.44)

    def test_delivery_and_slip_show_boxes_and_pieces(self):
        order = self._order(50)
        order.with_user(self.guide).action_confirm()
        picking = order.picking_ids
        move = picking.move_ids
        self.assertEqual(move.product_uom_qty, 50.4)
        self.assertEqual(move.jiancai_box_label, "35 boxes (280 pcs) = 50.40 m²")
        self.assertEqual(move.jiancai_box_quantity_label, "35 boxes (280 pcs) = 50.40 m²")
        # an opened box: 51 m² picked is 35 boxes and 4 loose pieces
        move.move_line_ids.quantity = 51
        self.assertEqual(move.jiancai_box_quantity_label, "35 boxes + 4 pcs = 51.00 m²")
        self.assertEqual(move.move_line_ids.jiancai_box_label, "35 boxes + 4 pcs = 51.00 m²")
        move.move_line_ids.quantity = 50.4
        warehouse = self.users["warehouse"]
        slip = (
            self.env["ir.actions.report"]
            .with_user(warehouse)
            ._render_qweb_html("stock.action_report_delivery", picking.ids)[0]
            .decode()
        )
        self.assertIn("35 boxes (280 pcs) = 50.40 m²", slip)
        move.picked = True
        picking.with_user(warehouse).button_validate()
        self.assertEqual(picking.state, "done")
        slip = (
            self.env["ir.actions.report"]
            .with_user(warehouse)
            ._render_qweb_html("stock.action_report_delivery", picking.ids)[0]
            .decode()
        )
        self.assertIn("35 boxes (280 pcs) = 50.40 m²", slip)

    def test_quotation_shows_boxes_and_says_why(self):
        order = self._order(50)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.guide)
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("35 boxes (280 pcs) = 50.40 m²", html)
        self.assertIn("rounded up to whole boxes", html)
        plain = self._order(1, product=self.basin)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.guide)
            ._render_qweb_html("sale.action_report_saleorder", plain.ids)[0]
            .decode()
        )
        self.assertNotIn("rounded up to whole boxes", html)

    def test_labels_in_chinese(self):
        line = self._order(50).order_line.with_context(lang="zh_CN")
        line.invalidate_recordset(["jiancai_box_label"])
        self.assertEqual(line.jiancai_box_label, "35 箱（280 片），共 50.40 m²")
        template = self.tile.product_tmpl_id.with_context(lang="zh_TW")
        self.assertEqual(template._jiancai_box_label(51), "35 箱 + 4 片，共 51.00 平方米")


@tagged("post_install", "-at_install")
class TestTilesInBoxesUi(JiancaiHttpCase, BoxesCase):
    """The guide's quotation, as the guide sees it and as the customer gets it, in Chinese."""

    def test_quotation_form_and_document_show_boxes(self):
        self.guide.lang = "zh_CN"
        self.customer.lang = "zh_CN"  # the document is in the customer's language
        order = self._order(50)
        with self.page(f"/odoo/sales/{order.id}", login="jc_test_guide", size=DESKTOP) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_field_widget[name=order_line] .o_data_row')",
                "order lines",
            )
            self.shot(browser, "quotation_form_boxes_zh")
            text = self.run_js(
                browser, "document.querySelector('.o_field_widget[name=order_line]').innerText"
            )
        self.assertIn("35 箱（280 片），共 50.40 m²", text)
        self.assertIn("50.40", text)
        with self.page(
            f"/report/html/sale.report_saleorder/{order.id}", login="jc_test_guide", size=DESKTOP
        ) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_box_label')", "report")
            self.shot(browser, "quotation_document_boxes_zh")
            text = self.run_js(browser, "document.body.innerText")
        self.assertIn("35 箱（280 片），共 50.40 m²", text)
        self.assertIn("瓷砖按整箱销售", text)
