"""Execution rules: a nightly run of 50 rules over 100,000 documents.

A database with jiancai_execution, created once (nothing is committed by the bench):

    odoo -c odoo.conf -d jct_exec_bench -i jiancai_execution --stop-after-init
    python3 bench/execution_rules/run.py -d jct_exec_bench [--orders 100000] [--pickings 50000]

Sale orders and deliveries are cloned in SQL from one real order (inside one transaction,
rolled back at the end). 50 rules of every kind (condition, N working days after a date,
threshold; salesperson, store manager, named person) are evaluated twice: the first run
raises their violations, the second (the steady nightly state) finds them all known.
Printed: the SQL queries per rule and run at a tenth of the documents and at all of them
(they must be equal: one grouped query per rule, never one per record), the time of the
steady run, and the time of a plain ``search_count`` of the same 50 domains in the same run
(the ratio is the cost of grouping by person and of the dedup lookup).
"""

from __future__ import annotations

import argparse
import time

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tools import SQL, config


def clone_rows(env, table, source_id, count, overrides):
    """INSERT ``count`` copies of one row; ``overrides`` maps columns to SQL expressions of
    the series number ``n``."""
    env.cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            table,
        )
    )
    columns = [row[0] for row in env.cr.fetchall()]
    select = [SQL(overrides[c]) if c in overrides else SQL.identifier(c) for c in columns]
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s) SELECT %s FROM %s, generate_series(1, %s) AS n WHERE id = %s",
            SQL.identifier(table),
            SQL(", ").join(SQL.identifier(c) for c in columns),
            SQL(", ").join(select),
            SQL.identifier(table),
            count,
            source_id,
        )
    )


def prepare(env, orders, pickings, tag):
    users = env["res.users"].search([("share", "=", False)], limit=5)
    team = env["crm.team"].search([], limit=1)
    team.user_id = users[0]
    partner = env["res.partner"].create({"name": "Bench customer"})
    product = env["product.product"].create({"name": "Bench tile", "is_storable": True})
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "user_id": users[0].id,
            "team_id": team.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        }
    )
    order.action_confirm()
    picking = order.picking_ids[:1]
    env.flush_all()
    user_ids = "ARRAY[%s]" % ",".join(str(u) for u in users.ids)
    clone_rows(
        env,
        "sale_order",
        order.id,
        orders,
        {
            "name": f"'B{tag}-' || n",
            "user_id": f"({user_ids})[1 + n %% {len(users)}]",
            "amount_total": "(n %% 5000)::numeric",
            "amount_untaxed": "(n %% 5000)::numeric",
            "margin": "((n %% 9973) - 10)::numeric",
            "margin_percent": "((n %% 100) / 100.0)",
            "client_order_ref": "'R' || (n %% 1000)",
            "commitment_date": "now() at time zone 'UTC' - (n %% 2000) * interval '1 day'",
            "state": "CASE WHEN n %% 3 = 0 THEN 'draft' ELSE 'sale' END",
        },
    )
    clone_rows(
        env,
        "stock_picking",
        picking.id,
        pickings,
        {
            "name": f"'BP{tag}-' || n",
            "scheduled_date": "now() at time zone 'UTC' - (n %% 3000) * interval '1 day'",
            "user_id": f"({user_ids})[1 + n %% {len(users)}]",
        },
    )
    env.cr.execute("ANALYZE sale_order, stock_picking")
    return users


def make_rules(env, users):
    Rule = env["jiancai.execution.rule"]
    field = env["ir.model.fields"]._get
    so, sp = env.ref("sale.model_sale_order"), env.ref("stock.model_stock_picking")
    vals = []
    for i in range(50):
        kind = i % 5
        base = {"name": f"Bench rule {i}", "message": "bench", "points": 1, "trigger": "nightly"}
        if kind == 0:
            base.update(
                model_id=so.id,
                kind="match",
                domain=f"[('client_order_ref', '=', 'R{i}'), ('state', '=', 'sale')]",
            )
        elif kind == 1:
            base.update(
                model_id=so.id,
                kind="deadline",
                domain="[('state', '=', 'sale')]",
                date_field_id=field("sale.order", "commitment_date").id,
                days=1990 + i % 5,
                day_kind="calendar",
            )
        elif kind == 2:
            base.update(
                model_id=so.id,
                kind="threshold",
                domain="[('state', '=', 'sale')]",
                threshold_field_id=field("sale.order", "margin").id,
                threshold_operator="<",
                threshold_value=-(i % 10),
                responsible_type="store_manager",
            )
        elif kind == 3:
            base.update(
                model_id=so.id,
                kind="threshold",
                domain="[('state', '=', 'draft')]",
                threshold_field_id=field("sale.order", "amount_total").id,
                threshold_operator=">",
                threshold_value=4990 + i % 9,
            )
        else:
            base.update(
                model_id=sp.id,
                kind="deadline",
                domain="[('state', 'not in', ['done', 'cancel'])]",
                date_field_id=field("stock.picking", "scheduled_date").id,
                days=2990 + i % 9,
                day_kind="calendar",
                responsible_type="fixed",
                responsible_user_id=users[1].id,
            )
        vals.append(base)
    return Rule.create(vals)


def run(env, rules, restrict=None):
    """Evaluate the rules once; (seconds, queries per rule, violations created)."""
    now = fields.Datetime.now()
    per_rule, created, started = [], 0, time.perf_counter()
    for rule in rules:
        env.flush_all()
        env.invalidate_all()
        before = env.cr.sql_log_count
        created += len(rule._evaluate(now, records=restrict))
        env.flush_all()
        per_rule.append(env.cr.sql_log_count - before)
    return time.perf_counter() - started, per_rule, created


def plain_counts(env, rules):
    now = fields.Datetime.now()
    domains = [(rule.model_name, rule._breach_domain(now)) for rule in rules]
    env.invalidate_all()
    started = time.perf_counter()
    total = sum(env[model].search_count(domain) for model, domain in domains)
    return time.perf_counter() - started, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--db", default="jct_exec_bench")
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--pickings", type=int, default=50_000)
    parser.add_argument("-c", "--config", default="odoo.conf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.db])
    registry = odoo.modules.registry.Registry(args.db)
    cr = registry.cursor()
    try:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        users = prepare(env, args.orders // 10, args.pickings // 10, 1)
        rules = make_rules(env, users)
        small = run(env, rules)
        steady_small = run(env, rules)
        clone = prepare(
            env, args.orders - args.orders // 10, args.pickings - args.pickings // 10, 2
        )
        del clone
        first = run(env, rules)
        steady = run(env, rules)
        plain = plain_counts(env, rules)
        docs = env["sale.order"].search_count([]) + env["stock.picking"].search_count([])
        print(
            f"documents: {docs:,} ({args.orders:,} orders, {args.pickings:,} deliveries "
            f"cloned), rules: {len(rules)}"
        )
        print(
            f"queries per rule, steady run at 1/10 of the documents: "
            f"min {min(steady_small[1])} max {max(steady_small[1])}"
        )
        print(
            f"queries per rule, steady run at all documents:       "
            f"min {min(steady[1])} max {max(steady[1])}"
        )
        print(f"first run at 1/10: {small[0]:.2f} s, {small[2]:,} violations raised")
        print(f"first run at all:  {first[0]:.2f} s, {first[2]:,} more violations raised")
        print(f"nightly steady run (50 rules): {steady[0]:.2f} s, {steady[2]} violations raised")
        print(
            f"plain search_count of the 50 domains: {plain[0]:.2f} s "
            f"({plain[1]:,} breaching documents)"
        )
        print(f"ratio steady run / search_count: x{steady[0] / plain[0]:.1f}")
    finally:
        cr.rollback()
        cr.close()


if __name__ == "__main__":
    main()
