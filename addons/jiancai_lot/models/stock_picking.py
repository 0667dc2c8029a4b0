from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

from ..engine import Demand, Lot, allocate


class StockPicking(models.Model):
    _inherit = "stock.picking"

    jiancai_has_colour_lots = fields.Boolean(compute="_compute_jiancai_has_colour_lots")

    @api.depends("move_ids.product_id.jiancai_colour_lot", "state")
    def _compute_jiancai_has_colour_lots(self):
        for picking in self:
            picking.jiancai_has_colour_lots = bool(
                picking.state not in ("draft", "done", "cancel") and picking._jiancai_colour_moves()
            )

    # ------------------------------------------------------------------ actions

    def action_jiancai_match_lots(self):
        """Reserve every colour-lot line of the transfer from the best lots at once."""
        self.ensure_one()
        plan, allocation = self._jiancai_plan()
        self._jiancai_apply(plan)
        body = self.env._("Colour lots matched: %(lots)s lot(s) for %(lines)s line(s).",
                          lots=allocation.score.lots, lines=len(plan))  # fmt: skip
        if not allocation.optimal:
            body += " " + self.env._(
                "The time budget ran out before the optimum was proven; the result is the "
                "best found."
            )
        self.message_post(body=body)
        return True

    def action_jiancai_match_lots_by_hand(self):
        self.ensure_one()
        wizard = self.env["jiancai.lot.match.wizard"].create({"picking_id": self.id})
        wizard._fill_from_proposal()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Match Colour Lots by Hand"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------ business

    def _jiancai_colour_moves(self):
        return self.move_ids.filtered(
            lambda m: m.product_id.jiancai_colour_lot and m.state not in ("draft", "done", "cancel")
        )

    def _jiancai_check_matchable(self):
        self.ensure_one()
        if self.state in ("draft", "done", "cancel"):
            raise UserError(
                self.env._("Only a confirmed transfer can be matched to colour lots: %s", self.name)
            )
        moves = self._jiancai_colour_moves()
        if not moves:
            raise UserError(
                self.env._("%s has no product managed by colour lot to match.", self.name)
            )
        if any(ml.picked for ml in moves.move_line_ids):
            raise UserError(
                self.env._(
                    "Some colour-lot lines of %s are already picked: unpick them before "
                    "matching again.",
                    self.name,
                )
            )
        return moves

    @api.model
    def _jiancai_scale(self, product):
        """Integer units per product unit, so the engine works on whole numbers."""
        return round(1 / (product.uom_id.rounding or 1.0))

    def _jiancai_candidate_quants(self, moves):
        """Quants the moves may take: {quant: quantity free for them (product unit)}.

        Free = on hand - reserved by anything else; what these moves reserve already counts
        as free, since matching replaces it.
        """
        own = defaultdict(float)
        for ml in moves.move_line_ids:
            own[ml.product_id, ml.lot_id, ml.location_id, ml.package_id] += ml.quantity_product_uom
        quants = self.env["stock.quant"].search(
            [
                ("product_id", "in", moves.product_id.ids),
                ("location_id", "child_of", self.location_id.id),
                ("lot_id", "!=", False),
                ("quantity", ">", 0),
            ]
        )
        free = {}
        for quant in quants:
            if quant.location_id.should_bypass_reservation():
                continue
            key = (quant.product_id, quant.lot_id, quant.location_id, quant.package_id)
            qty = quant.quantity - quant.reserved_quantity + own.get(key, 0.0)
            if qty > 0:
                free[quant] = qty
        return free

    def _jiancai_engine_input(self, moves, free):
        lots = []
        for quant, qty in free.items():
            product = quant.product_id
            scale = self._jiancai_scale(product)
            lot = quant.lot_id
            lots.append(
                Lot(
                    id=quant.id,
                    product=product.id,
                    shade=lot.jiancai_shade or "",
                    caliber=lot.jiancai_caliber or "",
                    grade=lot.jiancai_grade or "",
                    qty=int(float_round(qty * scale, precision_digits=0)),
                    location=quant.location_id.id,
                    production_date=lot.jiancai_production_date,
                    small_threshold=int(
                        float_round(product.jiancai_small_lot_threshold * scale, precision_digits=0)
                    ),
                )
            )
        demands = []
        for move in moves:
            line = move.sale_line_id
            scale = self._jiancai_scale(move.product_id)
            demands.append(
                Demand(
                    line_id=move.id,
                    product=move.product_id.id,
                    qty=int(float_round(move.product_qty * scale, precision_digits=0)),
                    shade=line.jiancai_shade or None,
                    caliber=line.jiancai_caliber or None,
                    grade=line.jiancai_grade or None,
                    mixing_allowed=line.jiancai_mixing_allowed,
                )
            )
        return lots, demands

    def _jiancai_plan(self):
        """{move: [(quant, qty in product unit)]} from the engine, or a UserError."""
        moves = self._jiancai_check_matchable()
        free = self._jiancai_candidate_quants(moves)
        lots, demands = self._jiancai_engine_input(moves, free)
        budget = float(
            self.env["ir.config_parameter"].sudo().get_param("jiancai_lot.time_budget", "2.0")
        )
        allocation = allocate(lots, demands, time_budget=budget)
        problems = [
            self._jiancai_unserved_message(self.env["stock.move"].browse(r.line_id), r)
            for r in allocation.lines.values()
            if not r.served
        ]
        if problems:
            raise UserError("\n\n".join(problems))
        quants = self.env["stock.quant"].browse([lot.id for lot in lots])
        by_id = {quant.id: quant for quant in quants}
        plan = {}
        for move in moves:
            scale = self._jiancai_scale(move.product_id)
            plan[move] = [
                (by_id[quant_id], qty / scale) for quant_id, qty in allocation.lines[move.id].picks
            ]
        return plan, allocation

    def _jiancai_unserved_message(self, move, result):
        product = move.product_id.display_name
        if not result.split:
            return self.env._(
                "%(product)s: no compatible colour lot is available for %(qty)s.",
                product=product,
                qty=move.product_qty,
            )
        scale = self._jiancai_scale(move.product_id)
        parts = ", ".join(
            "{} ({})".format(" / ".join(part.group), sum(q for _l, q in part.picks) / scale)
            for part in result.split
        )
        if result.shortage:
            return self.env._(
                "%(product)s: not enough stock in all shades together; %(short)s is missing "
                "(available: %(parts)s).",
                product=product,
                short=result.shortage / scale,
                parts=parts,
            )
        return self.env._(
            "%(product)s: no single shade/caliber/grade group covers %(qty)s. The fewest "
            "groups that do: %(parts)s. To ship it that way, allow mixing on the sale order "
            "line and give the reason, then match again.",
            product=product,
            qty=move.product_qty,
            parts=parts,
        )

    def _jiancai_apply(self, plan):
        """Replace the moves' reservation by move lines of the planned lots."""
        moves = self.env["stock.move"].union(*plan)
        moves._do_unreserve()
        vals_list = []
        for move, picks in plan.items():
            for quant, qty in picks:
                vals_list.append(
                    {
                        "move_id": move.id,
                        "picking_id": move.picking_id.id,
                        "product_id": move.product_id.id,
                        "product_uom_id": move.product_id.uom_id.id,
                        "location_id": quant.location_id.id,
                        "location_dest_id": move.location_dest_id.id,
                        "lot_id": quant.lot_id.id,
                        "package_id": quant.package_id.id,
                        "owner_id": quant.owner_id.id,
                        "quantity": qty,
                    }
                )
        return self.env["stock.move.line"].create(vals_list)
