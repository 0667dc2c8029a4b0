from collections import defaultdict

from odoo import api, fields, models


class SaleOrderLine(models.Model):
    """Tiles priced per m² are sold in whole boxes: the quantity is rounded up to whole
    boxes (the customer pays for the boxes) and the line shows them."""

    _inherit = "sale.order.line"

    jiancai_box_label = fields.Char(
        "Boxes",
        compute="_compute_jiancai_box_label",
        help="The quantity in whole boxes and pieces, with the m² they cover.",
    )

    @api.depends("product_id", "product_uom_qty", "product_uom_id")
    def _compute_jiancai_box_label(self):
        for line in self:
            template = line.product_id.product_tmpl_id
            line.jiancai_box_label = (
                template._jiancai_box_label(line.product_uom_qty, line.product_uom_id)
                if template and not line.display_type
                else ""
            )

    @api.onchange("product_id", "product_uom_qty", "product_uom_id")
    def _onchange_jiancai_whole_boxes(self):
        quantity = self._jiancai_whole_box_qty(
            self.product_id, self.product_uom_id, self.product_uom_qty
        )
        if quantity is not None and quantity != self.product_uom_qty:
            self.product_uom_qty = quantity

    @api.model
    def _jiancai_whole_box_qty(self, product, uom, quantity):
        if not product or self.display_type:
            return None
        return product.product_tmpl_id._jiancai_whole_box_qty(quantity, uom)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if (
                vals.get("product_id")
                and vals.get("product_uom_qty")
                and not vals.get("display_type")
            ):
                product = self.env["product.product"].browse(vals["product_id"])
                uom = (
                    self.env["uom.uom"].browse(vals["product_uom_id"])
                    if vals.get("product_uom_id")
                    else product.uom_id
                )
                quantity = product.product_tmpl_id._jiancai_whole_box_qty(
                    vals["product_uom_qty"], uom
                )
                if quantity is not None:
                    vals["product_uom_qty"] = quantity
        lines = super().create(vals_list)
        # a quantity left to its default (1 m²) is rounded up too
        for line in lines:
            quantity = line._jiancai_whole_box_qty(
                line.product_id, line.product_uom_id, line.product_uom_qty
            )
            if quantity is not None and quantity != line.product_uom_qty:
                line.product_uom_qty = quantity
        return lines

    def write(self, vals):
        if "product_uom_qty" not in vals:
            return super().write(vals)
        by_quantity = defaultdict(lambda: self.browse())
        for line in self:
            product = (
                self.env["product.product"].browse(vals["product_id"])
                if "product_id" in vals
                else line.product_id
            )
            uom = (
                self.env["uom.uom"].browse(vals["product_uom_id"])
                if "product_uom_id" in vals
                else line.product_uom_id
            )
            quantity = line._jiancai_whole_box_qty(product, uom, vals["product_uom_qty"])
            by_quantity[vals["product_uom_qty"] if quantity is None else quantity] |= line
        if len(by_quantity) <= 1:
            quantity = next(iter(by_quantity), vals["product_uom_qty"])
            return super().write(dict(vals, product_uom_qty=quantity))
        for quantity, lines in by_quantity.items():
            super(SaleOrderLine, lines).write(dict(vals, product_uom_qty=quantity))
        return True
