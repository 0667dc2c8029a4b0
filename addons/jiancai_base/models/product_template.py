import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ..engine.boxes import BoxPack, count_boxes, round_up_to_boxes


class ProductTemplate(models.Model):
    """Tiles are sold by the box and priced by the square metre."""

    _name = "product.template"
    _inherit = ["product.template", "jiancai.qr.mixin"]

    jiancai_spec = fields.Char(
        "Specification", help="Size and finish as printed on the price tag, e.g. 800×800 mm 抛釉."
    )
    jiancai_sqm_per_box = fields.Float(
        "m² per Box",
        digits="Product Unit",
        help="Area covered by one box, in the product's unit (m²). When set, quantities "
        "sold are rounded up to whole boxes and documents show the boxes and pieces.",
    )
    jiancai_pieces_per_box = fields.Integer("Pieces per Box")

    @api.constrains("jiancai_sqm_per_box", "jiancai_pieces_per_box")
    def _check_jiancai_box(self):
        for template in self:
            if (
                not math.isfinite(template.jiancai_sqm_per_box)
                or template.jiancai_sqm_per_box < 0
                or template.jiancai_pieces_per_box < 0
            ):
                raise ValidationError(
                    self.env._(
                        "%(product)s: the m² per box and the pieces per box must be zero or more.",
                        product=template.display_name,
                    )
                )

    def _jiancai_box_pack(self):
        """The box of this tile (engine ``BoxPack``), or None when it is not sold in boxes."""
        self.ensure_one()
        return BoxPack.of(self.jiancai_sqm_per_box, self.jiancai_pieces_per_box)

    def _jiancai_whole_box_qty(self, quantity, uom):
        """``quantity`` in ``uom`` rounded up to whole boxes, or None when the rule does not
        apply (not a boxed product, or a unit other than the product's own)."""
        self.ensure_one()
        pack = self._jiancai_box_pack()
        if not pack or not uom or uom != self.uom_id:
            return None
        return float(round_up_to_boxes(quantity, pack).area)

    def _jiancai_box_count_label(self, boxed):
        """'35 boxes (105 pcs)', '35 boxes + 4 pcs', '4 pcs' for an engine ``BoxQuantity``."""
        if abs(boxed.boxes) == 1:
            boxes = self.env._("%(count)s box", count=boxed.boxes)
        else:
            boxes = self.env._("%(count)s boxes", count=boxed.boxes)
        pieces = self._jiancai_pieces_label(boxed.pieces)
        if boxed.boxes and boxed.pieces:
            return f"{boxes} + {pieces}"
        if boxed.pieces:
            return pieces
        if boxed.total_pieces:
            return self.env._(
                "%(boxes)s (%(pieces)s)",
                boxes=boxes,
                pieces=self._jiancai_pieces_label(boxed.total_pieces),
            )
        return boxes

    def _jiancai_pieces_label(self, count):
        if abs(count) == 1:
            return self.env._("%(count)s pc", count=count)
        return self.env._("%(count)s pcs", count=count)

    def _jiancai_box_label(self, quantity, uom=None, with_area=True):
        """``quantity`` (in ``uom``, default the product's) as boxes and pieces with the m²:
        '35 boxes (105 pcs) = 50.40 m²' (without the m² if not ``with_area``); '' when the
        product is not sold in boxes."""
        self.ensure_one()
        pack = self._jiancai_box_pack()
        if not pack:
            return ""
        if uom and uom != self.uom_id:
            quantity = uom._compute_quantity(quantity, self.uom_id, rounding_method="HALF-UP")
        count = self._jiancai_box_count_label(count_boxes(quantity, pack))
        if not with_area:
            return count
        return self.env._(
            "%(count)s = %(area)s %(unit)s",
            count=count,
            area=formatLang(self.env, quantity, dp="Product Unit"),
            unit=self.uom_id.name,
        )
