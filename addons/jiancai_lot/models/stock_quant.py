from odoo import api, fields, models
from odoo.fields import Domain


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

    def _get_gather_domain(
        self, product_id, location_id, lot_id=None, package_id=None, owner_id=None, strict=False
    ):
        """Quants Odoo may reserve for a move pinned to a shade/caliber/grade: only those of
        the lots that keep the pins (``stock.move._update_reserved_quantity_vals`` passes
        them for the duration of one reservation)."""
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id, package_id, owner_id, strict
        )
        lot_ids = self.env.context.get("jiancai_lot_pinned_lot_ids")
        if lot_ids is not None:
            domain &= Domain("lot_id", "in", lot_ids)
        return domain
