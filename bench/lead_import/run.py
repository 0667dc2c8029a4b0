"""Lead import and pool claims at scale (jiancai_crm).

Run: ``python3 bench/lead_import/run.py [-d jct_crm_bench] [--rows 10000] [--existing 1000000]``
on a throwaway database with jiancai_crm installed.

1. Import: ``--existing`` partners and as many leads are inserted with one SQL statement
   each (generate_series), then a sheet of ``--rows`` rows (some phones held by those
   partners and leads, some bad, some duplicated inside the sheet) goes through our
   wizard (preview, then import) and through a plain ``base_import`` of the same file
   (Odoo's import, no dedup: the baseline), in the same run and the same transaction,
   which is rolled back at the end. Time and SQL queries per 1,000 rows.
2. Claims: 20 guides claim from one store's pool at the same moment, in 20 threads with
   a connection each (some race for the same lead); p50/p99 per claim against a plain
   ``write({"user_id": ...})`` of a lead under the same concurrency (baseline). These rows
   are committed and deleted afterwards.
"""

from __future__ import annotations

import argparse
import base64
import io
import random
import statistics
import threading
import time
from pathlib import Path

import openpyxl

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.sql_db import Cursor
from odoo.tools import config

REPO = Path(__file__).resolve().parents[2]

PARTNERS = """
INSERT INTO res_partner (name, complete_name, active, type, is_company, phone, autopost_bills,
                         jiancai_phone_key, create_uid, write_uid, create_date, write_date)
SELECT '客户' || i, '客户' || i, true, 'contact', false, '15' || lpad(i::text, 9, '0'), 'ask',
       '15' || lpad(i::text, 9, '0'), 1, 1, now(), now()
FROM generate_series(1, %(rows)s) AS i
"""
LEADS = """
INSERT INTO crm_lead (name, type, active, contact_name, phone, jiancai_phone_key,
                      jiancai_community, jiancai_property_key, team_id, company_id,
                      priority, create_uid, write_uid, create_date, write_date)
SELECT '线索' || i, 'lead', true, '线索' || i, '17' || lpad(i::text, 9, '0'),
       '17' || lpad(i::text, 9, '0'), '老小区' || (i / 2000),
       '老小区' || (i / 2000) || '|' || (i %% 40) || '||' || (i %% 2000),
       %(team)s, %(company)s, '0', 1, 1, now(), now()
FROM generate_series(1, %(rows)s) AS i
"""


class QueryCounter:
    def __init__(self):
        self.count = 0
        self._original = Cursor.execute

    def __enter__(self):
        counter = self

        def execute(cr, query, params=None, log_exceptions=None):
            counter.count += 1
            return counter._original(cr, query, params, log_exceptions)

        Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        Cursor.execute = self._original


def sheet(rows, existing, seed=7):
    """The sheet: mostly new people, 5 % customers of another store, 5 % existing leads,
    2 % bad phones, 2 % repeated rows."""
    rnd = random.Random(seed)
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["小区", "楼栋", "房号", "姓名", "电话", "来源", "备注"])
    for i in range(rows):
        draw = rnd.random()
        if draw < 0.05:
            phone = f"15{rnd.randint(1, existing):09d}"
        elif draw < 0.10:
            phone = f"17{rnd.randint(1, existing):09d}"
        elif draw < 0.12:
            phone = f"1{i:05d}"
        elif draw < 0.14 and i:
            phone = f"139{i - 1:08d}"
        else:
            phone = f"139{i:08d}"
        ws.append(
            [f"新小区{i // 500}", f"{i % 30 + 1}栋", f"{i % 500 + 101}室", f"客户{i}", phone,
             rnd.choice(["扫楼", "物业合作", "异业联盟"]), ""]
        )  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(func):
    with QueryCounter() as counter:
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
    return elapsed, counter.count, result


def bench_import(env, rows, existing):
    team = env["crm.team"].create({"name": "Bench Store", "jiancai_is_store": True})
    other = env["crm.team"].create({"name": "Bench Other Store", "jiancai_is_store": True})
    cr = env.cr
    start = time.perf_counter()
    cr.execute(PARTNERS, {"rows": existing})
    cr.execute(LEADS, {"rows": existing, "team": other.id, "company": env.company.id})
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE crm_lead")
    print(f"inserted {existing:,} partners and {existing:,} leads in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    data = sheet(rows, existing)
    env.invalidate_all()
    wizard = env["jiancai.crm.lead.import"].create(
        {"file": base64.b64encode(data), "filename": "bench.xlsx", "team_id": team.id}
    )
    preview = timed(wizard.action_preview)
    counts = (wizard.new_count, wizard.merge_count, wizard.rejected_count)
    env.invalidate_all()
    ours = timed(wizard.action_import)
    print(f"our import: {counts[0]} new, {counts[1]} to merge, {counts[2]} rejected")
    cr.execute("SAVEPOINT before_base_import")
    base = env["base_import.import"].create(
        {
            "res_model": "crm.lead",
            "file": data,
            "file_name": "bench.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    )
    env.invalidate_all()
    plain = timed(
        lambda: base.execute_import(
            ["jiancai_community", "jiancai_building", "jiancai_room", "name", "phone",
             "source_id", "description"],
            ["小区", "楼栋", "房号", "姓名", "电话", "来源", "备注"],
            {"has_headers": True, "quoting": '"', "separator": ",", "limit": rows + 1},
        )
    )  # fmt: skip
    messages = [m for m in plain[2].get("messages", []) if m.get("type") == "error"]
    print(f"base_import: {len(plain[2].get('ids') or [])} imported, {len(messages)} errors")
    per = 1000 / rows
    print("per 1,000 rows            seconds   queries   ratio (time)")
    base_s = plain[0] * per
    for name, (elapsed, queries, _r) in (
        ("base_import (baseline)", plain),
        ("ours: preview", preview),
        ("ours: import", ours),
    ):
        ratio = elapsed * per / base_s
        print(f"{name:24} {elapsed * per:8.2f} {queries * per:9.1f}   {ratio:5.2f}")
    both = (preview[0] + ours[0]) * per
    print(f"{'ours: preview + import':24} {both:8.2f} {(preview[1] + ours[1]) * per:9.1f}   "
          f"{both / base_s:5.2f}")  # fmt: skip


def run_threads(registry, count, work):
    """Run ``work(index, cursor)`` in ``count`` threads released together; latencies."""
    barrier = threading.Barrier(count)
    latencies, outcomes = [], []
    lock = threading.Lock()

    def body(index):
        with registry.cursor() as cr:
            barrier.wait()
            start = time.perf_counter()
            try:
                work(index, cr)
                cr.commit()
                outcome = "ok"
            except UserError:
                cr.rollback()
                outcome = "refused"
            elapsed = (time.perf_counter() - start) * 1000
        with lock:
            latencies.append(elapsed)
            outcomes.append(outcome)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, outcomes


def bench_claims(registry, rounds=10, guides_n=20):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        group = env.ref("jiancai_base.group_sales_guide")
        guides = env["res.users"].create(
            [{"name": f"Bench Guide {i}", "login": f"bench_claim_guide_{i}",
              "group_ids": [(4, group.id)]} for i in range(guides_n)]
        )  # fmt: skip
        store = env["crm.team"].create(
            {"name": "Bench Claim Store", "jiancai_is_store": True,
             "member_ids": [(6, 0, guides.ids)]}
        )  # fmt: skip
        leads = env["crm.lead"].create(
            [{"name": f"池{i}", "phone": f"1660000{i:04d}", "team_id": store.id, "user_id": False}
             for i in range(guides_n * rounds * 2)]
        )  # fmt: skip
        for key, value in (("daily_claim_limit", 1000), ("held_limit", 1000)):
            env["ir.config_parameter"].set_param(f"jiancai_crm.{key}", str(value))
        cr.commit()
        ids = dict(guides=guides.ids, store=store.id, leads=leads.ids)
    try:
        claims, plain, outcomes = [], [], []
        for r in range(rounds):
            # half the guides race for the same lead as their neighbour
            def claim(i, cr, r=r):
                env = api.Environment(cr, ids["guides"][i], {"tracking_disable": True})
                lead_id = ids["leads"][r * guides_n + (i // 2 if i % 4 == 0 else i)]
                env["crm.lead"].sudo().browse(lead_id)._jiancai_claim(env.user)

            latencies, result = run_threads(registry, guides_n, claim)
            claims += latencies
            outcomes += result

            def write(i, cr, r=r):
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                lead_id = ids["leads"][guides_n * rounds + r * guides_n + i]
                env["crm.lead"].browse(lead_id).write({"user_id": ids["guides"][i]})

            plain += run_threads(registry, guides_n, write)[0]
        claims.sort()
        plain.sort()

        def p(values, q):
            return values[max(0, int(len(values) * q) - 1)]

        print(f"{guides_n} concurrent guides x {rounds} rounds: {outcomes.count('ok')} claimed, "
              f"{outcomes.count('refused')} refused (lost a race)")  # fmt: skip
        print(f"plain write (baseline): p50 {statistics.median(plain):.1f} ms, "
              f"p99 {p(plain, 0.99):.1f} ms")  # fmt: skip
        ratio = p(claims, 0.99) / p(plain, 0.99)
        print(f"pool claim:             p50 {statistics.median(claims):.1f} ms, "
              f"p99 {p(claims, 0.99):.1f} ms, p99 ratio {ratio:.2f}")  # fmt: skip
    finally:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("DELETE FROM jiancai_crm_claim WHERE lead_id = ANY(%s)", [ids["leads"]])
            env["crm.lead"].browse(ids["leads"]).unlink()
            env["crm.team"].browse(ids["store"]).unlink()
            users = env["res.users"].browse(ids["guides"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.commit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", default="jct_crm_bench")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--existing", type=int, default=1_000_000)
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    config.parse_config(["-c", str(REPO / "odoo.conf"), "-d", args.database])
    registry = Registry(args.database)
    if not args.skip_import:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            bench_import(env, args.rows, args.existing)
            cr.rollback()
        print("rolled back: the import data is gone")
    bench_claims(registry)


if __name__ == "__main__":
    main()
