from odoo import api, fields, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    jiancai_shade = fields.Char(related="lot_id.jiancai_shade", store=True, string="Shade")
    jiancai_caliber = fields.Char(related="lot_id.jiancai_caliber", store=True, string="Caliber")
    jiancai_grade = fields.Char(related="lot_id.jiancai_grade", store=True, string="Grade")
    jiancai_production_date = fields.Date(
        related="lot_id.jiancai_production_date", string="Production Date"
    )
    jiancai_small_leftover = fields.Boolean(
        "Small Leftover",
        compute="_compute_jiancai_small_leftover",
        store=True,
        help="Less than the product's small leftover threshold is left in this lot here.",
    )

    @api.depends("quantity", "product_id.jiancai_small_lot_threshold")
    def _compute_jiancai_small_leftover(self):
        for quant in self:
            threshold = quant.product_id.jiancai_small_lot_threshold
            quant.jiancai_small_leftover = bool(quant.lot_id and 0 < quant.quantity < threshold)
