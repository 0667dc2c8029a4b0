"""Credit check: SQL queries per delivery validation, and time against no jiancai_credit.

Two databases, created once (nothing is committed by the bench):

    odoo -c odoo.conf -d jct_credit_bench -i jiancai_credit --stop-after-init
    odoo -c odoo.conf -d jct_credit_bench_base --stop-after-init \
        -i jiancai_base,sale_stock,sale_financial_risk,base_tier_validation,report_xlsx,portal
    python3 bench/credit_check/run.py --db jct_credit_bench --base-db jct_credit_bench_base

The second database has every dependency of jiancai_credit but not the module itself: the
baseline is the same validation with our module uninstalled. Both get the same generated
data in the same run: one customer with 10, then 1,000, then 10,000 posted unpaid
invoices (cumulative, inside one open transaction per database, rolled back at the end).
For each size, ``--samples`` deliveries of one confirmed order are validated in each
database, alternately; printed are the queries the credit check issues (they must not
grow with the number of invoices), the median validation time in each database and
their ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import statistics
import time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config

BATCH = 500


def prepare(env):
    """Customer, stocked product, chart of accounts: identical in both databases."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading("generic_coa", company=company)
    partner = env["res.partner"].create(
        {"name": "Bench customer", "is_company": True, "credit_limit": 1e12}
    )
    product = env["product.product"].create(
        {"name": "Bench tile", "type": "consu", "is_storable": True, "taxes_id": []}
    )
    stock = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    env["stock.quant"]._update_available_quantity(product, stock.lot_stock_id, 1e6)
    return partner, product


def add_invoices(env, partner, count):
    for start in range(0, count, BATCH):
        moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [
                        Command.create({"name": "x", "price_unit": 10, "tax_ids": []})
                    ],
                }
                for _i in range(min(BATCH, count - start))
            ]
        )
        moves.action_post()
        env.flush_all()
        env.invalidate_all()
    # fresh statistics in both databases, as autovacuum would give a live one
    env.cr.execute("ANALYZE account_move, account_move_line, sale_order, sale_order_line")


def ready_picking(env, partner, product):
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": 1, "tax_ids": []})
            ],
        }
    )
    order.action_confirm()
    picking = order.picking_ids
    picking.move_ids.quantity = 1
    picking.move_ids.picked = True
    env.flush_all()
    env.invalidate_all()
    return picking


def validate(env, picking):
    """Seconds and queries of one delivery validation (Odoo's _action_done)."""
    cr = env.cr
    before = cr.sql_log_count
    start = time.perf_counter()
    picking._action_done()
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - before


def check_queries(env, partner):
    """Queries of the credit check alone, on a cold cache."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    env["jiancai.credit.service"]._decide(partner, 1.0, "delivery")
    return env.cr.sql_log_count - before


def queries_only(args):
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        partner, _product = prepare(env)
        print(f"{'open invoices':>14} {'check queries':>14}")
        done = 0
        for size in (int(s) for s in args.sizes.split(",")):
            add_invoices(env, partner, size - done)
            done = size
            print(f"{size:>14} {check_queries(env, partner):>14}", flush=True)
        cr.rollback()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="jct_credit_bench", help="with jiancai_credit")
    parser.add_argument("--base-db", default="jct_credit_bench_base", help="without it")
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("-c", "--config", default="odoo.conf")
    parser.add_argument(
        "--queries-only", action="store_true", help="only the check's queries (no baseline)"
    )
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    if args.queries_only:
        return queries_only(args)
    envs = {}
    for key, name in (("credit", args.db), ("base", args.base_db)):
        registry = odoo.modules.registry.Registry(name)
        cr = registry.cursor()
        envs[key] = api.Environment(cr, SUPERUSER_ID, {})
    assert "jiancai.credit.service" in envs["credit"], f"{args.db}: install jiancai_credit"
    assert "jiancai.credit.service" not in envs["base"], f"{args.base_db}: has jiancai_credit"
    data = {key: prepare(env) for key, env in envs.items()}
    print(
        f"{'open invoices':>14} {'check queries':>14} {'validation queries':>19} "
        f"{'with module':>12} {'without':>9} {'ratio':>6}"
    )
    done = 0
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            for key, env in envs.items():
                add_invoices(env, data[key][0], size - done)
            done = size
            times = {"credit": [], "base": []}
            queries = {"credit": [], "base": []}
            for _sample in range(args.samples + 1):  # the first round warms the caches
                for key, env in envs.items():
                    picking = ready_picking(env, *data[key])
                    seconds, count = validate(env, picking)
                    times[key].append(seconds)
                    queries[key].append(count)
            check = check_queries(envs["credit"], data["credit"][0])
            with_module = statistics.median(times["credit"][1:])
            without = statistics.median(times["base"][1:])
            extra = statistics.median(queries["credit"][1:]) - statistics.median(
                queries["base"][1:]
            )
            print(
                f"{size:>14} {check:>14} {f'+{extra:.0f}':>19} "
                f"{with_module * 1000:>10.1f}ms {without * 1000:>7.1f}ms "
                f"{with_module / without:>6.2f}",
                flush=True,
            )
    finally:
        for env in envs.values():
            env.cr.rollback()
            env.cr.close()


if __name__ == "__main__":
    main()
