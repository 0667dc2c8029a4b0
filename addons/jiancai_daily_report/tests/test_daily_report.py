from datetime import timedelta

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import NOW, DailyReportCase

TOMORROW = NOW + timedelta(days=1)


@tagged("post_install", "-at_install")
class TestDailyReport(DailyReportCase):
    @freeze_time(NOW)
    def test_guide_reports_the_day_and_plans_tomorrow(self):
        # the report's day is the local day (Shanghai): 23:30 local counts, 00:10 does not
        self.sell(self.guide, 1000, NOW - timedelta(hours=1))
        self.sell(self.guide, 500, NOW.replace(hour=15, minute=30))  # 23:30 local
        self.sell(self.guide, 700, NOW.replace(hour=16, minute=10))  # 00:10 the next day
        self.sell(self.guide, 900, NOW - timedelta(days=1))
        self.sell(self.users["store_manager"], 300, NOW)  # not the guide's
        report = self.write_report()
        self.assertEqual(report.date.isoformat(), "2026-12-08")
        self.assertEqual(report.store_id, self.store)
        self.assertEqual((report.order_count, report.order_amount), (2, 1500))
        self.assertEqual(report.state, "draft")
        report._set_plan("1. 给何先生打电话\n２、 量房  徐女士\n\n- 给何先生打电话\n  ")
        self.assertEqual(report.plan_ids.mapped("name"), ["给何先生打电话", "量房 徐女士"])
        self.assertEqual(set(report.plan_ids.mapped("plan_date")), {TOMORROW.date()})
        # typing the plan again keeps the items already there (and their ids)
        kept = report.plan_ids[0]
        report._set_plan("给何先生打电话\n整理样板")
        self.assertIn(kept, report.plan_ids)
        self.assertEqual(report.plan_ids.mapped("name"), ["给何先生打电话", "整理样板"])
        report.with_user(self.guide).action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertTrue(report.submitted_at)
        self.assertIn(self.manager.partner_id, report.message_partner_ids)
        # figures are frozen once submitted
        self.sell(self.guide, 2000, NOW)
        report.with_user(self.gm).read(["order_amount"])
        self.assertEqual(report.order_amount, 1500)
        with freeze_time(TOMORROW):
            nxt = self.write_report()
            self.assertEqual(nxt.check_plan_ids, report.plan_ids)
            self.assertEqual((nxt.plan_count, nxt.completion), (2, 0))
            nxt.with_user(self.guide).write(
                {"check_plan_ids": [(1, report.plan_ids[0].id, {"done": True})]}
            )
            self.assertEqual((nxt.plan_done_count, nxt.completion), (1, 50))

    @freeze_time(NOW)
    def test_submit_needs_what_was_done(self):
        report = self.write_report(done_text="  ")
        with self.assertRaisesRegex(UserError, "what you did today"):
            report.with_user(self.guide).action_submit()
        store_report = self.write_report(self.manager, scope="store", traffic=0)
        with self.assertRaisesRegex(UserError, "came into the store"):
            store_report.with_user(self.manager).action_submit()
        store_report.with_user(self.manager).traffic = 35
        store_report.with_user(self.manager).action_submit()
        self.assertEqual(store_report.state, "submitted")

    @freeze_time(NOW)
    def test_submitted_report_is_not_edited_but_commented(self):
        report = self.write_report()
        report.with_user(self.guide).action_submit()
        for vals in ({"done_text": "changed"}, {"traffic": 5}, {"date": "2026-12-01"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "chatter"):
                report.with_user(self.guide).write(vals)
        with self.assertRaises(UserError):
            report.with_user(self.guide)._set_plan("more")
        with self.assertRaises(UserError):
            report.with_user(self.guide).unlink()
        report.with_user(self.guide).message_post(body="Forgot: 何先生 paid the deposit.")

    @freeze_time(NOW)
    def test_one_report_per_person_and_store_per_day(self):
        self.write_report()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            with self.env.cr.savepoint():
                self.write_report()
        self.write_report(self.manager)  # the manager's own report
        self.write_report(self.manager, scope="store", traffic=10)  # and the store's
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            with self.env.cr.savepoint():
                self.write_report(self.manager, scope="store", traffic=11)

    @freeze_time(NOW)
    def test_bad_values_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "not before"), self.env.cr.savepoint():
            self.write_report(date="2026-12-09")
        with (
            self.assertRaisesRegex(ValidationError, "written by its manager"),
            self.env.cr.savepoint(),
        ):
            self.write_report(scope="store", traffic=3)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.CheckViolation),
            self.env.cr.savepoint(),
        ):
            self.write_report(self.manager, scope="store", traffic=-1)
        with self.assertRaisesRegex(ValidationError, "under 4000"), self.env.cr.savepoint():
            self.write_report(done_text="好" * 4001)
        report = self.write_report()
        with self.assertRaisesRegex(ValidationError, "at most 20"):
            report._set_plan("\n".join(f"item {n}" for n in range(21)))
        with self.assertRaisesRegex(ValidationError, "under 200"):
            report._set_plan("x" * 201)
        self.assertFalse(report.plan_ids)

    @freeze_time(NOW)
    def test_review(self):
        report = self.write_report()
        with self.assertRaisesRegex(UserError, "submitted report"):
            report.with_user(self.manager).action_review()
        report.with_user(self.guide).action_submit()
        with self.assertRaises(AccessError):  # not one's own
            report.with_user(self.guide).action_review()
        report.with_user(self.manager).action_review(comment="明天早点来，客户 9 点到。")
        self.assertEqual((report.state, report.reviewed_by_id), ("reviewed", self.manager))
        self.assertIn("客户 9 点到", report.message_ids[0].body)
        # a store report is the general manager's to review, not its own manager's
        store_report = self.write_report(self.manager, scope="store", traffic=20)
        store_report.with_user(self.manager).action_submit()
        self.assertIn(self.gm.partner_id, store_report.message_partner_ids)
        with self.assertRaises(AccessError):
            store_report.with_user(self.manager).action_review()
        store_report.with_user(self.gm).action_review()
        self.assertEqual(store_report.state, "reviewed")
