"""Dispatcher board and public tracking page: queries and time for one day of trips.

Run on a throwaway database where jiancai_dispatch is installed (it COMMITS its data,
then deletes it again):

    python3 bench/dispatch_board/run.py -d jct_dispatch_bench [--sizes 10,200]

For each size N, one day gets N planned trips of 5 stops each (N = 200: 1,000 stops).
Measured on a cold cache, each read as the web client issues it:

- board: the kanban grouped by trip status (``web_read_group`` with auto-unfold and the
  kanban card's fields, every card of the day) and the list (``web_search_read`` with the
  list's fields, every trip of the day);
- baseline: the plain ``stock.picking.batch`` list of stock_picking_batch (its list
  view's fields) on the same trips, same run;
- tracking: the public page ``GET /jc/t/<id>?access_token=...`` of one stop, through
  Odoo's WSGI application (no network).

Printed: queries and milliseconds per read, and the ratio against the baseline. The
query counts do not grow with N.
"""

from __future__ import annotations

import argparse
import threading
import time
from datetime import datetime, timedelta

from werkzeug.test import Client

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

STOPS_PER_TRIP = 5
RUNS = 3


def _m2o():
    return {"fields": {"display_name": {}}}


KANBAN_SPEC = {
    "name": {},
    "scheduled_date": {},
    "vehicle_id": _m2o(),
    "jiancai_driver_user_id": _m2o(),
    "jiancai_stop_count": {},
    "jiancai_late_count": {},
    "jiancai_capacity_warning": {},
    "jiancai_trip_state": {},
}
LIST_SPEC = dict(
    KANBAN_SPEC,
    jiancai_freight_amount={},
    jiancai_currency_id=_m2o(),
)
BASELINE_SPEC = {
    "company_id": _m2o(),
    "name": {},
    "description": {},
    "scheduled_date": {},
    "user_id": _m2o(),
    "picking_type_id": _m2o(),
    "state": {},
    "activity_exception_decoration": {},
}


def setup(env, trips, tag):
    """``trips`` planned trips of today with their stops; returns (trips, one stop's link)."""
    wh = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    customers_loc = env.ref("stock.stock_location_customers")
    driver = env["res.users"].create(
        {
            "name": f"Bench driver {tag}",
            "login": f"bench_driver_{tag}",
            "group_ids": [Command.link(env.ref("jiancai_base.group_driver").id)],
        }
    )
    category = env["fleet.vehicle.model.category"].create(
        {"name": f"Bench truck {tag}", "weight_capacity": 1e6, "volume_capacity": 1e6}
    )
    brand = env["fleet.vehicle.model.brand"].create({"name": f"Bench brand {tag}"})
    model = env["fleet.vehicle.model"].create(
        {"name": "Bench 4.2", "brand_id": brand.id, "category_id": category.id}
    )
    vehicles = env["fleet.vehicle"].create(
        [
            {"model_id": model.id, "license_plate": f"B{tag}-{i}", "category_id": category.id}
            for i in range(min(trips, 50))
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {tag}-{i}", "city": "上海"} for i in range(50)]
    )
    today = datetime.now().date()
    pickings = env["stock.picking"].create(
        [
            {
                "partner_id": partners[i % 50].id,
                "picking_type_id": wh.out_type_id.id,
                "location_id": wh.lot_stock_id.id,
                "location_dest_id": customers_loc.id,
                "jiancai_requested_date": today,
                "jiancai_window_start": 8 + (i % 5) * 2,
                "jiancai_window_end": 10 + (i % 5) * 2,
                "batch_sequence": i % STOPS_PER_TRIP,
            }
            for i in range(trips * STOPS_PER_TRIP)
        ]
    )
    start = datetime.combine(today, datetime.min.time()) + timedelta(hours=1)
    batches = env["stock.picking.batch"].create(
        [
            {
                "vehicle_id": vehicles[t % len(vehicles)].id,
                "jiancai_driver_user_id": driver.id,
                "scheduled_date": start,
                "picking_ids": [
                    Command.set(pickings[t * STOPS_PER_TRIP : (t + 1) * STOPS_PER_TRIP].ids)
                ],
            }
            for t in range(trips)
        ]
    )
    batches.write({"jiancai_trip_state": "planned", "jiancai_planned_at": datetime.now()})
    for batch in batches:
        batch.picking_ids.write({"jiancai_trip_id": batch.id, "jiancai_stop_state": "planned"})
    link = pickings[0]._jiancai_tracking_link(partner=pickings[0].partner_id)
    return batches, link, (pickings, batches, vehicles, model, brand, category, partners, driver)


def day_domain(batches):
    day = batches[0].scheduled_date.replace(hour=0, minute=0, second=0)
    return [
        ("is_wave", "=", False),
        ("scheduled_date", ">=", day),
        ("scheduled_date", "<", day + timedelta(days=1)),
        ("jiancai_driver_user_id", "=", batches[0].jiancai_driver_user_id.id),
    ]


def measure(env, fn):
    """Best of RUNS on a cold cache: (queries, ms)."""
    best = None
    for _i in range(RUNS):
        env.invalidate_all()
        before = env.cr.sql_log_count
        t0 = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - t0
        queries = env.cr.sql_log_count - before
        if best is None or elapsed < best[1]:
            best = (queries, elapsed)
    return best


def measure_http(client, url):
    best = None
    thread = threading.current_thread()
    for _i in range(RUNS):
        thread.query_count = 0
        t0 = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - t0
        assert response.status_code == 200, response.status_code
        queries = thread.query_count
        if best is None or elapsed < best[1]:
            best = (queries, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="10,200")
    parser.add_argument("-c", "--config", default="odoo.conf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--db-filter", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    client = Client(odoo.http.root)
    print(f"{'trips':>5} {'stops':>5}  {'read':<22} {'queries':>7} {'ms':>8} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        tag = f"{size}-{int(time.time())}"
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            batches, link, created = setup(env, size, tag)
            url = f"/jc/t/{link.id}?access_token={link.access_token}"
            cr.commit()
            try:
                admin = env(user=env.ref("base.user_admin").id)
                Batch = admin["stock.picking.batch"]
                domain = day_domain(batches)
                assert Batch.search_count(domain) == size

                def kanban(Batch=Batch, domain=domain, size=size):
                    Batch.web_read_group(
                        domain,
                        ["jiancai_trip_state"],
                        auto_unfold=True,
                        unfold_read_specification=KANBAN_SPEC,
                        unfold_read_default_limit=size,
                    )

                def board_list(Batch=Batch, domain=domain, size=size):
                    Batch.web_search_read(domain, LIST_SPEC, limit=size)

                def baseline(Batch=Batch, domain=domain, size=size):
                    Batch.web_search_read(domain, BASELINE_SPEC, limit=size)

                q_base, t_base = measure(env, baseline)
                rows = [
                    ("baseline batch list", q_base, t_base),
                    ("board kanban", *measure(env, kanban)),
                    ("board list", *measure(env, board_list)),
                    ("tracking page (http)", *measure_http(client, url)),
                ]
                for name, queries, elapsed in rows:
                    print(
                        f"{size:>5} {size * STOPS_PER_TRIP:>5}  {name:<22} {queries:>7} "
                        f"{elapsed * 1000:>8.1f} {elapsed / t_base:>6.2f}"
                    )
            finally:
                cr.rollback()
                env.invalidate_all()
                pickings, batches, vehicles, model, brand, category, partners, driver = created
                env["jiancai.tracking.link"].search(
                    [("res_model", "=", "stock.picking"), ("res_id", "in", pickings.ids)]
                ).unlink()
                pickings.write({"batch_id": False, "jiancai_trip_id": False})
                pickings.unlink()
                batches.unlink()
                vehicles.unlink()
                model.unlink()
                brand.unlink()
                category.unlink()
                partners.unlink()
                driver.unlink()
                cr.commit()


if __name__ == "__main__":
    main()
