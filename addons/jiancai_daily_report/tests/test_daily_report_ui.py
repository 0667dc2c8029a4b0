from datetime import timedelta

from odoo.tests import JsonRpcException, tagged
from odoo.tools import mute_logger

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

from .common import DailyReportCase

PHONE = "375x812"
WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestDailyReportPhone(JiancaiHttpCase, DailyReportCase):
    """The guide writes the day on a phone; the manager reviews it there. The browser runs at
    the real clock: yesterday's report is written for the real yesterday."""

    def setUp(self):
        super().setUp()
        today = self.Report._today()
        self.yesterday = self.write_report(date=today - timedelta(days=1))
        self.yesterday._set_plan("给何先生发到货通知\n回访徐女士")
        self.yesterday.with_user(self.guide).action_submit()

    def mine_today(self):
        return self.Report.search(
            [("user_id", "=", self.guide.id), ("date", "=", self.Report._today())]
        )

    def test_guide_writes_and_submits_on_the_phone(self):
        login = self.guide.login
        with self.page("/jc/report", login=login, size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_check_plans')", "plans"
            )
            self.shot(browser, "daily_report_phone_empty_375")
            self.run_js(
                browser,
                "document.querySelector('#jc_done').value = '接待 5 组客户，何先生交了定金。';"
                "document.querySelector('#jc_problem').value = '灰色岩板库存不够。';"
                "document.querySelector('#jc_plan').value = '1. 给何先生约送货\\n2. 整理样板';"
                "document.querySelector('input[name=done_plan_ids]').checked = true;"
                "document.querySelector('.o_jiancai_report_submit').click();",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_message')", "submitted"
            )
            self.shot(browser, "daily_report_phone_submitted_375")
        report = self.mine_today()
        self.assertEqual(report.state, "submitted")
        self.assertIn("何先生交了定金", report.done_text)
        self.assertEqual(report.plan_ids.mapped("name"), ["给何先生约送货", "整理样板"])
        self.assertEqual(report.check_plan_ids, self.yesterday.plan_ids)
        self.assertEqual(report.plan_done_count, 1)

    def test_manager_reviews_on_the_phone_and_the_desktop(self):
        report = self.write_report(problem_text="灰色岩板只剩 12 箱。")
        report._set_plan("约何先生看样")
        report.with_user(self.guide).action_submit()
        login = self.manager.login
        with self.page("/jc/report?scope=store", login=login, size=PHONE) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_report_team_problems')",
                "the team's reports on the store report",
            )
            self.assertIn("灰色岩板只剩 12 箱", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "daily_report_phone_store_375")
        with self.page("/jc/report/team", login=login, size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_team_store')", "team"
            )
            self.shot(browser, "daily_report_phone_team_375")
        with self.page(f"/jc/report/{report.id}", login=login, size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_review')", "review form"
            )
            self.run_js(
                browser,
                "document.querySelector('#jc_comment').value = '好的，明天把岩板的事落实。';"
                "document.querySelector('.o_jiancai_report_review button').click();",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_message')", "reviewed"
            )
            self.shot(browser, "daily_report_phone_reviewed_375")
            self.assertIn("明天把岩板的事落实", self.run_js(browser, "document.body.innerText"))
        report.invalidate_recordset()
        self.assertEqual((report.state, report.reviewed_by_id), ("reviewed", self.manager))
        with self.page(
            f"/odoo/action-jiancai_daily_report.daily_report_action/{report.id}",
            login=self.gm.login,
            size=DESKTOP,
        ) as browser:
            self.wait_for(browser, WEB_READY, "report form")
            self.wait_for(
                browser,
                "!!document.querySelector('.o_form_view .o_field_widget[name=done_text]')",
                "form fields",
            )
            self.shot(browser, "daily_report_desktop_form")

    def test_bad_input_is_refused_and_nothing_is_half_saved(self):
        login = self.guide.login
        refused = {
            "x" * 4001: "under 4000",
        }
        for text, reason in refused.items():
            page = self.post_form(login, "/jc/report/save", {"done_text": text}, "/jc/report")
            self.assertEqual(page.status_code, 400)
            self.assertIn(reason, page.text)
        page = self.post_form(
            login,
            "/jc/report/save",
            {"done_text": "ok", "plan": "\n".join(f"事项 {n}" for n in range(21))},
            "/jc/report",
        )
        self.assertEqual(page.status_code, 409)
        self.assertIn("at most 20", page.text)
        self.assertFalse(self.mine_today(), "nothing half-written")
        # the store's traffic, as the manager types it
        manager = self.manager.login
        for traffic in ("nan", "inf", "1e3", "-3", "٣٥", "3.5", "100001"):
            page = self.post_form(
                manager,
                "/jc/report/save",
                {"scope": "store", "done_text": "ok", "traffic": traffic},
                "/jc/report?scope=store",
            )
            self.assertEqual(page.status_code, 400, traffic)
            self.assertIn("Traffic", page.text)
        page = self.post_form(
            manager,
            "/jc/report/save",
            {"scope": "store", "done_text": "ok", "traffic": "３５"},
            "/jc/report?scope=store",
        )
        self.assertEqual(page.status_code, 200)
        store_report = self.Report.search(
            [("scope", "=", "store"), ("store_id", "=", self.store.id)]
        )
        self.assertEqual((store_report.traffic, store_report.state), (35, "draft"))

    def test_other_people_get_404(self):
        theirs = self.write_report(self.other_guide)
        self.authenticate(self.guide.login, self.guide.login)
        self.assertEqual(self.url_open(f"/jc/report/{theirs.id}").status_code, 404)
        self.assertEqual(self.url_open("/jc/report/999999999").status_code, 404)
        self.assertEqual(self.url_open("/jc/report?scope=store").status_code, 404)  # no store
        self.assertEqual(self.url_open("/jc/report/team").status_code, 404)
        # reviewing a report one may read but not review
        page = self.post_form(
            self.guide.login,
            f"/jc/report/{self.yesterday.id}/review",
            {"comment": "mine"},
            "/jc/report",
        )
        self.assertEqual(page.status_code, 409)
        self.assertEqual(self.yesterday.state, "submitted")
        self.authenticate(self.portal_user.login, self.portal_user.login)
        self.assertEqual(self.url_open("/jc/report").status_code, 404)

    def test_hostile_json_rpc(self):
        login = self.guide.login
        calls = [
            ("write", [[self.yesterday.id], {"state": "reviewed"}]),
            ("write", [[self.yesterday.id], {"order_amount": 1e9}]),
            ("create", [{"user_id": self.other_guide.id, "done_text": "x"}]),
        ]
        for method, args in calls:
            with self.subTest(method=method), self.assertRaises(JsonRpcException) as caught:
                self.call_kw(login, "jiancai.daily.report", method, args)
            self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(login, "jiancai.daily.report", "action_review", [[self.yesterday.id]])
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        # a second report for the same day: the unique index, worded
        self.call_kw(login, "jiancai.daily.report", "create", [{"done_text": "one"}])
        with mute_logger("odoo.sql_db"), self.assertRaises(JsonRpcException) as caught:
            self.call_kw(login, "jiancai.daily.report", "create", [{"done_text": "two"}])
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.ValidationError")
