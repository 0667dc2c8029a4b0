from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import DispatchCase

PHONE_375 = "375x812"


@tagged("post_install", "-at_install")
class TestDispatchBoxes(JiancaiHttpCase, DispatchCase):
    """Tiles leave in whole boxes: the dispatch sheet and the driver's stop say how many
    boxes and pieces, next to the m² and per colour lot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        m2 = cls.env.ref("uom.product_uom_square_meter")
        # 800×800 floor tile, three to a 1.92 m² box (as the demo's 云石灰)
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Test floor tile 800x800",
                "is_storable": True,
                "tracking": "lot",
                "uom_id": m2.id,
                "jiancai_sqm_per_box": 1.92,
                "jiancai_pieces_per_box": 3,
            }
        )
        cls.lot = cls.env["stock.lot"].create({"name": "W05-2401", "product_id": cls.tile.id})
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, cls.warehouse.lot_stock_id, 40, lot_id=cls.lot
        )
        cls.stop2.write(
            {
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.tile.id,
                            "product_uom_qty": 28.8,
                            "location_id": cls.warehouse.lot_stock_id.id,
                            "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ]
            }
        )
        cls.stop2.action_confirm()
        cls.stop2.action_assign()

    def test_goods_lines_have_boxes(self):
        goods = {line["product"]: line for line in self.stop2._jiancai_sheet_goods()}
        tile = goods["Test floor tile 800x800"]
        self.assertEqual(tile["quantity"], "28.8 m²")
        self.assertEqual(tile["boxes"], "15 boxes (45 pcs)")
        # the lot's display name may carry its shade (jiancai_lot), then its boxes
        self.assertRegex(tile["lots"], r"^W05-2401.*: 15 boxes \(45 pcs\)$")
        self.assertEqual(goods["Test tile 800"]["boxes"], "")  # not sold in boxes

    def test_dispatch_sheet_shows_boxes(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.dispatcher)
            ._render_qweb_html("jiancai_dispatch.action_report_dispatch_sheet", self.trip.ids)[0]
            .decode()
        )
        self.assertIn("28.8 m²", html)
        self.assertIn("15 boxes (45 pcs)", html)
        self.assertRegex(html, r"W05-2401[^<]*: 15 boxes \(45 pcs\)")

    def test_driver_stop_shows_boxes_on_a_phone(self):
        self.driver.lang = "zh_CN"
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.trip.with_user(self.driver).action_jiancai_depart(31.2, 121.4)
        with self.page(
            f"/jc/driver/stop/{self.stop2.id}", login="jc_test_driver", size=PHONE_375
        ) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_dispatch_goods')", "goods")
            self.run_js(
                browser, "document.querySelector('.o_jiancai_dispatch_goods').scrollIntoView()"
            )
            self.shot(browser, "driver_stop_boxes_zh_375")
            boxes = self.run_js(
                browser,
                "[...document.querySelectorAll('.o_jiancai_dispatch_boxes')]"
                ".map((e) => e.innerText).join('|')",
            )
            text = self.run_js(
                browser, "document.querySelector('.o_jiancai_dispatch_goods').innerText"
            )
            overflow = self.run_js(
                browser, "document.documentElement.scrollWidth > window.innerWidth"
            )
        self.assertEqual(boxes, "15 箱（45 片）")
        self.assertIn("28.8 m²", text)
        self.assertRegex(text, r"W05-2401[^\n]*: 15 箱（45 片）")
        self.assertIn("货物", text)
        self.assertFalse(overflow)
