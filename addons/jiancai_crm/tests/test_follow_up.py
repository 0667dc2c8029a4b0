import base64
from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.jiancai_base.tests.common import make_jpeg

from .common import CrmCase


@tagged("post_install", "-at_install")
class TestFollowUp(CrmCase):
    @freeze_time(datetime(2026, 12, 1, 2, 0))
    def test_intent_level_schedules_the_follow_up_cycle(self):
        lead = self.pool_lead()
        lead._jiancai_claim(self.guide)
        follow_up = self.env.ref("jiancai_crm.activity_type_follow_up")
        self.assertFalse(lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up))
        lead.with_user(self.guide).jiancai_intent_level = "a"
        activity = lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up)
        self.assertEqual(
            (activity.date_deadline, activity.user_id), (date(2026, 12, 3), self.guide)
        )
        lead.with_user(self.guide).jiancai_intent_level = "c"
        activity = lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, date(2026, 12, 31))
        # doing the follow-up schedules the next one of the cycle
        with freeze_time(datetime(2026, 12, 10, 2, 0)):
            activity.with_user(self.guide).action_feedback(feedback="还在考虑")
            nxt = lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up)
            self.assertEqual(nxt.date_deadline, date(2027, 1, 9))
        # back to the pool: the guide's follow-up goes with it
        lead._jiancai_release("release")
        self.assertFalse(lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up))

    def test_sms_from_a_template(self):
        template = self.env.ref("jiancai_crm.sms_template_crm_intro")
        template.provider_template_code = "SMS_100200300"
        lead = self.pool_lead(phone="13900004444")
        lead._jiancai_claim(self.guide)
        wizard = (
            self.env["jiancai.crm.sms"]
            .with_user(self.guide)
            .create({"lead_id": lead.id, "product": "云石灰大板"})
        )
        self.assertIn("云石灰大板", wizard.preview)
        wizard.action_send()
        sms = self.env["jiancai.notification"].search(
            [("channel", "=", "sms"), ("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
        )
        self.assertEqual(sms.address, "13900004444")
        self.assertEqual(sms.state, "queued")
        self.assertEqual(sms.sms_params["product"], "云石灰大板")
        self.assertEqual(lead.partner_id.jiancai_community, "翠湖天地")

    def test_same_community_counts_without_names(self):
        neighbour = self.env["res.partner"].create(
            {"name": "邻居王五", "phone": "13900005555", "jiancai_community": "翠湖天地花园"}
        )
        product = self.env["product.product"].create({"name": "瓷砖", "type": "consu"})
        order = self.env["sale.order"].create(
            {
                "partner_id": neighbour.id,
                "team_id": self.other_store.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        photo = self.env["jiancai.field.photo"].create(
            {"res_model": "sale.order", "res_id": order.id, "image": base64.b64encode(make_jpeg())}
        )
        hidden = self.env["jiancai.field.photo"].create(
            {"res_model": "sale.order", "res_id": order.id, "image": base64.b64encode(make_jpeg())}
        )
        self.manager.group_ids = [(4, self.env.ref("jiancai_base.group_general_manager").id)]
        photo.with_user(self.manager).action_jiancai_toggle_case()
        lead = self.pool_lead()
        lead._jiancai_claim(self.guide)
        action = lead.with_user(self.guide).action_jiancai_same_community()
        result = self.env["jiancai.crm.community"].browse(action["res_id"])
        self.assertEqual((result.home_count, result.order_count, result.photo_count), (1, 1, 1))
        self.assertIn(f"/web/image/jiancai.field.photo/{photo.id}/", str(result.photos_html))
        self.assertNotIn(f"/{hidden.id}/", str(result.photos_html))
        for secret in ("王五", "13900005555", order.name):
            self.assertNotIn(secret, str(result.read()))
        # a guide may not publish photos
        with self.assertRaises(AccessError):
            hidden.with_user(self.guide).action_jiancai_toggle_case()
