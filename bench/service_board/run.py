"""Service board and customer booking page: queries and time for 50 technicians x 14 days.

Run on a throwaway database where jiancai_service is installed (it COMMITS its data, then
deletes it again):

    odoo -c odoo.conf -d jct_service_bench -i jiancai_service --stop-after-init   # once
    python3 bench/service_board/run.py -d jct_service_bench [--sizes 10,50] [--days 14]

For each size N, N technicians (one shared calendar, Mon-Fri 9-12 and 13-18) get three
two-hour jobs on every working day of the next ``--days`` days (the last one only its
mornings, so that the booking page has times to offer). Measured on a cold cache,
each read as the web client issues it:

- board calendar: ``web_search_read`` of the service board's calendar fields over the
  period (every job of every technician);
- board kanban: ``web_read_group`` by technician with auto-unfold and the card's fields;
- baseline: Odoo's plain ticket list of OCA helpdesk_mgmt (its list fields) on the same
  tickets, same run;
- booking page: ``GET /jc/t/<id>?access_token=...`` of a new ticket, whose offered times
  are computed from all N technicians' calendars and jobs, through Odoo's WSGI application.

Printed: queries and milliseconds per read, and the ratio against the baseline. The query
counts do not grow with N (nor with the days).
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

RUNS = 3
JOB_HOURS = (9, 13, 15)  # local time: 9-11, 13-15, 15-17 (UTC+8)


def _m2o():
    return {"fields": {"display_name": {}}}


CALENDAR_SPEC = {
    "jiancai_start": {},
    "jiancai_end": {},
    "jiancai_technician_id": _m2o(),
    "partner_id": _m2o(),
    "jiancai_type_id": _m2o(),
    "stage_id": _m2o(),
    "display_name": {},
}
KANBAN_SPEC = {
    "number": {},
    "priority": {},
    "partner_id": _m2o(),
    "jiancai_type_id": _m2o(),
    "jiancai_start": {},
    "stage_id": _m2o(),
    "jiancai_sla_state": {},
}
BASELINE_SPEC = {
    "number": {},
    "name": {},
    "priority": {},
    "partner_id": _m2o(),
    "user_id": _m2o(),
    "stage_id": _m2o(),
    "team_id": _m2o(),
    "create_date": {},
}


def setup(env, size, days, tag):
    attendances = [
        Command.create(
            {"name": f"{d} {p}", "dayofweek": str(d), "hour_from": a, "hour_to": b,
             "day_period": p}
        )
        for d in range(5)
        for p, a, b in (("morning", 9, 12), ("afternoon", 13, 18))
    ]  # fmt: skip
    calendar = env["resource.calendar"].create(
        {"name": f"Bench {tag}", "tz": "Asia/Shanghai", "attendance_ids": attendances}
    )
    skill = env["jiancai.service.skill"].create({"name": f"Bench skill {tag}"})
    service_type = env["jiancai.service.type"].create(
        {"name": f"Bench visit {tag}", "kind": "repair", "duration_hours": 2,
         "skill_ids": [Command.set(skill.ids)]}
    )  # fmt: skip
    users = env["res.users"].create(
        [{"name": f"Bench tech {tag}-{i}", "login": f"bench_tech_{tag}_{i}"} for i in range(size)]
    )
    techs = env["jiancai.service.technician"].create(
        [
            {"user_id": u.id, "calendar_id": calendar.id, "skill_ids": [Command.set(skill.ids)]}
            for u in users
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Bench customer {tag}-{i}", "city": "上海"} for i in range(50)]
    )
    scheduled = env.ref("jiancai_service.stage_scheduled")
    first = datetime.now().date() + timedelta(days=1)
    vals = []
    for day in (first + timedelta(days=d) for d in range(days)):
        if day.weekday() >= 5:
            continue
        for t, tech in enumerate(techs):
            # the last technician keeps the afternoons free: the booking page offers those
            for hour in JOB_HOURS if t < len(techs) - 1 else JOB_HOURS[:1]:
                start = datetime.combine(day, datetime.min.time()) + timedelta(hours=hour - 8)
                vals.append(
                    {
                        "name": "Bench job",
                        "jiancai_type_id": service_type.id,
                        "partner_id": partners[(t + hour) % 50].id,
                        "jiancai_technician_id": tech.id,
                        "user_id": tech.user_id.id,
                        "jiancai_start": start,
                        "jiancai_end": start + timedelta(hours=2),
                        "stage_id": scheduled.id,
                    }
                )
    tickets = env["helpdesk.ticket"].create(vals)
    new = env["helpdesk.ticket"].create(
        {"name": "Bench booking", "jiancai_type_id": service_type.id, "partner_id": partners[0].id}
    )
    link = new._jiancai_tracking_link(partner=partners[0])
    period = (
        datetime.combine(first, datetime.min.time()) - timedelta(hours=8),
        datetime.combine(first + timedelta(days=days), datetime.min.time()),
    )
    return tickets | new, link, period, (calendar, skill, service_type, users, partners)


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
        assert b"o_jiancai_service_slot" in response.data, "no time offered"
        queries = thread.query_count
        if best is None or elapsed < best[1]:
            best = (queries, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sizes", default="10,50")
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("-c", "--config", default="odoo.conf")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--db-filter", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    client = Client(odoo.http.root)
    print(f"{'techs':>5} {'jobs':>5}  {'read':<22} {'queries':>7} {'ms':>8} {'ratio':>6}")
    for size in (int(s) for s in args.sizes.split(",")):
        tag = f"{size}-{int(time.time())}"
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tickets, link, period, created = setup(env, size, args.days, tag)
            url = f"/jc/t/{link.id}?access_token={link.access_token}"
            cr.commit()
            try:
                admin = env(user=env.ref("base.user_admin").id)
                Ticket = admin["helpdesk.ticket"]
                domain = [
                    ("id", "in", tickets.ids),
                    ("jiancai_start", ">=", period[0]),
                    ("jiancai_start", "<", period[1]),
                ]
                jobs = Ticket.search_count(domain)

                def board_calendar(Ticket=Ticket, domain=domain):
                    Ticket.web_search_read(domain, CALENDAR_SPEC, limit=0)

                def board_kanban(Ticket=Ticket, domain=domain, jobs=jobs):
                    Ticket.web_read_group(
                        domain,
                        ["jiancai_technician_id"],
                        auto_unfold=True,
                        unfold_read_specification=KANBAN_SPEC,
                        unfold_read_default_limit=jobs,
                    )

                def baseline(Ticket=Ticket, domain=domain):
                    Ticket.web_search_read(domain, BASELINE_SPEC, limit=0)

                q_base, t_base = measure(env, baseline)
                rows = [
                    ("baseline ticket list", q_base, t_base),
                    ("board calendar", *measure(env, board_calendar)),
                    ("board kanban", *measure(env, board_kanban)),
                    ("booking page (http)", *measure_http(client, url)),
                ]
                for name, queries, elapsed in rows:
                    print(
                        f"{size:>5} {jobs:>5}  {name:<22} {queries:>7} "
                        f"{elapsed * 1000:>8.1f} {elapsed / t_base:>6.2f}"
                    )
            finally:
                cr.rollback()
                env.invalidate_all()
                calendar, skill, service_type, users, partners = created
                env["jiancai.tracking.link"].search(
                    [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
                ).unlink()
                env["jiancai.notification"].search(
                    [("res_model", "=", "helpdesk.ticket"), ("res_id", "in", tickets.ids)]
                ).unlink()
                tickets.unlink()
                env["jiancai.service.technician"].with_context(active_test=False).search(
                    [("user_id", "in", users.ids)]
                ).unlink()
                service_type.unlink()
                skill.unlink()
                partners_of_users = users.partner_id
                users.unlink()
                (partners | partners_of_users).unlink()
                calendar.unlink()
                cr.commit()


if __name__ == "__main__":
    main()
