from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import NOW, DailyReportCase


@tagged("post_install", "-at_install")
class TestDailyReportSecurity(DailyReportCase):
    @freeze_time(NOW)
    def test_staff_see_their_own_managers_their_store(self):
        mine = self.write_report()
        theirs = self.write_report(self.other_guide)
        Report = self.Report.with_user(self.guide)
        self.assertEqual(Report.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.guide).read(["done_text"])
        with self.assertRaises(AccessError):
            mine.with_user(self.other_guide).read(["plan_ids"])
        # the store manager reads the store's (not another store's), the GM all
        self.assertIn(mine, self.Report.with_user(self.manager).search([]))
        self.assertNotIn(theirs, self.Report.with_user(self.manager).search([]))
        self.assertIn(theirs, self.Report.with_user(self.gm).search([]))

    @freeze_time(NOW)
    def test_no_writing_for_someone_else_or_their_steps(self):
        with self.assertRaisesRegex(AccessError, "by its author"):
            self.Report.with_user(self.guide).create(
                {"user_id": self.other_guide.id, "done_text": "x"}
            )
        report = self.write_report()
        for vals in (
            {"state": "reviewed"},
            {"submitted_at": NOW},
            {"order_amount": 999999},
            {"reviewed_by_id": self.gm.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                report.with_user(self.guide).write(vals)
        with self.assertRaisesRegex(AccessError, "cannot change"):
            report.with_user(self.guide).write({"user_id": self.other_guide.id})
        # the manager reads but does not edit what the guide wrote
        with self.assertRaisesRegex(AccessError, "comment on it"):
            report.with_user(self.manager).write({"done_text": "rewritten"})
        with self.assertRaises(AccessError):
            report.with_user(self.manager).unlink()
        # plan items: only the author plans, and ticks in the report of the day
        report._set_plan("call 何先生")
        plan = report.plan_ids
        with self.assertRaises(AccessError):
            plan.with_user(self.manager).write({"name": "changed"})
        with self.assertRaisesRegex(UserError, "report of the day"):
            plan.with_user(self.guide).write({"done": True})
        with self.assertRaises(AccessError):
            plan.with_user(self.guide).write({"checked_report_id": report.id})
        # nor slipped into someone else's report, planned or to tick
        theirs = self.write_report(self.other_guide)
        Plan = self.env["jiancai.daily.plan"].with_user(self.guide)
        for vals in (
            {"report_id": theirs.id, "name": "x"},
            {"report_id": report.id, "name": "x", "checked_report_id": theirs.id},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                Plan.create(vals)
        self.assertFalse(theirs.plan_ids | theirs.check_plan_ids)

    @freeze_time(NOW)
    def test_a_store_report_only_by_its_manager(self):
        with self.assertRaisesRegex(Exception, "written by its manager"):
            self.write_report(self.gm, scope="store", store_id=self.store.id, traffic=5)
