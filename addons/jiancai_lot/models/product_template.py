from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    jiancai_colour_lot = fields.Boolean(
        "Managed by Colour Lot",
        help="Each lot of this product is one production batch with its own shade, caliber "
        "and grade; deliveries are matched to lots automatically.",
    )
    jiancai_small_lot_threshold = fields.Float(
        "Small Leftover Below",
        digits="Product Unit",
        help="A lot left with less than this quantity (in the product's unit) is a small "
        "leftover, hard to sell: matching avoids creating them and uses them up first.",
    )

    @api.constrains("jiancai_colour_lot", "tracking", "jiancai_small_lot_threshold")
    def _check_jiancai_colour_lot(self):
        for template in self:
            if template.jiancai_colour_lot and template.tracking != "lot":
                raise ValidationError(
                    self.env._(
                        "%(product)s is managed by colour lot: set its tracking to "
                        "'By Lots' first.",
                        product=template.display_name,
                    )
                )
            if template.jiancai_small_lot_threshold < 0:
                raise ValidationError(
                    self.env._("The small leftover threshold cannot be negative.")
                )
