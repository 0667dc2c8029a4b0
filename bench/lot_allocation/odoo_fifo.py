"""Odoo 19's own reservation (FIFO removal) through the real ORM, for the lot bench.

Each bench instance becomes, on a database where ``stock`` is installed: one storable
product tracked by lot per bench product, one lot and one quant per bench lot (the quant's
``in_date`` is the lot's production date, so FIFO means oldest first), and one outgoing
transfer with a move per line, confirmed and reserved with ``action_assign``. The move
lines' lots are read back as the allocation. Nothing is committed: the caller rolls back.
"""

from __future__ import annotations

from datetime import datetime, time


class OdooFifo:
    def __init__(self, env):
        self.env = env
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
        self.stock = warehouse.lot_stock_id
        self.picking_type = warehouse.out_type_id
        self.customer = env.ref("stock.stock_location_customers")
        self.count = 0

    def allocate(self, lots, demands) -> dict[int, list[tuple[int, int]]]:
        """{line_id: [(bench lot id, qty)]}; [] for a line Odoo could not fully reserve."""
        env = self.env
        self.count += 1
        products = {}
        for product in sorted({lot.product for lot in lots} | {d.product for d in demands}):
            products[product] = env["product.product"].create(
                {
                    "name": f"Bench tile {self.count}-{product}",
                    "is_storable": True,
                    "tracking": "lot",
                }
            )
        bench_lot = {}
        records = env["stock.lot"].create(
            [
                {"name": f"B{self.count}-{lot.id}", "product_id": products[lot.product].id}
                for lot in lots
            ]
        )
        quant_model = env["stock.quant"]
        for lot, record in zip(lots, records, strict=True):
            bench_lot[record.id] = lot.id
            quant_model._update_available_quantity(
                products[lot.product],
                self.stock,
                lot.qty,
                lot_id=record,
                in_date=datetime.combine(lot.production_date, time(8)),
            )
        picking = env["stock.picking"].create(
            {
                "picking_type_id": self.picking_type.id,
                "location_id": self.stock.id,
                "location_dest_id": self.customer.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": products[d.product].id,
                            "product_uom_qty": d.qty,
                            "location_id": self.stock.id,
                            "location_dest_id": self.customer.id,
                            "description_picking": str(d.line_id),
                        },
                    )
                    for d in demands
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picks = {}
        for move, demand in zip(picking.move_ids.sorted("id"), demands, strict=True):
            if move.product_uom.compare(move.quantity, move.product_uom_qty) < 0:
                picks[demand.line_id] = []
                continue
            line = {}
            for ml in move.move_line_ids:
                lot_id = bench_lot[ml.lot_id.id]
                line[lot_id] = line.get(lot_id, 0) + round(ml.quantity)
            picks[demand.line_id] = sorted(line.items())
        return picks
