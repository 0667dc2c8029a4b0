from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare


class JiancaiLotSplitWizard(models.TransientModel):
    """Accept the proposed split of lines no single colour group can cover."""

    _name = "jiancai.lot.split.wizard"
    _description = "Accept a Colour Lot Split"

    picking_id = fields.Many2one("stock.picking", required=True, ondelete="cascade")
    line_ids = fields.One2many("jiancai.lot.split.wizard.line", "wizard_id", "Lines to Split")
    reason = fields.Char(help="Why these lines may ship from several shades (e.g. two rooms).")
    # the whole reservation to write on acceptance: [[move id, quant id, qty], ...]
    plan_data = fields.Json(readonly=True)

    def _open_for(self, picking, plan, unserved):
        """A wizard showing ``unserved`` lines' splits, the rest of ``plan`` kept as is."""
        rows = [[move.id, quant.id, qty] for move, picks in plan.items() for quant, qty in picks]
        quants = self.env["stock.quant"].browse(
            [lot_id for result in unserved.values() for part in result.split
             for lot_id, _qty in part.picks]
        )  # fmt: skip
        line_vals = []
        for move, result in unserved.items():
            scale = picking._jiancai_scale(move.product_id)
            parts = []
            for part in result.split:
                qty = sum(q for _lot, q in part.picks) / scale
                lots = ", ".join(quants.browse(lot_id).lot_id.name for lot_id, _q in part.picks)
                parts.append(f"{' / '.join(part.group)}: {qty:g} ({lots})")
                rows.extend([move.id, lot_id, q / scale] for lot_id, q in part.picks)
            line_vals.append(
                {
                    "move_id": move.id,
                    "group_count": len(result.split),
                    "proposal": "; ".join(parts),
                }
            )
        wizard = self.create(
            {
                "picking_id": picking.id,
                "plan_data": rows,
                "line_ids": [(0, 0, vals) for vals in line_vals],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accept Colour Lot Split"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_accept(self):
        """Allow mixing on the split lines (who and why in the chatter) and reserve."""
        self.ensure_one()
        self.check_access("write")
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(
                self.env._("Say why these lines may ship from several shades, then accept.")
            )
        picking = self.picking_id
        picking._jiancai_check_matchable()
        moves = self.env["stock.move"].browse({row[0] for row in self.plan_data}).exists()
        plan = defaultdict(list)
        per_quant = defaultdict(float)
        for move_id, quant_id, qty in self.plan_data:
            quant = self.env["stock.quant"].browse(quant_id).exists()
            move = moves.browse(move_id)
            if not quant or move not in moves or move.state in ("done", "cancel"):
                raise self._stale()
            plan[move].append((quant, qty))
            per_quant[quant] += qty
        if any(ml.picked for ml in moves.move_line_ids):
            raise self._stale()
        free = picking._jiancai_candidate_quants(moves)
        for quant, qty in per_quant.items():
            rounding = quant.product_id.uom_id.rounding
            if float_compare(qty, free.get(quant, 0.0), precision_rounding=rounding) > 0:
                raise self._stale()
        split_moves = self.line_ids.move_id
        # warehouse keepers accept splits without sales rights: the allowance is written
        # as the system, who accepted and why is in both chatters under their name
        split_moves.sale_line_id.sudo().write(
            {"jiancai_mixing_allowed": True, "jiancai_mixing_reason": reason}
        )
        picking._jiancai_apply(dict(plan))
        summary = "; ".join(
            f"{line.move_id.product_id.display_name}: {line.proposal}" for line in self.line_ids
        )
        body = self.env._(
            "Colour lot split accepted by %(user)s. Reason: %(reason)s. %(lines)s",
            user=self.env.user.name,
            reason=reason,
            lines=summary,
        )
        picking.message_post(body=body)
        for order in split_moves.sale_line_id.order_id:
            order.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)
        return {"type": "ir.actions.act_window_close"}

    def _stale(self):
        return UserError(
            self.env._(
                "The stock or the delivery changed since the split was proposed: close this "
                "window and press Match Colour Lots again."
            )
        )
