from odoo import Command, fields
from odoo.tests import JsonRpcException, new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

PHONE = "375x812"
WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestExecutionPhone(JiancaiHttpCase):
    """A guide appeals a violation from a phone; the manager sees it on the desktop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.guide = new_test_user(
            env,
            login="jc_exec_guide",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="张伟 (test)",
            lang="en_US",
            tz="Asia/Shanghai",
        )
        cls.other = new_test_user(
            env,
            login="jc_exec_other",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="Other guide",
            lang="en_US",
        )
        cls.manager = new_test_user(
            env,
            login="jc_exec_manager",
            groups="base.group_user,jiancai_base.group_store_manager",
            lang="en_US",
        )
        cls.gm = new_test_user(
            env,
            login="jc_exec_gm",
            groups="base.group_user,jiancai_base.group_general_manager",
            lang="en_US",
        )
        store = env["crm.team"].create(
            {
                "name": "Phone Test Store",
                "jiancai_is_store": True,
                "jiancai_store_code": "PT1",
                "user_id": cls.manager.id,
                "member_ids": [Command.link(cls.guide.id), Command.link(cls.other.id)],
            }
        )
        partner = env["res.partner"].create({"name": "何志明 (test)"})
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": user.id,
                    "team_id": store.id,
                    "client_order_ref": "PHONE-TEST",
                }
                for user in (cls.guide, cls.other)
            ]
        )
        cls.rule = env["jiancai.execution.rule"].create(
            {
                "name": "Quotation not followed up (test)",
                "message": "Call the customer back within 3 working days.",
                "model_id": env.ref("sale.model_sale_order").id,
                "domain": f"[('id', 'in', {orders.ids})]",
                "responsible_type": "salesperson",
                "points": 2,
                "penalty": 30,
            }
        )
        created = cls.rule._evaluate(fields.Datetime.now())
        cls.mine = created.filtered(lambda v: v.user_id == cls.guide)
        cls.theirs = created.filtered(lambda v: v.user_id == cls.other)

    def test_guide_appeals_from_a_phone(self):
        with self.page("/jc/execution", login="jc_exec_guide", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_execution_item')", "list")
            self.shot(browser, "execution_phone_list")
            self.run_js(browser, "document.querySelector('.o_jiancai_execution_item').click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_execution_appeal')", "appeal form"
            )
            self.shot(browser, "execution_phone_violation")
            self.run_js(
                browser,
                "document.querySelector('#reason').value = "
                "'客户要求等新批次到货再送，已在微信确认。';"
                "document.querySelector('.o_jiancai_execution_appeal').submit();",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_execution_message')", "sent"
            )
            self.shot(browser, "execution_phone_appealed")
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.state, "appealed")
        self.assertIn("新批次", self.mine.appeal_reason)
        # the manager reviews it on the desktop
        with self.page(
            f"/odoo/violations/{self.mine.id}", login="jc_exec_manager", size=DESKTOP
        ) as browser:
            self.wait_for(browser, WEB_READY, "violation form")
            self.wait_for(
                browser, "!!document.querySelector('button[name=action_waive]')", "review buttons"
            )
            self.shot(browser, "execution_desktop_review")

    def test_other_people_and_bad_input(self):
        self.authenticate("jc_exec_guide", "jc_exec_guide")
        self.assertEqual(self.url_open(f"/jc/execution/{self.theirs.id}").status_code, 404)
        self.assertEqual(self.url_open("/jc/execution/999999999").status_code, 404)
        self.assertEqual(self.url_open("/jc/execution/abc").status_code, 404)
        page = self.post_form(
            "jc_exec_guide",
            f"/jc/execution/{self.theirs.id}/appeal",
            {"reason": "not mine"},
            form_url=f"/jc/execution/{self.mine.id}",
        )
        self.assertEqual(page.status_code, 404)
        page = self.post_form(
            "jc_exec_guide",
            f"/jc/execution/{self.mine.id}/appeal",
            {"reason": "  "},
            form_url=f"/jc/execution/{self.mine.id}",
        )
        self.assertEqual(page.status_code, 409)
        self.assertIn("needs a reason", page.text)
        page = self.post_form(
            "jc_exec_guide",
            f"/jc/execution/{self.mine.id}/appeal",
            {"reason": "x" * 5000},
            form_url=f"/jc/execution/{self.mine.id}",
        )
        self.assertEqual(page.status_code, 400)
        self.mine.invalidate_recordset()
        self.assertEqual(self.mine.state, "open")

    def test_hostile_json_rpc(self):
        """A guide scripting JSON-RPC: no rule, no state change, nobody else's violation."""
        calls = [
            (
                "jiancai.execution.rule",
                "create",
                [{"name": "Mine", "message": "x", "model_id": self.rule.model_id.id}],
            ),
            ("jiancai.execution.rule", "write", [[self.rule.id], {"points": 0}]),
            ("jiancai.execution.violation", "write", [[self.mine.id], {"state": "waived"}]),
            ("jiancai.execution.violation", "write", [[self.mine.id], {"points": 0}]),
            ("jiancai.execution.violation", "action_waive", [[self.mine.id]]),
            ("jiancai.execution.violation", "read", [[self.theirs.id], ["evidence"]]),
            ("jiancai.execution.violation", "action_appeal", [[self.theirs.id]]),
        ]
        for model, method, args in calls:
            with (
                self.subTest(method=method, args=args),
                self.assertRaises(JsonRpcException) as caught,
            ):
                self.call_kw("jc_exec_guide", model, method, args)
            self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        self.mine.invalidate_recordset()
        self.assertEqual((self.mine.state, self.mine.points), ("open", 2))

    def test_dashboard_and_ranking(self):
        with self.page("/odoo/execution-dashboard", login="jc_exec_gm", size=DESKTOP) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_kanban_record')", "dashboard")
            self.shot(browser, "execution_dashboard")
        with self.page(
            "/odoo/action-jiancai_execution.violation_action_ranking",
            login="jc_exec_gm",
            size=DESKTOP,
        ) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_graph_renderer canvas')", "graph")
            # let the bars finish growing before the picture
            self.run_js(browser, "new Promise((resolve) => setTimeout(() => resolve(true), 1500))")
            self.shot(browser, "execution_ranking")

    def test_dashboard_tour(self):
        """From a control point firing now to its documents, then to its violations."""
        self.start_tour(
            "/odoo/execution-dashboard", "jiancai_execution_dashboard_tour", login="jc_exec_gm"
        )


@tagged("post_install", "-at_install")
class TestExecutionRuleTour(JiancaiHttpCase):
    def test_general_manager_writes_a_rule(self):
        new_test_user(
            self.env,
            login="jc_exec_tour_gm",
            groups="base.group_user,jiancai_base.group_general_manager",
            lang="en_US",
        )
        self.start_tour(
            "/odoo/execution-rules", "jiancai_execution_rule_tour", login="jc_exec_tour_gm"
        )
        rule = self.env["jiancai.execution.rule"].search(
            [("name", "=", "Tour: order sold under 10 % margin")]
        )
        self.assertEqual(rule.model_name, "sale.order")
        self.assertEqual(rule.kind, "threshold")
        self.assertEqual(rule.threshold_field_id.name, "margin_percent")
        self.assertAlmostEqual(rule.threshold_value, 0.1)
        self.assertEqual(rule.owner_id.login, "jc_exec_tour_gm")
