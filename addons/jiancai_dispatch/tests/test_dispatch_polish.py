from odoo.tests import TransactionCase, tagged

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchDemoTrip(TransactionCase):
    """The demo dealer's first trip, as shipped, planned by its demo dispatcher (周磊)."""

    def test_demo_dispatcher_plans_the_first_trip(self):
        dispatcher = self.env.ref("jiancai_base.user_dispatcher")
        trip = self.env.ref("jiancai_dispatch.trip_demo_today").with_user(dispatcher)
        self.assertEqual(trip.jiancai_trip_state, "draft")
        # the buttons of the trip form, in the order a dispatcher presses them
        trip.action_jiancai_compute_freight()
        trip.action_jiancai_geocode()
        trip.action_jiancai_plan()
        self.assertEqual(trip.jiancai_trip_state, "planned")
        # 4.2 m truck: 120 + (26 - 10) km x 4 + 8 floors without a lift x 15
        self.assertGreaterEqual(trip.jiancai_freight_amount, 120 + 16 * 4)
        sheet = (
            self.env["ir.actions.report"]
            .with_user(dispatcher)
            ._render_qweb_html("jiancai_dispatch.action_report_dispatch_sheet", trip.ids)[0]
        )
        self.assertIn("138 1765 4321", sheet.decode())  # the customer's phone
        # the demo deliveries carry goods that weigh something: tiles, a toilet, a vanity
        self.assertIn("云石灰", sheet.decode())
        # what is reserved, or the demand before reservation (it depends on which demo
        # stock is loaded first): at least the floor tiles, and within the 2 t truck
        weight = sum(p._jiancai_weight_kg() for p in trip.sudo().picking_ids)
        self.assertGreaterEqual(weight, 57.6 * 24.5)
        self.assertLessEqual(weight, 57.6 * 24.5 + 14.4 * 21 + 52 + 46 + 1)

    def test_demo_customer_sees_shanghai_time(self):
        dispatcher = self.env.ref("jiancai_base.user_dispatcher")
        trip = self.env.ref("jiancai_dispatch.trip_demo_today").with_user(dispatcher)
        trip.action_jiancai_plan()
        trip.sudo().jiancai_planned_at = "2026-12-02 01:30:00"  # 09:30 in Shanghai
        stop = self.env.ref("jiancai_dispatch.picking_demo_he").sudo()
        link = stop._jiancai_tracking_link(partner=stop.partner_id)
        public = stop.with_user(self.env.ref("base.public_user")).sudo()
        values = public.with_context(lang="zh_CN")._jiancai_tracking_values(link)
        planned = [step for step in values["timeline"] if step[0] == "已排车"]
        self.assertEqual(len(planned), 1, values["timeline"])
        self.assertIn("09:30", planned[0][1])


class TestDispatchPolish(DispatchCase):
    def _plan(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()

    def _depart(self):
        self.trip.with_user(self.driver).action_jiancai_depart()

    def test_weight_from_moves_in_the_products_unit(self):
        """Not reserved yet (no stock): the weight is the moves' demand, by the dozen here."""
        tile = self.env["product.product"].create(
            {"name": "Test mosaic", "is_storable": True, "weight": 2.5}
        )
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer2.id,
                "picking_type_id": self.warehouse.out_type_id.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": tile.id,
                            "product_uom_qty": 3,
                            "product_uom": self.env.ref("uom.product_uom_dozen").id,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.state, "confirmed")
        self.assertFalse(picking.shipping_weight)
        self.assertAlmostEqual(picking._jiancai_weight_kg(), 36 * 2.5)
        self.trip.picking_ids = [(4, picking.id)]
        weights = {s.key: s.weight_kg for s in self.trip._jiancai_freight_stops()}
        self.assertAlmostEqual(weights[picking.id], 90.0)
        self.assertAlmostEqual(weights[self.stop2.id], 750.0)  # reserved: shipping weight
        self.trip.with_user(self.dispatcher).action_jiancai_compute_freight()

    def _planned_notice(self, stop):
        return self.env["jiancai.notification"].search(
            [("res_model", "=", "stock.picking"), ("res_id", "=", stop.id), ("channel", "=", "sms")]
        )

    def test_sms_says_when_without_a_booking(self):
        self.stop2.write({"jiancai_requested_date": False, "jiancai_window_start": 0,
                          "jiancai_window_end": 0})  # fmt: skip
        self._plan()
        notice = self._planned_notice(self.stop2)
        self.assertEqual(len(notice), 1)
        # the trip leaves 2026-12-02 01:00 UTC, 09:00 in Shanghai: that day
        self.assertEqual(notice.sms_params["window"], "2026-12-02")
        self.assertIn("planned for 2026-12-02.", notice.body)
        # no trip date either: we say that we will call, never an empty hole
        self.assertEqual(self.stop1._jiancai_when_label(), "2026-12-02 09:00-11:00")
        self.stop2.jiancai_trip_id.sudo().scheduled_date = False
        self.stop2._jiancai_notify_planned()
        notice = self._planned_notice(self.stop2) - notice
        self.assertIn("we will call you", notice.body)
        self.assertTrue(notice.sms_params["window"].strip())

    def test_badge_and_timeline_agree(self):
        link = self.stop1.sudo()._jiancai_tracking_link(partner=self.customer)
        cases = []

        def check():
            values = self.stop1.sudo()._jiancai_tracking_values(link)
            done = [label for label, _when, is_done in values["timeline"] if is_done]
            self.assertEqual(values["status"], done[-1])
            cases.append(values["status"])

        check()
        self._plan()
        check()
        self._depart()
        check()
        self.stop1.with_user(self.driver).action_jiancai_arrive()
        check()
        self.assertEqual(cases, ["Booked", "Trip planned", "On its way", "Arrived"])

    def test_receipt_code_typos_do_not_use_a_try(self):
        self._plan()
        self._depart()
        stop = self.stop1.with_user(self.driver)
        stop.action_jiancai_arrive()
        for typo in ("12ab", "12345", "1234567", "١٢٣٤٥٦", ""):
            check = stop._jiancai_confirm_receipt_code(typo)
            self.assertFalse(check.ok)
            self.assertTrue(check.malformed, typo)
        self.assertEqual(self.stop1.jiancai_receipt_attempts, 0)
        code = self.stop1.sudo().jiancai_receipt_code
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
        self.assertTrue(stop._jiancai_confirm_receipt_code(full_width).ok)

    def test_tap_to_call_and_navigation(self):
        from ..engine.navigation import amap_url, baidu_url, tel_href  # noqa: PLC0415

        self.assertEqual(tel_href("138 1765 4321"), "tel:13817654321")
        self.assertEqual(tel_href("＋86 138-1765-4321"), "tel:+8613817654321")
        self.assertEqual(tel_href("no phone"), "")
        self.assertEqual(
            amap_url(31.2, 121.4, "何志明", "上海 七莘路"),
            "https://uri.amap.com/marker?position=121.400000%2C31.200000"
            "&name=%E4%BD%95%E5%BF%97%E6%98%8E&coordinate=wgs84&callnative=1&src=jiancai",
        )
        self.assertTrue(
            amap_url(0, 0, "x", "上海 七莘路").startswith("https://uri.amap.com/search?")
        )
        self.assertTrue(
            baidu_url(31.2, 121.4, "x").startswith("baidumap://map/marker?location=31.2")
        )
        self.assertIn("coord_type=wgs84", baidu_url(31.2, 121.4, "x"))
        link = self.stop1.sudo()._jiancai_tracking_link(partner=self.customer)
        self._plan()
        values = self.stop1.sudo()._jiancai_tracking_values(link)
        phone = dict(values["rows"])["Driver phone"]
        self.assertIn('href="tel:15821006609"', str(phone))

    def test_sheet_has_goods_lots_and_phones(self):
        tile = self.env["product.product"].create(
            {"name": "Test tile W05", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create({"name": "W05-2401", "product_id": tile.id})
        self.env["stock.quant"]._update_available_quantity(
            tile, self.warehouse.lot_stock_id, 40, lot_id=lot
        )
        self.stop2.write(
            {
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": tile.id,
                            "product_uom_qty": 12.5,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ]
            }
        )
        self.stop2.action_confirm()
        self.stop2.action_assign()
        html = (
            self.env["ir.actions.report"]
            .with_user(self.dispatcher)
            ._render_qweb_html("jiancai_dispatch.action_report_dispatch_sheet", self.trip.ids)[0]
            .decode()
        )
        self.assertIn("Test tile 800", html)
        self.assertIn("20 Units", html)
        self.assertIn("30 Units", html)
        self.assertIn("12.5 Units", html)
        self.assertIn("W05-2401", html)
        self.assertIn("138 1765 4321", html)  # 何志明's phone
        self.assertIn("139 0192 5566", html)
