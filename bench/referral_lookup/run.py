"""Dedup check and exact lookup with 1,000,000 referrals in the database.

Run: ``python3 bench/referral_lookup/run.py [database]`` (default ``jct_referral_dev``, which
must have jiancai_referral installed). The rows are inserted with one SQL statement
(generate_series) inside a transaction that is rolled back at the end: the database is
left as it was. Prints median and p99 per operation, the SQL query count per call
(must not grow with the table), and the ratio against a primary-key read measured in the
same run (the baseline).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.sql_db import Cursor
from odoo.tools import config

ROWS = 1_000_000
SAMPLES = 400
REPO = Path(__file__).resolve().parents[2]

INSERT = """
INSERT INTO jiancai_referral (
    name, state, customer_name, customer_phone, phone_key, community, room,
    property_key, referrer_id, team_id, company_id, create_uid, write_uid,
    create_date, write_date)
SELECT 'BENCH' || i,
       (ARRAY['submitted', 'verified', 'expired', 'won', 'rejected'])[1 + i %% 5],
       '客户' || i,
       '13' || lpad(i::text, 9, '0'),
       '13' || lpad(i::text, 9, '0'),
       '小区' || (i / 2000),
       (i %% 2000)::text,
       '小区' || (i / 2000) || '|' || (i %% 40) || '|1|' || (i %% 2000),
       %(referrer)s, %(team)s, %(company)s, 1, 1, now(), now()
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


def measure(env, func, args_list):
    timings, queries = [], set()
    for args in args_list:
        env.invalidate_all()
        with QueryCounter() as counter:
            start = time.perf_counter()
            func(*args)
            timings.append((time.perf_counter() - start) * 1000)
        queries.add(counter.count)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1], queries


def main():
    db = sys.argv[1] if len(sys.argv) > 1 else "jct_referral_dev"
    config.parse_config(["-c", str(REPO / "odoo.conf"), "-d", db])
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Referral = env["jiancai.referral"]
        referrer = env["res.partner"].create(
            {"name": "Bench Designer", "jiancai_partner_role": "designer"}
        )
        team = env["crm.team"].create({"name": "Bench Store", "jiancai_is_store": True})
        start = time.perf_counter()
        cr.execute(
            INSERT,
            {"referrer": referrer.id, "team": team.id, "company": env.company.id, "rows": ROWS},
        )
        cr.execute("ANALYZE jiancai_referral")
        print(f"inserted {ROWS:,} referrals in {time.perf_counter() - start:.1f} s")
        cr.execute("SELECT min(id), max(id) FROM jiancai_referral WHERE name LIKE 'BENCH%%'")
        low, high = cr.fetchone()
        step = max(1, (high - low) // SAMPLES)
        picks = list(range(1, ROWS, ROWS // SAMPLES))[:SAMPLES]
        phones = [f"13{i:09d}" for i in picks]
        props = [f"小区{i // 2000}|{i % 40}|1|{i % 2000}" for i in picks]
        ids = list(range(low, high, step))[:SAMPLES]

        def baseline(record_id):
            Referral.browse(record_id).read(["state"])

        def dedup(phone, prop):
            Referral._claiming(phone, prop)

        def lookup(phone):
            Referral.sudo().search(
                [("phone_key", "=", phone), ("state", "in", ("submitted", "verified", "won"))],
                limit=1,
            ).read(["state", "user_id", "team_id", "protection_end"])

        base = measure(env, baseline, [(i,) for i in ids])
        results = {
            "dedup check (phone + property)": measure(
                env, dedup, list(zip(phones, props, strict=False))
            ),
            "dedup check, new customer (miss)": measure(
                env, dedup, [("15" + p[2:], "新" + q) for p, q in zip(phones, props, strict=False)]
            ),
            "exact lookup (phone)": measure(env, lookup, [(p,) for p in phones]),
        }
        cr.execute(
            "EXPLAIN SELECT id FROM jiancai_referral WHERE phone_key = %s "
            "AND state IN ('submitted', 'verified', 'won') LIMIT 1",
            [phones[0]],
        )
        plan = " / ".join(row[0].strip() for row in cr.fetchall()[:2])
        print(f"baseline (read one referral by id): median {base[0]:.2f} ms, p99 {base[1]:.2f} ms")
        for name, (median, p99, queries) in results.items():
            print(
                f"{name}: median {median:.2f} ms, p99 {p99:.2f} ms, "
                f"SQL queries per call {sorted(queries)}, "
                f"{median / base[0]:.1f}x baseline median"
            )
        print(f"plan: {plan}")
        cr.rollback()
    print("rolled back: the database is unchanged")
    return odoo


if __name__ == "__main__":
    main()
