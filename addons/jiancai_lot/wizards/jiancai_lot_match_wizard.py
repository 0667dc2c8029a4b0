from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..engine import same_code


class JiancaiLotMatchWizard(models.TransientModel):
    """Hand override of the colour matching (手工配色)."""

    _name = "jiancai.lot.match.wizard"
    _description = "Match Colour Lots by Hand"

    picking_id = fields.Many2one("stock.picking", required=True, ondelete="cascade")
    line_ids = fields.One2many("jiancai.lot.match.wizard.line", "wizard_id", "Candidate Lots")
    proposal_note = fields.Char(readonly=True)

    def _fill_from_proposal(self):
        """One line per move and candidate lot, the engine's proposal pre-filled."""
        self.ensure_one()
        picking = self.picking_id
        moves = picking._jiancai_check_matchable()
        plan, _allocation, unserved = picking._jiancai_plan(joint=False)
        if unserved:
            plan = {}
            self.proposal_note = "\n\n".join(
                picking._jiancai_unserved_message(move, result) for move, result in unserved.items()
            )
        proposed = {
            (move.id, quant.id): qty for move, picks in plan.items() for quant, qty in picks
        }
        free = picking._jiancai_candidate_quants(moves)
        vals_list = []
        for move in moves:
            pins = move.sale_line_id
            for quant, available in free.items():
                lot = quant.lot_id
                if quant.product_id != move.product_id:
                    continue
                if any(
                    pin and not same_code(pin, value)
                    for pin, value in (
                        (pins.jiancai_shade, lot.jiancai_shade),
                        (pins.jiancai_caliber, lot.jiancai_caliber),
                        (pins.jiancai_grade, lot.jiancai_grade),
                    )
                ):
                    continue
                vals_list.append(
                    {
                        "wizard_id": self.id,
                        "move_id": move.id,
                        "quant_id": quant.id,
                        "available_qty": available,
                        "qty": proposed.get((move.id, quant.id), 0.0),
                    }
                )
        self.env["jiancai.lot.match.wizard.line"].create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        picking = self.picking_id
        moves = picking._jiancai_check_matchable()
        plan = defaultdict(list)
        per_quant = defaultdict(float)
        for line in self.line_ids:
            if line.qty < 0:
                raise UserError(
                    self.env._("A quantity cannot be negative (lot %s).", line.lot_id.name)
                )
            if line.qty:
                plan[line.move_id].append((line.quant_id, line.qty))
                per_quant[line.quant_id] += line.qty
        free = picking._jiancai_candidate_quants(moves)
        for quant, qty in per_quant.items():
            rounding = quant.product_id.uom_id.rounding
            if float_compare(qty, free.get(quant, 0.0), precision_rounding=rounding) > 0:
                raise UserError(
                    self.env._(
                        "Lot %(lot)s in %(location)s has %(free)s available, %(qty)s were "
                        "allocated: lower the quantities.",
                        lot=quant.lot_id.name,
                        location=quant.location_id.display_name,
                        free=free.get(quant, 0.0),
                        qty=qty,
                    )
                )
        for move in moves:
            picks = plan.get(move, [])
            total = sum(qty for _quant, qty in picks)
            rounding = move.product_id.uom_id.rounding
            if float_compare(total, move.product_qty, precision_rounding=rounding):
                raise UserError(
                    self.env._(
                        "%(product)s needs %(need)s, %(qty)s were allocated.",
                        product=move.product_id.display_name,
                        need=move.product_qty,
                        qty=total,
                    )
                )
            groups = {quant.lot_id.jiancai_colour_group for quant, _qty in picks}
            if len(groups) > 1 and not move.sale_line_id.jiancai_mixing_allowed:
                raise UserError(
                    self.env._(
                        "%(product)s would mix colour groups (%(groups)s). A line ships from "
                        "one shade, caliber and grade unless mixing is allowed on its sale "
                        "order line, with a reason.",
                        product=move.product_id.display_name,
                        groups=", ".join(sorted(g or "-" for g in groups)),
                    )
                )
        picking._jiancai_apply(dict(plan), by_hand=True)
        picking.message_post(body=self.env._("Colour lots matched by hand."))
        return {"type": "ir.actions.act_window_close"}
