from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ExecutionCase


@tagged("post_install", "-at_install")
class TestExecutionRule(ExecutionCase):
    # ------------------------------------------------------------------ validation
    def test_invalid_conditions_refused_with_the_reason(self):
        cases = {
            "[('no_such_field', '=', 1)]": "no_such_field",
            "[('state', '=', ": "not a list of criteria",
            "__import__('os').system('true')": "not a list of criteria",
            "{'a': 1}": "not a list of criteria",
            "[('amount_total', '=', 'abc')]": "not valid",
        }
        for domain, reason in cases.items():
            with self.subTest(domain=domain), self.assertRaises(ValidationError) as caught:
                self.make_rule(domain=domain)
            self.assertIn(reason, str(caught.exception))
        with self.assertRaisesRegex(ValidationError, "needs a date field"):
            self.make_rule(kind="deadline", days=3)
        with self.assertRaisesRegex(ValidationError, "is not a field of"):
            self.make_rule(
                kind="deadline",
                days=3,
                date_field_id=self.field("stock.quant", "in_date").id,
            )
        with self.assertRaisesRegex(ValidationError, "has no salesperson"):
            self.make_rule(model_id=self.env.ref("base.model_res_country").id)
        with self.assertRaisesRegex(ValidationError, "daily time"):
            self.make_rule(
                kind="daily",
                daily_hour=25,
                date_field_id=self.field("sale.order", "create_date").id,
                person_field_id=self.field("sale.order", "user_id").id,
                subject_group_id=self.env.ref("jiancai_base.group_sales_guide").id,
            )

    def test_staff_cannot_write_rules(self):
        rule = self.make_rule()
        for role in ("guide", "store_manager", "finance"):
            user = self.users[role]
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    self.Rule.with_user(user).create(
                        {"name": "Mine", "message": "x", "model_id": self.sale_model.id}
                    )
                with self.assertRaises(AccessError):
                    rule.with_user(user).write({"points": 0})
                with self.assertRaises(AccessError):
                    rule.with_user(user).unlink()
                # reading the rules of the house is allowed
                self.assertEqual(rule.with_user(user).name, "Test rule")

    # ------------------------------------------------------------------ kinds
    def test_match_rule_charges_the_salesperson_once(self):
        mine = self.make_order(client_order_ref=False)
        other = self.make_order(user=self.other_guide)
        self.make_order(client_order_ref="REF-1")
        rule = self.make_rule(
            domain=f"[('client_order_ref', '=', False), ('id', 'in', {[mine.id, other.id]})]"
        )
        created = self.run_rule(rule)
        self.assertEqual(len(created), 2)
        by_user = {v.user_id: v for v in created}
        self.assertEqual(by_user[self.guide].res_id, mine.id)
        self.assertEqual(by_user[self.guide].res_model, "sale.order")
        self.assertEqual(by_user[self.guide].store_id, self.store)
        self.assertEqual(by_user[self.other_guide].res_id, other.id)
        self.assertEqual(by_user[self.guide].points, 2)
        self.assertEqual(by_user[self.guide].penalty, 20)
        self.assertIn(mine.name, by_user[self.guide].evidence)
        # the dashboard drills down to the documents breaking the rule now
        self.assertEqual(rule.firing_count, 2)
        action = rule.action_view_firing()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), mine | other)
        # the next runs find the same breaches and raise nothing new
        self.assertFalse(self.run_rule(rule))
        self.assertFalse(self.run_rule(rule))
        self.assertEqual(len(self.violations(rule)), 2)
        # the person is told in the inbox
        notes = self.env["jiancai.notification"].search(
            [("res_model", "=", "jiancai.execution.violation"), ("res_id", "in", created.ids)]
        )
        self.assertEqual(set(notes.mapped("channel")), {"inbox"})
        self.assertEqual(len(notes), 2)

    def test_deadline_in_working_days(self):
        # promised on Friday 4 Dec 2026; 3 working days after = Wednesday 9 Dec
        order = self.make_order(commitment_date=datetime(2026, 12, 4, 2, 0), confirm=True)
        rule = self.make_rule(
            kind="deadline",
            domain=f"[('id', '=', {order.id}), ('delivery_status', '!=', 'full')]",
            date_field_id=self.field("sale.order", "commitment_date").id,
            days=3,
            day_kind="working",
        )
        # Wednesday 9 Dec, 23:00 in Shanghai: not late yet
        self.assertFalse(self.run_rule(rule, datetime(2026, 12, 9, 15, 0)))
        self.assertEqual(rule.state, "ok")
        # Thursday 10 Dec, 00:30 in Shanghai (still the 9th in UTC): late
        created = self.run_rule(rule, datetime(2026, 12, 9, 16, 30))
        self.assertEqual(created.res_id, order.id)
        self.assertEqual(created.user_id, self.guide)
        self.assertEqual(created.period, "2026-12")
        self.assertIn("3 working days after", created.evidence)
        # calendar days: 3 days after Friday = Monday 7, late on Tuesday 8
        calendar_rule = self.make_rule(
            kind="deadline",
            domain=f"[('id', '=', {order.id})]",
            date_field_id=self.field("sale.order", "commitment_date").id,
            days=3,
            day_kind="calendar",
        )
        self.assertTrue(self.run_rule(calendar_rule, datetime(2026, 12, 8, 1, 0)))

    def test_deadline_skips_company_holidays(self):
        calendar = self.env.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company day off",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 12, 7, 0, 0),
                "date_to": datetime(2026, 12, 7, 23, 0),
            }
        )
        order = self.make_order(commitment_date=datetime(2026, 12, 4, 2, 0), confirm=True)
        rule = self.make_rule(
            kind="deadline",
            domain=f"[('id', '=', {order.id})]",
            date_field_id=self.field("sale.order", "commitment_date").id,
            days=3,
        )
        # Monday off: 3 working days after Friday = Thursday 10; Thursday evening not late
        self.assertFalse(self.run_rule(rule, datetime(2026, 12, 10, 12, 0)))
        self.assertTrue(self.run_rule(rule, datetime(2026, 12, 11, 2, 0)))

    def test_threshold_rule(self):
        low = self.make_order(price=85.0)  # cost 80: margin 5.9 %
        high = self.make_order(price=100.0)  # margin 20 %
        rule = self.make_rule(
            kind="threshold",
            domain=f"[('id', 'in', {[low.id, high.id]})]",
            threshold_field_id=self.field("sale.order", "margin_percent").id,
            threshold_operator="<",
            threshold_value=0.08,
        )
        created = self.run_rule(rule)
        self.assertEqual(created.res_id, low.id)
        above = self.make_rule(
            kind="threshold",
            domain=f"[('id', 'in', {[low.id, high.id]})]",
            threshold_field_id=self.field("sale.order", "amount_untaxed").id,
            threshold_operator=">",
            threshold_value=900,
        )
        self.assertEqual(self.run_rule(above).res_id, high.id)

    def _backdate(self, rule, when):
        self.env.cr.execute(
            "UPDATE jiancai_execution_rule SET create_date = %s WHERE id = %s", (when, rule.id)
        )
        rule.invalidate_recordset(["create_date"])

    def test_daily_rule_per_person(self):
        group = self.env["res.groups"].create({"name": "Test daily reporters"})
        group.user_ids = [(4, self.guide.id), (4, self.other_guide.id)]
        rule = self.make_rule(
            kind="daily",
            date_field_id=self.field("sale.order", "date_order").id,
            person_field_id=self.field("sale.order", "user_id").id,
            subject_group_id=group.id,
            daily_hour=12.0,
            day_kind="calendar",
        )
        self._backdate(rule, datetime(2026, 12, 6, 1, 0))  # 09:00 in Shanghai
        # the guide quotes at 10:00 in Shanghai; the other guide quotes only at 13:00
        self.make_order(date_order=datetime(2026, 12, 6, 2, 0))
        self.make_order(user=self.other_guide, date_order=datetime(2026, 12, 6, 5, 0))
        # 11:00 in Shanghai: the deadline of the 6th has not passed, the 5th predates the rule
        self.assertFalse(self.run_rule(rule, datetime(2026, 12, 6, 3, 0)))
        # 12:30 in Shanghai
        created = self.run_rule(rule, datetime(2026, 12, 6, 4, 30))
        self.assertEqual(created.user_id, self.other_guide)
        self.assertEqual(created.dedup_key, f"day:user:{self.other_guide.id}:2026-12-06")
        self.assertIn("by 12:00 on 2026-12-06", created.evidence)
        self.assertFalse(self.run_rule(rule, datetime(2026, 12, 6, 9, 0)))
        # the next day is a new breach, for both
        self.assertEqual(len(self.run_rule(rule, datetime(2026, 12, 7, 5, 0))), 2)

    def test_daily_rule_per_store_charges_the_manager(self):
        rule = self.make_rule(
            kind="daily",
            daily_subject="store",
            date_field_id=self.field("sale.order", "date_order").id,
            store_field_id=self.field("sale.order", "team_id").id,
            daily_hour=20.0,
            day_kind="calendar",
            domain="[('client_order_ref', '=', 'DAILY-REPORT')]",
        )
        self._backdate(rule, datetime(2026, 12, 6, 1, 0))
        created = self.run_rule(rule, datetime(2026, 12, 6, 13, 0))
        mine = created.filtered(lambda v: v.store_id == self.store)
        self.assertEqual(mine.user_id, self.manager)
        self.assertEqual(mine.res_model, "crm.team")
        # a store that recorded one in time is not charged the next day
        self.make_order(client_order_ref="DAILY-REPORT", date_order=datetime(2026, 12, 7, 3, 0))
        created = self.run_rule(rule, datetime(2026, 12, 7, 13, 0))
        self.assertNotIn(self.store, created.store_id)

    def test_store_manager_and_named_person(self):
        order = self.make_order()
        rule = self.make_rule(domain=f"[('id', '=', {order.id})]", responsible_type="store_manager")
        self.assertEqual(self.run_rule(rule).user_id, self.manager)
        named = self.make_rule(
            domain=f"[('id', '=', {order.id})]",
            responsible_type="fixed",
            responsible_user_id=self.users["finance"].id,
        )
        self.assertEqual(self.run_rule(named).user_id, self.users["finance"])
        with self.assertRaisesRegex(ValidationError, "choose the named person"):
            self.make_rule(responsible_type="fixed")

    def test_broken_rule_marked_failed_others_still_run(self):
        order = self.make_order()
        good = self.make_rule(name="Good", domain=f"[('id', '=', {order.id})]")
        broken = self.make_rule(name="Broken", domain=f"[('id', '=', {order.id})]")
        # a field removed later (e.g. its module uninstalled) breaks the stored condition
        self.env.cr.execute(
            "UPDATE jiancai_execution_rule SET domain = %s WHERE id = %s",
            ("[('gone_field', '=', 1)]", broken.id),
        )
        broken.invalidate_recordset()
        with mute_logger("odoo.addons.jiancai_execution.models.jiancai_execution_rule"):
            created = (broken | good).sudo()._evaluate(fields.Datetime.now())
        self.assertEqual(created.rule_id, good)
        self.assertEqual(broken.state, "failed")
        self.assertIn("gone_field", broken.last_error)
        self.assertEqual(good.state, "ok")
        told = self.env["jiancai.notification"].search(
            [("res_model", "=", "jiancai.execution.rule"), ("res_id", "=", broken.id)]
        )
        self.assertTrue(told)
        self.assertIn(self.gm.partner_id, told.partner_id)
        self.assertEqual(broken.firing_count, 0)

    def test_event_rule_runs_through_base_automation(self):
        rule = self.make_rule(
            trigger="event",
            domain="[('client_order_ref', '=', 'URGENT-NO-DATE'), ('commitment_date', '=', False)]",
        )
        self.assertTrue(rule.automation_id.active)
        self.assertEqual(rule.automation_id.trigger, "on_create_or_write")
        order = self.make_order()
        self.env.cr.flush()  # what a commit runs: the precommit evaluation
        self.assertFalse(self.violations(rule))
        order.client_order_ref = "URGENT-NO-DATE"
        # evaluated once the operation is over, not in the middle of the write
        self.assertFalse(self.violations(rule))
        self.env.cr.flush()
        self.assertEqual(self.violations(rule).res_id, order.id)
        # dated in the same transaction: the final state is not a breach
        other = self.make_order(client_order_ref="URGENT-NO-DATE")
        other.commitment_date = fields.Datetime.now()
        self.env.cr.flush()
        self.assertFalse(self.violations(rule).filtered(lambda v: v.res_id == other.id))
        rule.with_user(self.gm).active = False
        self.assertFalse(rule.automation_id.active)

    def test_cron_runs_due_rules_only(self):
        order = self.make_order()
        due = self.make_rule(
            domain=f"[('id', '=', {order.id})]", trigger="interval", interval_minutes=15
        )
        later = self.make_rule(domain=f"[('id', '=', {order.id})]")
        later.sudo().next_run = fields.Datetime.now() + timedelta(hours=3)
        due.sudo().next_run = fields.Datetime.now() - timedelta(minutes=1)
        self.Rule._cron_evaluate()
        self.assertTrue(self.violations(due))
        self.assertFalse(self.violations(later))
        self.assertGreater(due.next_run, fields.Datetime.now() + timedelta(minutes=14))

    def test_one_query_per_rule_whatever_the_number_of_documents(self):
        def queries_for(count):
            orders = self.env["sale.order"].browse(
                [self.make_order(client_order_ref=f"Q{count}").id for _i in range(count)]
            )
            rule = self.make_rule(domain=f"[('client_order_ref', '=', 'Q{count}')]")
            # a first run raises the violations, the second finds them all known
            self.run_rule(rule)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.run_rule(rule)
            self.env.flush_all()
            self.assertEqual(len(self.violations(rule)), len(orders))
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries_for(2), queries_for(25))
