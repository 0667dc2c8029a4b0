from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestPinnedShade(ColourLotCase):
    """A shade pinned on the sale order line binds Odoo's own reservation, the pin is one
    of the shades in stock, and validation refuses a lot that breaks it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # W03 is received first: Odoo's FIFO reservation would take it before W05
        cls.w03 = cls.make_lot("W03", 100, day="2026-07-01")
        cls.w05 = cls.make_lot("W05", 100, day="2026-08-01")

    def guide_order(self, qty, confirm=False, **line):
        """A quotation the test guide makes for the customer, confirmed if asked."""
        order = (
            self.env["sale.order"]
            .with_user(self.users["guide"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [
                        (0, 0, {"product_id": self.tile.id, "product_uom_qty": qty, **line})
                    ],
                }
            )
        )
        if confirm:
            order.sudo().action_confirm()
        return order

    def reserved_shades(self, picking):
        return set(picking.move_ids.move_line_ids.lot_id.mapped("jiancai_shade"))

    def test_reservation_at_confirmation_keeps_the_pin(self):
        _order, picking = self.sell((60, {"jiancai_shade": "W05"}))
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.w05)
        self.assertEqual(picking.move_ids.quantity, 60)
        quant = self.env["stock.quant"]._gather(self.tile, self.stock, lot_id=self.w03, strict=True)
        self.assertFalse(quant.reserved_quantity, "W03 stays free for other orders")

    def test_caliber_and_grade_pins_bind_the_reservation_too(self):
        other_grade = self.make_lot("W05", 100, grade="AA", day="2026-06-01")
        _order, picking = self.sell((60, {"jiancai_shade": "W05", "jiancai_grade": "AAA"}))
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.w05)
        self.assertNotIn(other_grade, picking.move_ids.move_line_ids.lot_id)

    def test_delivery_lines_show_the_pin_and_the_lots(self):
        _order, picking = self.sell((60, {"jiancai_shade": "W05", "jiancai_grade": "AAA"}))
        self.assertEqual(picking.move_ids.jiancai_pin_label, "Shade W05 · Grade AAA")
        zh = picking.move_ids.with_context(lang="zh_CN")
        zh.invalidate_recordset(["jiancai_pin_label"])
        self.assertEqual(zh.jiancai_pin_label, "色号 W05 · 等级 AAA")
        # both columns are on the Operations tab by default
        view = self.env["stock.picking"].get_view(view_type="form")["arch"]
        self.assertRegex(view, r'name="jiancai_pin_label"[^>]*optional="show"')
        self.assertRegex(view, r'name="lot_ids"[^/]*optional="show"')
        _order, unpinned = self.sell((10, {}))
        self.assertFalse(unpinned.move_ids.jiancai_pin_label)

    def test_unpinned_line_keeps_odoo_fifo(self):
        _order, picking = self.sell((60, {}))
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.w03, "Odoo's own FIFO")

    def test_check_availability_later_takes_only_the_pinned_shade(self):
        _order, picking = self.sell((150, {"jiancai_shade": "W05"}))
        self.assertEqual(picking.move_ids.state, "partially_available")
        self.assertEqual(self.reserved_shades(picking), {"W05"})
        self.assertEqual(picking.move_ids.quantity, 100, "W03 is not taken to fill the gap")
        self.make_lot("W05", 80, day="2026-09-01")
        picking.with_user(self.users["warehouse"]).action_assign()
        self.assertEqual(picking.move_ids.state, "assigned")
        self.assertEqual(self.reserved_shades(picking), {"W05"})
        self.assertEqual(picking.move_ids.quantity, 150)

    def test_two_step_delivery_picks_and_ships_the_pinned_shade(self):
        self.warehouse.delivery_steps = "pick_ship"
        order, _picking = self.sell((60, {"jiancai_shade": "W05"}))
        pick = order.picking_ids
        self.assertEqual(pick.location_id, self.stock)
        self.assertEqual(self.reserved_shades(pick), {"W05"})
        pick.button_validate()
        ship = order.picking_ids - pick  # pushed from the output location
        self.assertEqual(ship.picking_type_code, "outgoing")
        self.assertEqual(ship.state, "assigned")
        self.assertEqual(self.reserved_shades(ship), {"W05"})

    def test_another_shade_picked_by_hand_is_refused_at_validation(self):
        _order, picking = self.sell((60, {"jiancai_shade": "W05"}))
        keeper = self.users["warehouse"]
        # detailed operations: the keeper scans a box of W03 instead
        picking = picking.with_user(keeper)
        picking.move_ids.move_line_ids.write({"lot_id": self.w03.id, "picked": True})
        with self.assertRaises(GateRefusal) as caught:
            picking.button_validate()
        message = str(caught.exception)
        self.assertIn("lot %s is Shade W03, the order asks for W05" % self.w03.name, message)
        self.assertIn("Match Colour Lots again", message)
        self.assertEqual(picking.state, "assigned", "nothing shipped")

    def test_extra_line_of_another_shade_added_by_hand_is_refused(self):
        _order, picking = self.sell((60, {"jiancai_shade": "W05"}))
        move = picking.move_ids
        move.move_line_ids.quantity = 40
        # a line added in the detailed operations: Odoo links it to the tile's move
        extra = (
            self.env["stock.move.line"]
            .with_user(self.users["warehouse"])
            .create(
                {
                    "picking_id": picking.id,
                    "product_id": self.tile.id,
                    "location_id": self.stock.id,
                    "location_dest_id": move.location_dest_id.id,
                    "lot_id": self.w03.id,
                    "quantity": 20,
                }
            )
        )
        self.assertEqual(extra.move_id, move)
        with self.assertRaisesRegex(GateRefusal, "the order asks for W05"):
            picking.with_user(self.users["warehouse"]).button_validate()

    def test_pinned_lots_ship(self):
        order, picking = self.sell((60, {"jiancai_shade": "W05"}))
        picking.with_user(self.users["warehouse"]).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, self.w05)
        self.assertEqual(order.order_line.qty_delivered, 60)

    def test_unknown_shade_is_refused_with_the_shades_in_stock(self):
        line = self.guide_order(10).order_line
        cyrillic_ve = "\u0412"  # looks like a Latin B
        for typed in ("Z99", "W5", f"{cyrillic_ve}03", "W\u0660\u0663"):
            with self.subTest(typed=typed), self.assertRaises(ValidationError) as caught:
                line.write({"jiancai_shade": typed})
            self.assertIn("no lot in stock with Shade: %s" % typed, str(caught.exception))
            self.assertIn("W03 / C1 / AAA, W05 / C1 / AAA", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:  # assertRaises: a savepoint
            line.write({"jiancai_shade": "W05", "jiancai_caliber": "C9"})
        self.assertIn("no lot in stock with Shade: W05 / Caliber: C9", str(caught.exception))
        self.assertFalse(line.jiancai_shade, "nothing pinned")

    def test_full_width_and_lower_case_pins_are_stored_as_the_lots_spell_them(self):
        with Form(self.env["sale.order"].with_user(self.users["guide"])) as form:
            form.partner_id = self.customer
            with form.order_line.new() as line:
                line.product_id = self.tile
                line.product_uom_qty = 10
                line.jiancai_shade = "ｗ０５ "
                line.jiancai_grade = "aaa"
        order = form.record
        self.assertEqual(order.order_line.jiancai_shade, "W05")
        self.assertEqual(order.order_line.jiancai_grade, "AAA")
        order.order_line.with_user(self.users["guide"]).write({"jiancai_shade": "Ｗ０３"})
        self.assertEqual(order.order_line.jiancai_shade, "W03")

    def test_shade_sold_out_cannot_be_pinned(self):
        gone = self.make_lot("G01", 5)
        self.env["stock.quant"]._update_available_quantity(self.tile, self.stock, -5, lot_id=gone)
        with self.assertRaisesRegex(ValidationError, "no lot in stock with Shade: G01"):
            self.sell((10, {"jiancai_shade": "G01"}))

    def test_changing_the_pin_after_confirmation_moves_the_reservation(self):
        order = self.guide_order(60, confirm=True, jiancai_shade="W03")
        picking = order.picking_ids
        self.assertEqual(self.reserved_shades(picking), {"W03"})
        order.order_line.write({"jiancai_shade": "W05"})
        self.assertEqual(self.reserved_shades(picking), {"W05"})
        self.assertEqual(picking.move_ids.quantity, 60)
        for lot, reserved in ((self.w03, 0), (self.w05, 60)):
            quant = self.env["stock.quant"]._gather(self.tile, self.stock, lot_id=lot, strict=True)
            self.assertEqual(quant.reserved_quantity, reserved)

    def test_match_that_cannot_serve_leaves_no_wrong_reservation(self):
        _order, picking = self.sell((150, {"jiancai_shade": "W05"}))
        with self.assertRaisesRegex(UserError, "missing|no compatible colour lot"):
            picking.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(self.reserved_shades(picking), {"W05"}, "never W03")

    def test_refused_match_unreserves_a_lot_chosen_by_hand_that_breaks_the_pin(self):
        _order, picking = self.sell((150, {"jiancai_shade": "W05"}))
        keeper = self.users["warehouse"]
        picking.move_ids.move_line_ids.with_user(keeper).write({"lot_id": self.w03.id})
        self.assertEqual(self.reserved_shades(picking), {"W03"})
        action = picking.with_user(keeper).action_jiancai_match_lots()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("missing", action["params"]["message"])
        self.assertIn("were unreserved", action["params"]["message"])
        self.assertEqual(self.reserved_shades(picking), {"W05"}, "W03 no longer reserved")
        self.assertEqual(picking.move_ids.quantity, 100, "what W05 has")
        self.assertIn("were unreserved", str(picking.message_ids[0].body))

    def test_shade_choices_are_the_shades_in_stock(self):
        self.make_lot("W05", 30, caliber="C2")
        choices = (
            self.env["sale.order.line"]
            .with_user(self.users["guide"])
            .jiancai_shade_choices(self.tile.id, self.env.company.id)
        )
        self.assertEqual([shade for shade, _label in choices], ["W05", "W03"], "most first")
        self.assertEqual(choices[0][1], "C1 / AAA: 100 Units; C2 / AAA: 30 Units")
        plain = self.env["product.product"].create({"name": "Grout", "is_storable": True})
        lines = self.env["sale.order.line"].with_user(self.users["guide"])
        self.assertEqual(lines.jiancai_shade_choices(plain.id), [])
        # what a hostile caller may post instead of ids: nothing, never a database error
        for junk in ("abc", 10**30, -1, True, None, "١٢"):
            with self.subTest(junk=junk):
                self.assertEqual(lines.jiancai_shade_choices(junk), [])
                self.assertEqual(
                    [c[0] for c in lines.jiancai_shade_choices(self.tile.id, junk)],
                    ["W05", "W03"],
                )
        with self.assertRaises(AccessError):
            self.env["sale.order.line"].with_user(self.portal_user).jiancai_shade_choices(
                self.tile.id
            )
