from odoo import fields, models


class ProductTemplate(models.Model):
    """Tiles are sold by the box and priced by the square metre."""

    _name = "product.template"
    _inherit = ["product.template", "jiancai.qr.mixin"]

    jiancai_spec = fields.Char(
        "Specification", help="Size and finish as printed on the price tag, e.g. 800×800 mm 抛釉."
    )
    jiancai_sqm_per_box = fields.Float(
        "m² per Box", digits="Product Unit", help="Area covered by one box (tiles)."
    )
    jiancai_pieces_per_box = fields.Integer("Pieces per Box")
