from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestSplitAccept(ColourLotCase):
    def propose(self, picking):
        action = picking.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(action["res_model"], "jiancai.lot.split.wizard")
        return (
            self.env[action["res_model"]]
            .with_user(self.users["warehouse"])
            .browse(action["res_id"])
        )

    def test_accept_split_allows_mixing_and_reserves_the_proposal(self):
        lot_a = self.make_lot("A", 50)
        lot_b = self.make_lot("B", 40)
        # covers either line alone; 80 from it would leave a small 5, so it ships the 60
        lot_c = self.make_lot("C", 85)
        order, picking = self.sell((80, {}), (60, {}))
        wizard = self.propose(picking)
        split_move = wizard.line_ids.move_id
        self.assertEqual(split_move.product_uom_qty, 80)
        with self.assertRaisesRegex(UserError, "Say why"):
            wizard.action_accept()
        self.assertFalse(split_move.sale_line_id.jiancai_mixing_allowed)
        wizard.reason = "kitchen and balcony"
        wizard.action_accept()
        line = split_move.sale_line_id
        self.assertTrue(line.jiancai_mixing_allowed)
        self.assertEqual(line.jiancai_mixing_reason, "kitchen and balcony")
        self.assertEqual(split_move.move_line_ids.lot_id, lot_a | lot_b)
        self.assertEqual(sum(split_move.move_line_ids.mapped("quantity")), 80)
        other = picking.move_ids - split_move
        self.assertEqual(other.move_line_ids.lot_id, lot_c, "the other line: one lot")
        self.assertEqual(other.move_line_ids.quantity, 60)
        self.assertEqual(picking.state, "assigned")
        name = self.users["warehouse"].name
        for record in (picking, order):
            message = record.message_ids[0]
            self.assertIn("split accepted by " + name, message.body)
            self.assertIn("kitchen and balcony", message.body)
        self.assertEqual(picking.message_ids[0].author_id, self.users["warehouse"].partner_id)

    def test_stale_split_is_refused(self):
        self.make_lot("A", 50)
        lot_b = self.make_lot("B", 40)
        _order, picking = self.sell((80, {}))
        wizard = self.propose(picking)
        wizard.reason = "two rooms"
        # meanwhile Odoo's own reservation is released and another delivery takes the B lot
        picking.do_unreserve()
        _o2, other = self.sell((40, {"jiancai_shade": "B"}))
        other.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(other.move_ids.move_line_ids.lot_id, lot_b)
        with self.assertRaisesRegex(UserError, "changed since the split was proposed"):
            wizard.action_accept()
        self.assertFalse(picking.move_ids.sale_line_id.jiancai_mixing_allowed)

    def test_guide_cannot_accept(self):
        self.make_lot("A", 50)
        self.make_lot("B", 40)
        _order, picking = self.sell((80, {}))
        wizard = self.propose(picking)
        with self.assertRaises(AccessError):
            wizard.with_user(self.users["guide"]).write({"reason": "x"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.users["guide"]).action_accept()


@tagged("post_install", "-at_install")
class TestJointMatching(ColourLotCase):
    def setUp(self):
        super().setUp()
        self.old = self.make_lot("A", 60, day="2026-07-01")
        self.new = self.make_lot("B", 100, day="2026-09-01")
        self.env["ir.config_parameter"].set_param("jiancai_lot.joint_earlier", "True")

    def two_deliveries(self, first_qty, second_qty):
        _o1, first = self.sell((first_qty, {}))
        _o2, second = self.sell((second_qty, {}))
        first.scheduled_date = second.scheduled_date - timedelta(days=1)
        return first, second

    def lots_of(self, picking):
        return [(ml.lot_id, ml.quantity) for ml in picking.move_ids.move_line_ids]

    def test_later_match_replans_earlier_delivery_into_one_group(self):
        first, second = self.two_deliveries(80, 30)
        # Odoo's FIFO reserved the older lot first, crossing shades for the first delivery
        self.assertEqual(len(first.move_ids.move_line_ids), 2)
        second.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(self.lots_of(first), [(self.new, 80)])
        self.assertEqual(self.lots_of(second), [(self.old, 30)])
        self.assertIn("re-planned together with", first.message_ids[0].body)

    def test_setting_off_leaves_earlier_delivery_alone(self):
        self.env["ir.config_parameter"].set_param("jiancai_lot.joint_earlier", "False")
        first, second = self.two_deliveries(80, 30)
        before = self.lots_of(first)
        second.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(self.lots_of(first), before)
        self.assertEqual(second.move_ids.move_line_ids.lot_id, self.new, "what FIFO left")

    def test_hand_matched_earlier_delivery_is_kept(self):
        first, second = self.two_deliveries(50, 30)
        wizard = self.env["jiancai.lot.match.wizard"].browse(
            first.with_user(self.users["warehouse"]).action_jiancai_match_lots_by_hand()["res_id"]
        )
        for line in wizard.line_ids:
            line.qty = 50 if line.lot_id == self.new else 0
        wizard.action_confirm()
        self.assertTrue(first.move_ids.jiancai_lot_by_hand)
        second.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(self.lots_of(first), [(self.new, 50)])
        self.assertEqual(second.move_ids.move_line_ids.lot_id, self.old)

    def test_later_delivery_does_not_take_what_the_earlier_needs(self):
        # only the B lot covers 90 in one group: the earlier delivery keeps that, the later
        # one is proposed a split of what is left (A 60 + C 30)
        lot_c = self.make_lot("C", 30, day="2026-10-01")
        first, second = self.two_deliveries(90, 90)
        action = second.with_user(self.users["warehouse"]).action_jiancai_match_lots()
        self.assertEqual(action["res_model"], "jiancai.lot.split.wizard")
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(wizard.line_ids.move_id, second.move_ids)
        wizard.with_user(self.users["warehouse"]).reason = "two rooms"
        wizard.with_user(self.users["warehouse"]).action_accept()
        self.assertEqual(self.lots_of(first), [(self.new, 90)])
        self.assertEqual(
            sorted(self.lots_of(second), key=lambda r: r[0].id), [(self.old, 60), (lot_c, 30)]
        )

    def test_setting_is_stored_as_a_parameter(self):
        settings = self.env["res.config.settings"].create(
            {"jiancai_lot_joint_earlier": False, "jiancai_lot_time_budget": 3.5}
        )
        settings.execute()
        params = self.env["ir.config_parameter"]
        self.assertFalse(params.get_param("jiancai_lot.joint_earlier"))
        self.assertEqual(params.get_param("jiancai_lot.time_budget"), "3.5")
        self.assertEqual(self.env["stock.picking"]._jiancai_budget(), 3.5)

    def test_time_budget_that_is_not_a_duration_falls_back(self):
        """ "inf" made matching run for ever, "abc" raised at every delivery."""
        params = self.env["ir.config_parameter"]
        Picking = self.env["stock.picking"]
        for value in ("nan", "inf", "Infinity", "1e309", "abc", "-1", "0", "86400"):
            with self.subTest(value=value):
                params.set_param("jiancai_lot.time_budget", value)
                self.assertEqual(Picking._jiancai_budget(), 2.0)
        params.set_param("jiancai_lot.time_budget", "５")
        self.assertEqual(Picking._jiancai_budget(), 5.0)
