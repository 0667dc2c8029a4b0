from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestMatchWizard(ColourLotCase):
    def open_wizard(self, picking):
        action = picking.with_user(self.users["warehouse"]).action_jiancai_match_lots_by_hand()
        return (
            self.env[action["res_model"]]
            .with_user(self.users["warehouse"])
            .browse(action["res_id"])
        )

    def test_proposal_prefilled_and_changed_by_hand(self):
        fit = self.make_lot("A", 60)
        other = self.make_lot("A", 100)
        self.make_lot("B", 100)
        _order, picking = self.sell((60, {"jiancai_shade": "A"}))
        wizard = self.open_wizard(picking)
        self.assertEqual(wizard.line_ids.lot_id, fit | other, "only lots of the pinned shade")
        self.assertEqual(wizard.line_ids.filtered("qty").lot_id, fit)
        with Form(wizard) as form:
            for index, line in enumerate(wizard.line_ids):
                with form.line_ids.edit(index) as row:
                    row.qty = 60 if line.lot_id == other else 0
        wizard.action_confirm()
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, other)

    def test_mixing_refused(self):
        self.make_lot("A", 50)
        self.make_lot("B", 50)
        _order, picking = self.sell((60, {}))
        before = [(ml.lot_id, ml.quantity) for ml in picking.move_ids.move_line_ids]
        wizard = self.open_wizard(picking)
        self.assertIn("fewest groups", wizard.proposal_note)
        self.assertFalse(wizard.line_ids.filtered("qty"), "nothing proposed")
        for line in wizard.line_ids:
            line.qty = 30
        with self.assertRaisesRegex(UserError, "would mix colour groups"):
            wizard.action_confirm()
        after = [(ml.lot_id, ml.quantity) for ml in picking.move_ids.move_line_ids]
        self.assertEqual(before, after)

    def test_over_allocation_refused(self):
        self.make_lot("A", 50)
        _order, picking = self.sell((60, {}))
        wizard = self.open_wizard(picking)
        wizard.line_ids.qty = 60
        with self.assertRaisesRegex(UserError, "50.0 available"):
            wizard.action_confirm()

    def test_short_allocation_refused(self):
        self.make_lot("A", 100)
        _order, picking = self.sell((60, {}))
        wizard = self.open_wizard(picking)
        wizard.line_ids.qty = 20
        with self.assertRaisesRegex(UserError, "needs 60.0, 20.0 were allocated"):
            wizard.action_confirm()
