"""The story's first chapter, told by jiancai_crm: how 何志明 reached the dealer.

The store manager 李秀英 imports the sheet of names her team collected (``data/
leads_demo.xlsx``); 何志明 is on it. His lead sits in the 徐汇 pool, phone masked, until
the guide 张伟 claims it on his phone; 张伟 calls him (the protection is extended), marks
him "A: buys soon" (a follow-up is planned), converts the lead with Odoo's own wizard, and
quotes him: the customer of the main story.
"""

import base64
from pathlib import Path

from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

PHONE_375 = "375x812"
SHEET = Path(__file__).resolve().parents[3] / "data" / "leads_demo.xlsx"


@tagged("post_install", "-at_install")
class TestStoryCrm(JiancaiHttpCase):
    def test_story_crm(self):
        ref = self.env.ref
        manager = ref("jiancai_base.user_manager_xuhui")
        guide = ref("jiancai_base.user_guide_xuhui")
        customer = ref("jiancai_base.partner_customer_he")
        store = ref("jiancai_base.store_xuhui")

        # -- 1. the manager imports the team's sheet into the 徐汇 pool
        wizard = (
            self.env["jiancai.crm.lead.import"]
            .with_user(manager)
            .create(
                {
                    "file": base64.b64encode(SHEET.read_bytes()),
                    "filename": SHEET.name,
                    "team_id": store.id,
                }
            )
        )
        wizard.action_preview()
        rows = {line.contact_name: line for line in wizard.line_ids}
        self.assertEqual(rows["何志明"].outcome, "new")
        self.assertEqual(rows["何志明"].partner_id, customer.id)
        self.assertEqual(rows["罗女士"].outcome, "rejected")  # a digit short
        self.assertIn("another store", rows["徐丽华"].problem)  # 浦东's customer
        self.assertEqual(rows["孙女士"].outcome, "merge")  # already 张伟's lead
        url = f"/odoo/action-jiancai_crm.jiancai_crm_lead_import_action/{wizard.id}"
        self.screenshot(url, "story_crm_0_import_preview", login="jc.manager.xh", size=DESKTOP,
                        ready="!!document.querySelector('.o_data_row')")  # fmt: skip
        wizard.action_import()
        lead = self.env["crm.lead"].search(
            [("partner_id", "=", customer.id), ("team_id", "=", store.id), ("user_id", "=", False)]
        )
        self.assertEqual(len(lead), 1)

        # -- 2. in the pool the guide sees him with the phone masked, and claims him
        pool = self.env["jiancai.crm.pool.lead"].with_user(guide).search([("id", "=", lead.id)])
        self.assertEqual(pool.phone_masked, "138****4321")
        with self.page("/jc/leads", login="jc.guide.xh", size=PHONE_375) as browser:
            self.wait_for(browser, f"!!document.querySelector('[data-lead=\"{lead.id}\"]')",
                          "his lead in the pool", timeout=60)  # fmt: skip
            self.shot(browser, "story_crm_1_pool_phone")
            self.run_js(browser, f"document.querySelector('[data-lead=\"{lead.id}\"]').click()")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_crm_message')",
                          "claimed", timeout=60)  # fmt: skip
            self.shot(browser, "story_crm_2_claimed_phone")
        self.assertEqual(lead.user_id, guide)
        deadline = lead.jiancai_protected_until

        # -- 3. follow-up: a call extends the protection, intent A plans the next follow-up
        call = lead.with_user(guide).activity_schedule(
            "mail.mail_activity_data_call", user_id=guide.id
        )
        call.with_user(guide).action_feedback(feedback="客户12栋1501室在做泥瓦, 想看云石灰")
        lead.with_user(guide).write(
            {"jiancai_intent_level": "a", "jiancai_renovation_stage": "tiling"}
        )
        self.assertGreaterEqual(lead.jiancai_protected_until, deadline)
        self.assertTrue(lead.jiancai_last_real_activity)
        follow_up = ref("jiancai_crm.activity_type_follow_up")
        self.assertTrue(lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up))

        # -- 4. Odoo converts the lead; the guide quotes the customer of the main story
        convert = Form(
            self.env["crm.lead2opportunity.partner"]
            .with_user(guide)
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
        )
        convert.name = "convert"
        convert.action = "exist"
        convert.partner_id = customer
        convert.save().action_apply()
        self.assertEqual((lead.type, lead.partner_id), ("opportunity", customer))
        form = Form(
            self.env["sale.order"].with_user(guide).with_context(default_opportunity_id=lead.id)
        )
        form.partner_id = customer
        with form.order_line.new() as line:
            line.product_id = ref("jiancai_base.product_tile_yunshihui").product_variant_id
            line.product_uom_qty = 57.6
        order = form.save()
        self.assertEqual((order.opportunity_id, order.user_id, order.team_id), (lead, guide, store))
        self.screenshot(f"/odoo/jc-leads/{lead.id}", "story_crm_3_lead_quoted", login="jc.guide.xh",
                        size=DESKTOP, ready="!!document.querySelector('.o_form_view')")  # fmt: skip
