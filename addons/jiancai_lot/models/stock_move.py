from odoo import fields, models

from ..engine import same_code

PIN_FIELDS = ("jiancai_shade", "jiancai_caliber", "jiancai_grade")


class StockMove(models.Model):
    _inherit = "stock.move"

    jiancai_lot_by_hand = fields.Boolean(
        "Colour Lots Matched by Hand",
        copy=False,
        help="Set by the hand override: joint matching of later deliveries leaves this "
        "line's lots alone.",
    )

    jiancai_pin_label = fields.Char(
        "Pinned",
        compute="_compute_jiancai_pin_label",
        help="Shade, caliber and grade the customer was sold (sale order line): the lots "
        "picked for this line must keep them.",
    )

    def _compute_jiancai_pin_label(self):
        labels = {
            "jiancai_shade": self.env._("Shade"),
            "jiancai_caliber": self.env._("Caliber"),
            "jiancai_grade": self.env._("Grade"),
        }
        for move in self:
            pins = move._jiancai_pins() if move.product_id else {}
            move.jiancai_pin_label = " · ".join(
                f"{labels[field]} {code}" for field, code in pins.items()
            )

    def _jiancai_pins(self):
        """{field: code} pinned on the sale order line of this colour-lot move."""
        self.ensure_one()
        line = self.sale_line_id.sudo()
        if not (line and self.product_id.jiancai_colour_lot):
            return {}
        return {field: line[field] for field in PIN_FIELDS if line[field]}

    def _jiancai_pinned_lots(self):
        """The product's lots that keep the pins of this move; None when nothing is pinned."""
        pins = self._jiancai_pins()
        if not pins:
            return None
        lots = self.env["stock.lot"].sudo().search([("product_id", "=", self.product_id.id)])
        return lots.filtered(
            lambda lot: all(same_code(lot[field], code) for field, code in pins.items())
        )

    def _update_reserved_quantity_vals(
        self, need, location_id, lot_id=None, package_id=None, owner_id=None, strict=True
    ):
        """Odoo's own reservation (confirmation, Check Availability, chained moves) takes
        only lots that keep the pins of the sale order line.

        Odoo gathers the quants to reserve with ``stock.quant._get_gather_domain``; the
        allowed lots reach it in the context for this call only (see stock_quant.py).
        """
        lots = self._jiancai_pinned_lots()
        if lots is None:
            return super()._update_reserved_quantity_vals(
                need, location_id, lot_id, package_id, owner_id, strict
            )
        if lot_id and lot_id not in lots:
            return [], 0
        pinned = self.with_context(jiancai_lot_pinned_lot_ids=lots.ids)
        return super(StockMove, pinned)._update_reserved_quantity_vals(
            need, location_id, lot_id, package_id, owner_id, strict
        )

    def _get_available_quantity(
        self,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
        allow_negative=False,
    ):
        """What this move could reserve: only from lots that keep its pins."""
        lots = self._jiancai_pinned_lots()
        if lots is None or location_id.should_bypass_reservation():
            return super()._get_available_quantity(
                location_id, lot_id, package_id, owner_id, strict, allow_negative
            )
        if lot_id and lot_id not in lots:
            return 0.0
        pinned = self.with_context(jiancai_lot_pinned_lot_ids=lots.ids)
        return super(StockMove, pinned)._get_available_quantity(
            location_id, lot_id, package_id, owner_id, strict, allow_negative
        )

    def _jiancai_reserve_within_pins(self):
        """Drop reserved lots that break the pins (lines not picked yet) and reserve the
        moves again from lots that keep them; returns the moves that changed."""
        changed = self.env["stock.move"]
        for move in self.filtered(lambda m: m.state not in ("draft", "done", "cancel")):
            lots = move._jiancai_pinned_lots()
            if lots is None:
                continue
            broken = move.move_line_ids.filtered(
                lambda ml, lots=lots: ml.lot_id and ml.lot_id not in lots and not ml.picked
            )
            if broken:
                broken.unlink()
                changed |= move
        if changed:
            changed._recompute_state()
            changed._action_assign()
        return changed
