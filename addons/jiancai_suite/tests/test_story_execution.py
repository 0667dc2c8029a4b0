"""The demo dealer's story, execution chapter (执行力), on the demo data.

The general manager has switched on the control point "quotation not followed up"; a
quotation of the guide 张伟 for 何志明 lies untouched for a week; the nightly run charges
张伟, who is told in his inbox and appeals from his phone; the store manager 李秀英 reads
the appeal and waives it. Meanwhile the house rule "a guide with stale quotations may not
confirm new orders" blocks 张伟's next confirmation, naming the rule and what to do, and
lets it pass once the violation is waived.
"""

from odoo import fields
from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

PHONE_375 = "375x812"
WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestStoryExecution(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.guide = ref("jiancai_base.user_guide_xuhui")
        cls.manager = ref("jiancai_base.user_manager_xuhui")
        cls.customer = ref("jiancai_base.partner_customer_he")
        cls.tile = ref("jiancai_base.product_tile_yunshihui").product_variant_id
        cls.follow_up = ref("jiancai_execution.cp_quotation_follow_up")
        cls.stale_gate = ref("jiancai_execution.demo_rule_quotation_gate")

    def _quotation(self, qty):
        form = Form(self.env["sale.order"].with_user(self.guide))
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.tile
            line.product_uom_qty = qty
        return form.save()

    def test_story_execution(self):
        # -- 1. the control point is on in the demo dealer; 张伟 quotes and forgets it
        self.assertTrue(self.follow_up.active)
        stale = self._quotation(30)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = now() - interval '10 days' WHERE id = %s",
            (stale.id,),
        )
        self.env.invalidate_all()

        # -- 2. the nightly run charges 张伟, who is told
        now = fields.Datetime.now()
        created = (self.follow_up | self.stale_gate).sudo()._evaluate(now)
        mine = created.filtered(lambda v: v.rule_id == self.follow_up and v.res_id == stale.id)
        self.assertEqual(mine.user_id, self.guide)
        told = self.env["jiancai.notification"].search(
            [("res_model", "=", mine._name), ("res_id", "=", mine.id)]
        )
        self.assertIn(self.guide.partner_id, told.partner_id)

        # -- 3. the configurable gate: 张伟 may not confirm a new order while it is stale
        new_order = self._quotation(12)
        with self.assertRaises(GateRefusal) as caught:
            new_order.with_user(self.guide).action_confirm()
        self.assertIn(self.stale_gate.name, str(caught.exception))
        self.assertEqual(new_order.state, "draft")

        # -- 4. 张伟 appeals from his phone
        with self.page(f"/jc/execution/{mine.id}", login="jc.guide.xh", size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_execution_appeal')", "appeal form"
            )
            self.shot(browser, "story_execution_1_violation_guide")
            self.run_js(
                browser,
                "document.querySelector('#reason').value = '何先生出差一周，已约好下周一到店。';"
                "document.querySelector('.o_jiancai_execution_appeal').submit();",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_execution_message')", "sent"
            )
            self.shot(browser, "story_execution_2_appealed_guide")
        mine.invalidate_recordset()
        self.assertEqual(mine.state, "appealed")

        # -- 5. the store manager reads it on her desk and waives both violations
        with self.page(
            f"/odoo/violations/{mine.id}", login="jc.manager.xh", size=DESKTOP
        ) as browser:
            self.wait_for(
                browser,
                WEB_READY + " && !!document.querySelector('button[name=action_waive]')",
                "review",
            )
            self.shot(browser, "story_execution_3_review_manager")
        blocking = created.filtered(
            lambda v: v.rule_id == self.stale_gate and v.user_id == self.guide
        )
        (mine | blocking).with_user(self.manager).action_waive(note="客户出差，属实。")
        self.assertEqual(mine.state, "waived")
        self.assertEqual(mine.points_counted, 0)

        # -- 6. the gate releases: 张伟 confirms the new order
        new_order.with_user(self.guide).action_confirm()
        self.assertEqual(new_order.state, "sale")
