from odoo.addons.jiancai_base.tests.common import JiancaiCase


class ColourLotCase(JiancaiCase):
    """A tile managed by colour lot, lots of two shades in stock, a way to sell it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock = cls.warehouse.lot_stock_id
        cls.shelf = cls.env["stock.location"].create(
            {"name": "Shelf T1", "location_id": cls.stock.id, "usage": "internal"}
        )
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Test Tile 800x800",
                "is_storable": True,
                "tracking": "lot",
                "jiancai_colour_lot": True,
                "jiancai_small_lot_threshold": 10,
                "list_price": 80,
            }
        )

    @classmethod
    def make_lot(cls, shade, qty, caliber="C1", grade="AAA", day="2026-08-01", location=None,
                 package=None, product=None):  # fmt: skip
        product = product or cls.tile
        lot = cls.env["stock.lot"].create(
            {
                "product_id": product.id,
                "jiancai_shade": shade,
                "jiancai_caliber": caliber,
                "jiancai_grade": grade,
                "jiancai_production_date": day,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            product, location or cls.stock, qty, lot_id=lot, package_id=package
        )
        return lot

    @classmethod
    def sell(cls, *lines):
        """Confirm a sale order; each line is (qty, dict of extra line values)."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": cls.tile.id, "product_uom_qty": qty, **extra})
                    for qty, extra in lines
                ],
            }
        )
        order.action_confirm()
        return order, order.picking_ids
