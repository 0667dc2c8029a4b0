from odoo import models


class StockQuantShadeXlsx(models.AbstractModel):
    """Stock by Shade as a spreadsheet.

    One row per product, shade, caliber, grade, lot and location (quants of several
    packages or owners there are summed); a row is a small leftover when its quantity is
    positive and below the product's small leftover threshold, as on the quants.
    """

    _name = "report.jiancai_lot.stock_quant_shade_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Stock by Shade (xlsx)"

    def _shade_columns(self):
        return [
            (self.env._("Product"), 30),
            (self.env._("Shade"), 10),
            (self.env._("Caliber"), 10),
            (self.env._("Grade"), 10),
            (self.env._("Lot"), 22),
            (self.env._("Location"), 24),
            (self.env._("Quantity"), 12),
            (self.env._("Unit"), 8),
            (self.env._("Small Leftover"), 14),
        ]

    def _shade_rows(self, quants):
        """Sorted rows: (product, shade, caliber, grade, lot, location, qty, unit, small)."""
        totals = {}
        for quant in quants:
            key = (quant.product_id, quant.lot_id, quant.location_id)
            totals[key] = totals.get(key, 0.0) + quant.quantity
        rows = []
        for (product, lot, location), qty in totals.items():
            threshold = product.jiancai_small_lot_threshold
            rows.append(
                (
                    product.display_name,
                    lot.jiancai_shade or "",
                    lot.jiancai_caliber or "",
                    lot.jiancai_grade or "",
                    lot.name or "",
                    location.display_name,
                    product.uom_id.round(qty),
                    product.uom_id.name,
                    bool(lot and 0 < qty < threshold),
                )
            )
        return sorted(rows, key=lambda row: row[:6])

    def generate_xlsx_report(self, workbook, data, objs):
        sheet = workbook.add_worksheet(self.env._("Stock by Shade"))
        header = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1})
        plain = workbook.add_format({})
        small = workbook.add_format({"bold": True, "bg_color": "#FFEB9C"})
        number = workbook.add_format({"num_format": "#,##0.00"})
        small_number = workbook.add_format(
            {"num_format": "#,##0.00", "bold": True, "bg_color": "#FFEB9C"}
        )
        for col, (title, width) in enumerate(self._shade_columns()):
            sheet.write(0, col, title, header)
            sheet.set_column(col, col, width)
        yes = self.env._("Yes")
        for row, values in enumerate(self._shade_rows(objs.sudo(False)), start=1):
            *texts, qty, unit, is_small = values
            text_format = small if is_small else plain
            for col, value in enumerate(texts):
                sheet.write_string(row, col, value, text_format)
            sheet.write_number(row, 6, qty, small_number if is_small else number)
            sheet.write_string(row, 7, unit, text_format)
            sheet.write_string(row, 8, yes if is_small else "", text_format)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, 0, len(self._shade_columns()) - 1)
