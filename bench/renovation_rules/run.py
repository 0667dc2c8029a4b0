"""Record rules of renovations: what listing phases costs each role.

jiancai_renovation adds a global record rule on every project task (a renovation's phase
is seen only by its supervisor, its store, the general manager and its homeowner). This
measures, on N renovations of 8 phases each plus as many plain tasks, created in one
transaction and ROLLED BACK at the end (nothing is kept):

- baseline: the superuser (no rule at all) searching the phases of one supervisor;
- the supervisor's phase list (rules: their own sites);
- a store manager's phase list (rules: their store's sites, Odoo project-user rules);
- a project user's list of plain tasks (the renovation rule must cost them nothing much);

each also with the renovation's two global rules switched off (Odoo's rules only).

Each search is ``search_fetch`` of a list view's fields, cold cache; printed: milliseconds
and the ratio against the baseline measured in the same run.

    odoo -c odoo.conf -d jct_renovation_bench -i jiancai_renovation --stop-after-init  # once
    python3 bench/renovation_rules/run.py -d jct_renovation_bench [--sizes 100,1000]
"""

from __future__ import annotations

import argparse
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user
from odoo.tools import config

RUNS = 5
FIELDS = ["name", "project_id", "jiancai_phase_state", "jiancai_date_start", "partner_id"]


def timed(model, domain):
    best = float("inf")
    for _ in range(RUNS):
        model.env.invalidate_all()
        start = time.perf_counter()
        found = model.search_fetch(domain, FIELDS, limit=80)
        best = min(best, time.perf_counter() - start)
    return best * 1000, len(found)


def run(env, size):
    template = env.ref("jiancai_renovation.template_full")
    store = env["crm.team"].create(
        {"name": "Bench store", "jiancai_is_store": True, "jiancai_store_code": "B1"}
    )
    groups = "base.group_user,jiancai_base.group_supervisor"
    supervisors = [
        new_test_user(env, login=f"bench_sup_{size}_{i}", groups=groups) for i in range(10)
    ]
    manager = new_test_user(
        env, login=f"bench_mgr_{size}", groups="base.group_user,jiancai_base.group_store_manager"
    )
    store.user_id = manager
    project_user = new_test_user(
        env, login=f"bench_pu_{size}", groups="base.group_user,project.group_project_user"
    )
    owner = env["res.partner"].create({"name": "Bench owner"})
    env["project.project"].create(
        [
            {
                "name": f"Bench site {i}",
                "jiancai_is_renovation": True,
                "partner_id": owner.id,
                "jiancai_supervisor_id": supervisors[i % 10].id,
                "jiancai_store_id": store.id if i % 2 else False,
                "jiancai_template_id": template.id,
            }
            for i in range(size)
        ]
    )
    plain = env["project.project"].create(
        {"name": "Bench plain", "privacy_visibility": "employees"}
    )
    env["project.task"].create(
        [{"name": f"Plain {i}", "project_id": plain.id} for i in range(size * 8)]
    )
    env.flush_all()
    phases = [("jiancai_is_phase", "=", True)]
    sup = supervisors[0]
    cases = [
        ("supervisor: my phases", env["project.task"].with_user(sup), phases),
        ("store manager: the store's phases", env["project.task"].with_user(manager), phases),
        ("project user: plain tasks", env["project.task"].with_user(project_user),
         [("project_id", "=", plain.id)]),
    ]  # fmt: skip
    base_ms, base_n = timed(env["project.task"], [*phases, ("jiancai_supervisor_id", "=", sup.id)])
    with_rules = [timed(model, domain) for _label, model, domain in cases]
    # the same searches without the renovation's two global rules (Odoo's own rules only)
    rules = env.ref("jiancai_renovation.project_task_rule_renovation_scope") | env.ref(
        "jiancai_renovation.project_project_rule_renovation_scope"
    )
    rules.active = False
    without = [timed(model, domain) for _label, model, domain in cases]
    rules.active = True
    print(f"\n{size} renovations ({size * 8} phases) + {size * 8} plain tasks")
    print("| search (80 rows, list fields) | rows | ms | ratio | without the renovation rule |")
    print("| --- | ---: | ---: | ---: | ---: |")
    print(f"| superuser, one supervisor's phases (baseline) | {base_n} | {base_ms:.1f} | x1.0 | |")
    for (label, _m, _d), (ms, count), (ms0, count0) in zip(cases, with_rules, without, strict=True):
        print(
            f"| {label} | {count} | {ms:.1f} | x{ms / base_ms:.1f} "
            f"| {ms0:.1f} ms (x{ms0 / base_ms:.1f}, {count0} rows) |"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", default="odoo.conf")
    parser.add_argument("-d", "--database", default="jct_renovation_bench")
    parser.add_argument("--sizes", default="100,1000")
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--db-filter", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    for size in (int(s) for s in args.sizes.split(",")):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True,
                                                     "mail_create_nolog": True})  # fmt: skip
            try:
                run(env, size)
            finally:
                cr.rollback()


if __name__ == "__main__":
    main()
