import io

import openpyxl

from odoo.tests import tagged

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestStockShadeXlsx(ColourLotCase):
    def render(self, quants, user):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_xlsx("jiancai_lot.stock_quant_shade_xlsx", quants.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def test_stock_by_shade_rows_and_small_leftover_flag(self):
        self.make_lot("B07", 40, caliber="C2", grade="AA", day="2026-08-02")
        small = self.make_lot("A12", 6, day="2026-08-01")
        self.make_lot("A12", 25, day="2026-08-03", location=self.shelf)
        package = self.env["stock.package"].create({"name": "PAL-1"})
        self.env["stock.quant"]._update_available_quantity(
            self.tile, self.stock, 3, lot_id=small, package_id=package
        )
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.tile.id), ("location_id", "child_of", self.stock.id)]
        )
        self.assertEqual(len(quants), 4)

        sheet = self.render(quants, self.users["guide"])
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0],
            ("Product", "Shade", "Caliber", "Grade", "Lot", "Location", "Quantity", "Unit",
             "Small Leftover"),
        )  # fmt: skip
        unit = self.tile.uom_id.name
        stock, shelf = self.stock.display_name, self.shelf.display_name
        self.assertEqual(
            rows[1:],
            [
                ("Test Tile 800x800", "A12", "C1", "AAA", "A12-C1-AAA-260801", stock, 9, unit,
                 "Yes"),
                ("Test Tile 800x800", "A12", "C1", "AAA", "A12-C1-AAA-260803", shelf, 25, unit,
                 ""),
                ("Test Tile 800x800", "B07", "C2", "AA", "B07-C2-AA-260802", stock, 40, unit,
                 ""),
            ],
        )  # fmt: skip
        flagged, plain = sheet.cell(row=2, column=7), sheet.cell(row=3, column=7)
        self.assertTrue(flagged.font.b)
        self.assertEqual(flagged.fill.fgColor.rgb, "FFFFEB9C")
        self.assertFalse(plain.font.b)
        self.assertEqual(sheet.freeze_panes, "A2")

    def test_report_is_offered_on_quants(self):
        report = self.env.ref("jiancai_lot.stock_quant_shade_xlsx")
        self.assertEqual(report.binding_model_id.model, "stock.quant")
        self.assertEqual(report.report_type, "xlsx")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.users["guide"])
            ._get_bindings("stock.quant")["report"]
        )
        guide_reports = [binding["id"] for binding in bindings]
        self.assertIn(report.id, guide_reports)
        self.assertEqual(self.render(self.env["stock.quant"], self.users["guide"]).max_row, 1)
