from odoo import SUPERUSER_ID, api

DRIVER_STOPS = "[('jiancai_trip_id.jiancai_driver_user_id', '=', user.id)]"


def migrate(cr, version):
    """Drivers read the stops of their trips by ``jiancai_trip_id``, not ``batch_id``.

    Databases installed before 19.0.1.0.1 keep the first driver rule (rules are
    ``noupdate``), ``batch_id.jiancai_driver_user_id``: a stop validated before its
    trip-mates leaves its batch (stock_picking_batch), so the driver no longer saw it
    and the trip page lost the delivered stop right after "Delivered".
    """
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("jiancai_dispatch.stock_picking_rule_driver", raise_if_not_found=False)
    if rule and rule.domain_force != DRIVER_STOPS:
        rule.domain_force = DRIVER_STOPS
