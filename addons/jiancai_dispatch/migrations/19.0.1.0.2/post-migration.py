from odoo.tools import SQL


def migrate(cr, version):
    """Stops of trips that departed before the gates count as released at departure.

    From 19.0.1.0.2 a trip's departure releases its deliveries (jiancai_base's release
    checkpoint); the driver's Delivered must not release them a second time at the
    customer's door.
    """
    cr.execute(
        SQL(
            """
            UPDATE stock_picking p
               SET jiancai_released_at = t.jiancai_departed_at
              FROM stock_picking_batch t
             WHERE p.jiancai_trip_id = t.id
               AND p.jiancai_released_at IS NULL
               AND t.jiancai_departed_at IS NOT NULL
            """
        )
    )
