from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    jiancai_colour_lot = fields.Boolean(related="product_id.jiancai_colour_lot")
    jiancai_shade = fields.Char(
        "Shade", help="Pin the shade the customer chose from a sample; empty = any shade."
    )
    jiancai_caliber = fields.Char("Caliber")
    jiancai_grade = fields.Char("Grade")
    jiancai_mixing_allowed = fields.Boolean(
        "Mixing Allowed",
        help="Ship this line from several shade/caliber/grade groups (e.g. two rooms).",
    )
    jiancai_mixing_reason = fields.Char("Mixing Reason")

    @api.constrains("jiancai_mixing_allowed", "jiancai_mixing_reason")
    def _check_jiancai_mixing_reason(self):
        for line in self:
            if line.jiancai_mixing_allowed and not (line.jiancai_mixing_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Line %(line)s allows mixing colour lots: say why (for example "
                        "'two separate rooms').",
                        line=line.product_id.display_name,
                    )
                )
