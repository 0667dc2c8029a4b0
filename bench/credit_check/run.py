"""Credit check: SQL queries per delivery validation and time against no check.

Run on a database where jiancai_credit is installed (nothing is committed):

    python3 bench/credit_check/run.py -d jct_credit_dev [--sizes 10,1000,10000]

For each size N the customer gets N open (posted, unpaid) invoices, inserted in one
batch; then one delivery of a confirmed order is validated twice on the same data: with
the credit check (``jiancai_credit_skip`` unset) and without it (the baseline, same run).
Printed: queries issued by the check itself (constant whatever N), and the time ratio.
"""

from __future__ import annotations

import argparse
import time

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.tools import config


def setup(env, size):
    partner = env["res.partner"].create(
        {"name": f"Bench customer {size}", "is_company": True, "credit_limit": 1e12}
    )
    product = env["product.product"].create(
        {"name": "Bench tile", "type": "consu", "is_storable": True, "taxes_id": []}
    )
    stock = env["stock.warehouse"].search([], limit=1).lot_stock_id
    env["stock.quant"]._update_available_quantity(product, stock, 1e6)
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create({"name": "x", "price_unit": 10, "tax_ids": []})
                ],
            }
            for _i in range(size)
        ]
    )
    moves.action_post()
    return partner, product


def order_picking(env, partner, product):
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
    return picking


def measure(env, picking, skip):
    cr = env.cr
    before = cr.sql_log_count
    start = time.perf_counter()
    picking.with_context(jiancai_credit_skip=skip)._action_done()
    env.flush_all()
    return cr.sql_log_count - before, time.perf_counter() - start


def check_queries(env, partner):
    cr = env.cr
    env.flush_all()
    env.invalidate_all()
    before = cr.sql_log_count
    service = env["jiancai.credit.service"].with_context(jiancai_credit_no_redirect=True)
    service._check(partner, 1.0, "delivery", env["sale.order"], env["stock.picking"])
    return cr.sql_log_count - before


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("-c", "--config", default="odoo.conf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    print(
        f"{'open invoices':>14} {'check queries':>14} {'with check':>11} "
        f"{'no check':>9} {'ratio':>6}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner, product = setup(env, size)
            queries = check_queries(env, partner)
            with_check = order_picking(env, partner, product)
            baseline = order_picking(env, partner, product)
            _q1, t_base = measure(env, baseline, skip=True)
            _q2, t_check = measure(env, with_check, skip=False)
            print(
                f"{size:>14} {queries:>14} {t_check * 1000:>9.1f}ms "
                f"{t_base * 1000:>7.1f}ms {t_check / t_base:>6.2f}"
            )
            cr.rollback()


if __name__ == "__main__":
    main()
