from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.jiancai_referral.tests.common import ReferralCase


@tagged("post_install", "-at_install")
class TestReferralControlPoint(ReferralCase):
    def test_no_store_visit_for_28_days(self):
        rule = self.env.ref("jiancai_execution_referral.cp_referral_no_visit")
        self.assertFalse(rule.active)
        rule.with_user(self.gm).active = True
        late = self.verified_referral()
        recent = self.verified_referral(customer_phone="139 0000 1111", community="静安花园")
        visited = self.verified_referral(customer_phone="139 0000 2222", community="世纪公园")
        late.sudo().verified_on = fields.Date.today() - timedelta(days=30)
        visited.sudo().write(
            {
                "verified_on": fields.Date.today() - timedelta(days=40),
                "first_visit_on": fields.Date.today() - timedelta(days=35),
            }
        )
        created = rule.sudo()._evaluate(fields.Datetime.now())
        self.assertEqual(rule.state, "ok", rule.last_error)
        fired = created.filtered(lambda v: v.res_model == "jiancai.referral")
        self.assertEqual(fired.mapped("res_id"), [late.id])
        self.assertNotIn(recent.id, fired.mapped("res_id"))
        self.assertEqual(fired.user_id, self.guide)
        self.assertEqual(fired.store_id, self.store)
