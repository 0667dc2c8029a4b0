from collections import defaultdict
from dataclasses import replace

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round, str2bool

from odoo.addons.jiancai_base.engine.numbers import NumberError, parse_finite

from ..engine import Allocation, Demand, Lot, Score, allocate, fold_code

DEFAULT_BUDGET_S = 2.0
MIN_BUDGET_S, MAX_BUDGET_S = 0.1, 60.0


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
        """Reserve every colour-lot line of the transfer from the best lots at once.

        When some line has no single group that covers it but a split would, nothing is
        reserved yet: the split wizard shows the proposal, which a user must accept.
        """
        self.ensure_one()
        plan, allocation, unserved = self._jiancai_plan()
        if unserved:
            if all(result.split and not result.shortage for result in unserved.values()):
                return self.env["jiancai.lot.split.wizard"]._open_for(self, plan, unserved)
            message = "\n\n".join(
                self._jiancai_unserved_message(move, result) for move, result in unserved.items()
            )
            return self._jiancai_refuse_match(message)
        self._jiancai_apply(plan)
        self._jiancai_post_matched(plan, allocation)
        return True

    def _jiancai_refuse_match(self, message):
        """Refuse the match; a reservation that breaks a pin does not stay behind.

        Lots chosen by hand that break the pinned shade/caliber/grade (lines not picked)
        are unreserved and the lines reserved again within their pins. A refusal would
        roll that back, so then the refusal is a notification (and a chatter note)
        instead of an error.
        """
        changed = self._jiancai_colour_moves()._jiancai_reserve_within_pins()
        if not changed:
            raise UserError(message)
        note = self.env._(
            "Lots that broke the pinned shade, caliber or grade were unreserved for: %s.",
            ", ".join(changed.product_id.mapped("display_name")),
        )
        self.message_post(body=Markup("<p>%s</p><p>%s</p>") % (message, note))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Colour lots not matched"),
                "message": f"{message}\n{note}",
                "type": "danger",
                "sticky": True,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _jiancai_post_matched(self, plan, allocation):
        lots = sum(len(picks) for move, picks in plan.items() if move.picking_id == self)
        lines = sum(1 for move in plan if move.picking_id == self)
        body = self.env._("Colour lots matched: %(lots)s lot(s) for %(lines)s line(s).",
                          lots=lots, lines=lines)  # fmt: skip
        if allocation.timed_out:
            body += " " + self.env._(
                "The time budget ran out before the optimum was proven; the result is the "
                "best found."
            )
        elif allocation.work_limited:
            body += " " + self.env._(
                "The work limit was reached before the optimum was proven; the result is the "
                "best found, the same on every run."
            )
        self.message_post(body=body)
        for other in self.env["stock.move"].union(*plan).picking_id - self:
            other.message_post(
                body=self.env._(
                    "Colour lots re-planned together with the later delivery %s.", self.name
                )
            )

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
                    shade=fold_code(lot.jiancai_shade),
                    caliber=fold_code(lot.jiancai_caliber),
                    grade=fold_code(lot.jiancai_grade),
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
                    shade=fold_code(line.jiancai_shade) or None,
                    caliber=fold_code(line.jiancai_caliber) or None,
                    grade=fold_code(line.jiancai_grade) or None,
                    mixing_allowed=line.jiancai_mixing_allowed,
                )
            )
        return lots, demands

    def _jiancai_joint_moves(self, moves):
        """Colour-lot moves of earlier confirmed deliveries to plan together with ``moves``.

        Only when the setting is on: deliveries from the same location, scheduled before
        this one, with the same products; lines matched by hand or already picked, and
        transfers that are done, cancelled or waiting, stay as they are.
        """
        param = self.env["ir.config_parameter"].sudo().get_param("jiancai_lot.joint_earlier")
        if not str2bool(param or "False") or self.picking_type_code != "outgoing":
            return self.env["stock.move"]
        earlier = self.env["stock.move"].search(
            [
                ("picking_id", "!=", self.id),
                ("picking_id.picking_type_code", "=", "outgoing"),
                ("picking_id.state", "in", ("confirmed", "assigned")),
                ("picking_id.scheduled_date", "<", self.scheduled_date),
                ("picking_id.location_id", "=", self.location_id.id),
                ("product_id", "in", moves.product_id.ids),
                ("state", "in", ("confirmed", "partially_available", "assigned")),
                ("jiancai_lot_by_hand", "=", False),
                ("company_id", "=", self.company_id.id),
            ]
        )
        return earlier.filtered(lambda m: not any(m.move_line_ids.mapped("picked")))

    def _jiancai_budget(self):
        """Seconds the matching may take; a setting that is not a sane duration is 2 s.

        float() took "inf" (matching that never stops), "nan" and raised on "abc" at
        every delivery.
        """
        value = self.env["ir.config_parameter"].sudo().get_param("jiancai_lot.time_budget")
        try:
            return parse_finite(value, MIN_BUDGET_S, MAX_BUDGET_S)
        except NumberError:
            return DEFAULT_BUDGET_S

    def _jiancai_plan(self, joint=True):
        """Plan the colour-lot lines of this transfer (and earlier ones, see the setting).

        Returns (plan, allocation, unserved): plan is {move: [(quant, qty in product
        unit)]} for every served move, unserved is {move of this transfer: LineResult}.
        An earlier delivery's line that cannot be served is left out of the plan with its
        reservation untouched; when the joint solution would leave an earlier line unserved
        that the earlier deliveries alone can serve, they are planned first and this one
        takes what is left.
        """
        own = self._jiancai_check_matchable()
        earlier = self._jiancai_joint_moves(own) if joint else self.env["stock.move"]
        while True:
            moves = own | earlier
            free = self._jiancai_candidate_quants(moves)
            lots, demands = self._jiancai_engine_input(moves, free)
            allocation = allocate(lots, demands, time_budget=self._jiancai_budget())
            lost = earlier.filtered(lambda m, a=allocation: not a.lines[m.id].served)
            if lost:
                sequential = self._jiancai_earlier_first(lots, demands, earlier)
                if sequential is not None:
                    allocation = sequential
                    lost = earlier.filtered(lambda m, a=allocation: not a.lines[m.id].served)
            if not lost:
                break
            earlier -= lost  # keep their reservation; plan again without them
        by_id = {quant.id: quant for quant in free}
        plan, unserved = {}, {}
        for move in moves:
            result = allocation.lines[move.id]
            if not result.served:
                unserved[move] = result
                continue
            scale = self._jiancai_scale(move.product_id)
            plan[move] = [(by_id[quant_id], qty / scale) for quant_id, qty in result.picks]
        return plan, allocation, unserved

    def _jiancai_earlier_first(self, lots, demands, earlier):
        """Earlier lines alone first, this transfer from what they leave; None if that
        does not serve more earlier lines than solving them all together."""
        budget = self._jiancai_budget() / 2
        early_ids = set(earlier.ids)
        first = allocate(lots, [d for d in demands if d.line_id in early_ids], budget)
        if not all(first.lines[m.id].served for m in earlier):
            return None
        taken = defaultdict(int)
        for result in first.lines.values():
            for lot_id, qty in result.picks:
                taken[lot_id] += qty
        rest = [replace(lot, qty=lot.qty - taken[lot.id]) for lot in lots]
        second = allocate(rest, [d for d in demands if d.line_id not in early_ids], budget)
        return Allocation(
            lines={**first.lines, **second.lines},
            score=first.score + second.score,
            optimal=False,
            bound=Score(),
            seconds=first.seconds + second.seconds,
            solver=second.solver,
            notes=["earlier deliveries planned first", *first.notes, *second.notes],
            timed_out=first.timed_out or second.timed_out,
            work=first.work + second.work,
            work_limited=first.work_limited or second.work_limited,
        )

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
            "groups that do: %(parts)s. To ship it that way, accept the split with a reason "
            "(Match Colour Lots proposes it), or allow mixing on the sale order line.",
            product=product,
            qty=move.product_qty,
            parts=parts,
        )

    def _jiancai_apply(self, plan, by_hand=False):
        """Replace the moves' reservation by move lines of the planned lots."""
        moves = self.env["stock.move"].union(*plan)
        moves._do_unreserve()
        moves.write({"jiancai_lot_by_hand": by_hand})
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
