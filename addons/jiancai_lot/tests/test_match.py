from dataclasses import replace
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.jiancai_lot.engine import allocate

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestMatch(ColourLotCase):
    def match(self, picking):
        picking.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        return picking.move_ids.move_line_ids

    def test_line_ships_from_one_lot_of_the_pinned_shade(self):
        big_b = self.make_lot("B", 300)
        self.make_lot("A", 40)
        a_fit = self.make_lot("A", 100, day="2026-09-01")
        self.make_lot("A", 80)
        _order, picking = self.sell((90, {"jiancai_shade": "A"}))
        lines = self.match(picking)
        self.assertEqual(lines.lot_id, a_fit)
        self.assertEqual(lines.quantity, 90)
        self.assertNotIn(big_b, lines.lot_id)
        self.assertEqual(picking.state, "assigned")
        quant = self.env["stock.quant"]._gather(self.tile, self.stock, lot_id=a_fit, strict=True)
        self.assertEqual(quant.reserved_quantity, 90, "the quant carries Odoo's own reservation")

    def test_lines_of_one_delivery_are_solved_together(self):
        lot_70 = self.make_lot("A", 70)
        self.make_lot("A", 40)
        self.make_lot("A", 30)
        _order, picking = self.sell((70, {}), (70, {}))
        lines = self.match(picking)
        self.assertEqual(len(lines), 3, "70 + (40 + 30): three lots, the least possible")
        self.assertIn(lot_70, lines.lot_id)
        by_move = {move: move.move_line_ids for move in picking.move_ids}
        self.assertEqual(sorted(len(ml) for ml in by_move.values()), [1, 2])
        for move_lines in by_move.values():
            self.assertEqual(sum(move_lines.mapped("quantity")), 70)

    def test_reservations_of_other_deliveries_are_respected(self):
        big = self.make_lot("A", 100)
        self.make_lot("A", 60, day="2026-10-01")
        _o1, first = self.sell((50, {}))
        self.match(first)
        self.assertEqual(first.move_ids.move_line_ids.lot_id, big, "the older lot")
        _o2, second = self.sell((90, {}))
        lines = self.match(second)
        from_big = sum(lines.filtered(lambda ml: ml.lot_id == big).mapped("quantity"))
        self.assertLessEqual(from_big, 50, "only what the first delivery left free")
        self.assertEqual(sum(lines.mapped("quantity")), 90)
        self.assertEqual(first.move_ids.move_line_ids.quantity, 50, "first one untouched")
        quant = self.env["stock.quant"]._gather(self.tile, self.stock, lot_id=big, strict=True)
        self.assertEqual(quant.reserved_quantity, 50 + from_big)
        self.assertLessEqual(quant.reserved_quantity, quant.quantity)

    def test_matching_again_replaces_own_reservation(self):
        self.make_lot("A", 30)
        self.make_lot("A", 30)
        best = self.make_lot("A", 60)
        _order, picking = self.sell((60, {}))
        picking.move_ids.move_line_ids.unlink()
        picking.move_ids._action_assign()  # Odoo's own FIFO may take two lots
        lines = self.match(picking)
        self.assertEqual(lines.lot_id, best)
        self.assertEqual(lines.quantity, 60)

    def test_lots_in_sublocations_and_packages(self):
        package = self.env["stock.package"].create({"name": "PAL-1"})
        lot = self.make_lot("A", 50, location=self.shelf, package=package)
        self.make_lot("A", 20)
        _order, picking = self.sell((50, {}))
        lines = self.match(picking)
        self.assertEqual(lines.lot_id, lot)
        self.assertEqual(lines.location_id, self.shelf)
        self.assertEqual(lines.package_id, package)

    def test_no_single_group_proposes_split(self):
        self.make_lot("A", 50)
        self.make_lot("B", 40)
        _order, picking = self.sell((80, {}))
        before = [(ml.lot_id, ml.quantity) for ml in picking.move_ids.move_line_ids]
        action = picking.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(action["res_model"], "jiancai.lot.split.wizard")
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.group_count, 2)
        self.assertIn("A / C1 / AAA: 50", wizard.line_ids.proposal)
        self.assertIn("B / C1 / AAA: 30", wizard.line_ids.proposal)
        after = [(ml.lot_id, ml.quantity) for ml in picking.move_ids.move_line_ids]
        self.assertEqual(before, after, "nothing is reserved before the split is accepted")

    def test_mixing_allowed_ships_from_two_groups(self):
        self.make_lot("A", 50)
        self.make_lot("B", 40)
        _order, picking = self.sell(
            (80, {"jiancai_mixing_allowed": True, "jiancai_mixing_reason": "two rooms"})
        )
        lines = self.match(picking)
        self.assertEqual(sorted(lines.lot_id.mapped("jiancai_shade")), ["A", "B"])
        self.assertEqual(sum(lines.mapped("quantity")), 80)

    def test_not_enough_stock(self):
        self.make_lot("A", 10)
        _order, picking = self.sell((80, {}))
        with self.assertRaisesRegex(UserError, "missing"):
            self.match(picking)

    def test_small_leftover_avoided(self):
        self.make_lot("A", 45)  # 40 from it would leave 5 < 10
        better = self.make_lot("A", 60, day="2026-12-01")
        _order, picking = self.sell((40, {}))
        self.assertEqual(self.match(picking).lot_id, better)

    def test_done_or_picked_transfer_is_refused(self):
        self.make_lot("A", 50)
        _order, picking = self.sell((20, {}))
        self.match(picking)
        picking.move_ids.move_line_ids.picked = True
        with self.assertRaisesRegex(UserError, "already picked"):
            self.match(picking)

    def test_guide_cannot_match(self):
        self.make_lot("A", 50)
        _order, picking = self.sell((20, {}))
        with self.assertRaises(AccessError):
            picking.with_user(self.users["guide"]).action_jiancai_match_lots()

    def test_chatter_says_which_limit_stopped_the_proof(self):
        """A result the work limit stopped is the same on every run; one the clock stopped
        may not be: the chatter tells them apart."""
        self.make_lot("A", 100)
        _order, picking = self.sell((60, {}))
        target = "odoo.addons.jiancai_lot.models.stock_picking.allocate"
        cases = (
            ({"optimal": False, "work_limited": True}, "the same on every run"),
            ({"optimal": False, "timed_out": True}, "The time budget ran out"),
        )
        for flags, text in cases:
            stopped = self._stopped_allocate(tuple(flags.items()))
            with patch(target, stopped):
                self.match(picking)
            self.assertIn(text, str(picking.message_ids[0].body))
        self.match(picking)
        body = str(picking.message_ids[0].body)
        self.assertNotIn("time budget", body)
        self.assertNotIn("work limit", body)

    @staticmethod
    def _stopped_allocate(flags):
        """The engine's allocate, its result flagged as if a limit had stopped it."""

        def stopped(*args, **kwargs):
            return replace(allocate(*args, **kwargs), **dict(flags))

        return stopped
