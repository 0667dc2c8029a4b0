from odoo import api, fields, models


class StockMove(models.Model):
    """Deliveries of tiles show their boxes and pieces next to the m²."""

    _inherit = "stock.move"

    jiancai_box_label = fields.Char(
        "Boxes",
        compute="_compute_jiancai_box_label",
        help="The demand in whole boxes and loose pieces, with the m².",
    )
    jiancai_box_quantity_label = fields.Char(
        "Boxes Picked",
        compute="_compute_jiancai_box_label",
        help="The quantity reserved or picked, in whole boxes and loose pieces.",
    )

    @api.depends("product_id", "product_uom_qty", "quantity", "product_uom")
    def _compute_jiancai_box_label(self):
        for move in self:
            template = move.product_id.product_tmpl_id
            move.jiancai_box_label = (
                template._jiancai_box_label(move.product_uom_qty, move.product_uom)
                if template
                else ""
            )
            move.jiancai_box_quantity_label = (
                template._jiancai_box_label(move.quantity, move.product_uom)
                if template and move.quantity
                else ""
            )
