from odoo import models

from ..engine import fold_code, same_code
from .stock_move import PIN_FIELDS


class StockPicking(models.Model):
    """The colour-lot rules a delivery passes when its goods are released."""

    _inherit = "stock.picking"

    def _jiancai_gate_colour_moves(self):
        return self.move_ids.filtered(
            lambda m: m.product_id.jiancai_colour_lot
            and m.state not in ("draft", "done", "cancel")
            and m.quantity
        )

    def _jiancai_gate_lot_pins(self, gate):
        """Every lot shipped for a line keeps the shade, caliber and grade pinned on it."""
        issues = []
        for picking in self:
            broken = []
            for move in picking.sudo()._jiancai_gate_colour_moves():
                line = move.sale_line_id
                for ml in move.move_line_ids.filtered(lambda ml: ml.quantity and ml.lot_id):
                    for field in PIN_FIELDS:
                        pinned = line[field] if line else False
                        if pinned and not same_code(ml.lot_id[field], pinned):
                            broken.append(
                                self.env._(
                                    "%(product)s: lot %(lot)s is %(field)s %(actual)s, the "
                                    "order asks for %(pinned)s.",
                                    product=move.product_id.display_name,
                                    lot=ml.lot_id.name,
                                    field=ml.lot_id._fields[field]._description_string(self.env),
                                    actual=ml.lot_id[field] or "-",
                                    pinned=pinned,
                                )
                            )
            if broken:
                issues.append(
                    picking._jiancai_gate_issue(
                        "\n".join(broken),
                        hint=self.env._(
                            "Match Colour Lots again (it reserves only lots that keep the "
                            "pins), or change the pin on the sale order line."
                        ),
                    )
                )
        return issues

    def _jiancai_gate_lot_matched(self, gate):
        """Every colour-lot line ships from lots, one shade/caliber/grade group per line
        unless mixing is allowed on its sale order line (or a split was accepted)."""
        issues = []
        for picking in self:
            problems = []
            for move in picking.sudo()._jiancai_gate_colour_moves():
                lines = move.move_line_ids.filtered("quantity")
                product = move.product_id.display_name
                if lines.filtered(lambda ml: not ml.lot_id):
                    problems.append(
                        self.env._("%(product)s: some boxes have no lot.", product=product)
                    )
                    continue
                groups = {
                    (
                        fold_code(lot.jiancai_shade),
                        fold_code(lot.jiancai_caliber),
                        fold_code(lot.jiancai_grade),
                    )
                    for lot in lines.lot_id
                }
                if len(groups) > 1 and not move.sale_line_id.jiancai_mixing_allowed:
                    problems.append(
                        self.env._(
                            "%(product)s ships from %(count)s shade groups: %(lots)s.",
                            product=product,
                            count=len(groups),
                            lots=", ".join(lines.lot_id.mapped("display_name")),
                        )
                    )
            if problems:
                issues.append(
                    picking._jiancai_gate_issue(
                        "\n".join(problems),
                        hint=self.env._(
                            "Press Match Colour Lots on the delivery (or accept the split "
                            "it proposes)."
                        ),
                    )
                )
        return issues
