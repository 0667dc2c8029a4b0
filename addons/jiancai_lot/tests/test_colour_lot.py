from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ColourLotCase


@tagged("post_install", "-at_install")
class TestColourLot(ColourLotCase):
    def test_lot_is_named_from_its_colour_data(self):
        lot = self.make_lot("a12", 5, caliber="C1", grade="AAA", day="2026-08-01")
        self.assertEqual(lot.name, "A12-C1-AAA-260801")
        again = self.make_lot("a12", 5, caliber="C1", grade="AAA", day="2026-08-01")
        self.assertEqual(again.name, "A12-C1-AAA-260801-2")
        self.assertEqual(lot.jiancai_colour_group, "a12 / C1 / AAA")

    def test_typed_lot_name_fills_colour_data(self):
        lot = self.env["stock.lot"].create({"product_id": self.tile.id, "name": "B07-C2-AA-260315"})
        self.assertEqual(
            (lot.jiancai_shade, lot.jiancai_caliber, lot.jiancai_grade), ("B07", "C2", "AA")
        )
        self.assertEqual(str(lot.jiancai_production_date), "2026-03-15")
        plain = self.env["stock.lot"].create({"product_id": self.tile.id, "name": "LOT0001"})
        self.assertFalse(plain.jiancai_shade)

    def test_colour_lot_needs_lot_tracking(self):
        with self.assertRaisesRegex(ValidationError, "tracking"):
            self.env["product.product"].create(
                {"name": "Untracked", "is_storable": True, "jiancai_colour_lot": True}
            )

    def test_small_leftover_is_flagged_on_quants(self):
        self.make_lot("S1", 6)
        self.make_lot("S2", 60)
        quants = self.env["stock.quant"].search(
            [("product_id", "=", self.tile.id), ("location_id", "=", self.stock.id)]
        )
        small = quants.filtered("jiancai_small_leftover")
        self.assertEqual(small.mapped("jiancai_shade"), ["S1"])

    def test_mixing_needs_a_reason(self):
        with self.assertRaisesRegex(ValidationError, "say why"):
            self.sell((10, {"jiancai_mixing_allowed": True}))

    def test_guide_reads_stock_by_shade(self):
        self.make_lot("G1", 20)
        quants = (
            self.env["stock.quant"]
            .with_user(self.users["guide"])
            .search([("product_id", "=", self.tile.id), ("jiancai_shade", "=", "G1")])
        )
        self.assertEqual(quants.quantity, 20)
