from odoo import api, fields, models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    jiancai_box_label = fields.Char(
        "Boxes",
        compute="_compute_jiancai_box_label",
        help="The quantity of this line (one lot) in whole boxes and loose pieces.",
    )

    @api.depends("product_id", "quantity", "product_uom_id")
    def _compute_jiancai_box_label(self):
        for line in self:
            template = line.product_id.product_tmpl_id
            line.jiancai_box_label = (
                template and template._jiancai_box_label(line.quantity, line.product_uom_id)
            ) or ""
