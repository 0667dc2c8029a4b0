from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from odoo.addons.jiancai_base.exceptions import Gate
from odoo.addons.jiancai_execution.tests.common import ControlPointMixin

from .common import DailyReportCase


@tagged("post_install", "-at_install")
class TestDailyReportControlPoints(ControlPointMixin, DailyReportCase):
    control_point_module = "jiancai_daily_report"

    def setUp(self):
        super().setUp()
        # two days after the rules were installed (they judge days after their creation),
        # 23:00 in Shanghai: the 22:00 deadline of the day has passed
        day = fields.Datetime.now().date() + timedelta(days=2)
        self.late_evening = datetime.combine(day, datetime.min.time()) + timedelta(hours=15)

    def test_no_store_report_blocks_the_managers_approvals_the_next_day(self):
        rule = self.switch_on("cp_store_daily_report")
        self.assertEqual(rule.gate_checkpoint_id, self.env.ref("jiancai_base.checkpoint_approval"))
        other_store = self.store.copy(
            {"name": "Other Store", "jiancai_store_code": "T002", "user_id": self.gm.id}
        )
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        with freeze_time(self.late_evening):
            # the other store reported (and a draft does not count)
            done = self.write_report(self.gm, scope="store", store_id=other_store.id, traffic=9)
            done.with_user(self.gm).action_submit()
            self.write_report(self.manager, scope="store", traffic=12)  # left a draft
            fired = self.fired(rule, self.store | other_store)
            self.assertEqual(fired.res_id, self.store.id)
            self.assertEqual(fired.user_id, self.manager)
            # the next morning, every approval (a tier review of any document) passes the
            # approval checkpoint, whose "Execution rules" check refuses the manager
            approval = Gate(code="approval")
            with freeze_time(self.late_evening + timedelta(hours=10)):
                issues = order.with_user(self.manager)._jiancai_gate_execution(approval)
                self.assertEqual(len(issues), 1)
                self.assertIn(rule.message, issues[0].message)
                self.assertIn("/jc/report", issues[0].hint)
                # others approve
                self.assertFalse(order.with_user(self.gm)._jiancai_gate_execution(approval))
                # waived by the general manager: approvals again
                fired.with_user(self.gm).action_waive(note="报告晚了 10 分钟，已补交。")
                self.assertFalse(order.with_user(self.manager)._jiancai_gate_execution(approval))

    def test_guides_without_a_report(self):
        rule = self.switch_on("cp_guide_daily_report")
        self.store.member_ids |= self.other_guide
        calendar = rule._work_calendar()
        evening = self.late_evening
        while not calendar.is_working(evening.date()):
            evening += timedelta(days=1)
        with freeze_time(evening):
            report = self.write_report()
            report.with_user(self.guide).action_submit()
            draft = self.write_report(self.other_guide)  # a draft is no report
            fired = self.fired(rule, self.guide | self.other_guide)
        self.assertEqual(fired.mapped("user_id"), self.other_guide)
        self.assertIn(draft.date.isoformat(), fired.evidence)
