from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_crm.tests.common import CrmCase
from odoo.addons.jiancai_execution.tests.common import ControlPointMixin


@tagged("post_install", "-at_install")
class TestCrmControlPoints(ControlPointMixin, CrmCase):
    control_point_module = "jiancai_execution_crm"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gm = cls.users["gm"]
        cls.follow_up = cls.env.ref("jiancai_crm.activity_type_follow_up")

    def held_lead(self, phone, room, guide=None, overdue_days=None):
        """A lead claimed from the pool by a guide, intent A (follow up every 2 days);
        its follow-up ``overdue_days`` late, if given."""
        lead = self.pool_lead(phone=phone, room=room)
        lead._jiancai_claim(guide or self.guide)
        lead.with_user(guide or self.guide).jiancai_intent_level = "a"
        activity = self.activity(lead)
        self.assertEqual(lead.jiancai_execution_follow_up_due, activity.date_deadline)
        if overdue_days:
            activity.date_deadline = fields.Date.today() - timedelta(days=overdue_days)
            self.assertEqual(lead.jiancai_execution_follow_up_due, activity.date_deadline)
        return lead

    def activity(self, lead):
        return lead.activity_ids.filtered(lambda a: a.activity_type_id == self.follow_up)

    def test_lead_not_followed_up_within_its_cycle(self):
        rule = self.switch_on("cp_lead_follow_up_overdue")
        late = self.held_lead("13900007001", "701", overdue_days=2)
        on_time = self.held_lead("13900007002", "702")
        fired = self.fired(rule, late | on_time)
        self.assertEqual(fired.res_id, late.id)
        self.assertEqual(fired.user_id, self.guide)
        self.assertEqual(fired.store_id, self.store)
        # doing the follow-up schedules the next one: nothing is overdue any more
        self.activity(late).with_user(self.guide).action_feedback(feedback="已回访")
        self.assertGreater(late.jiancai_execution_follow_up_due, fields.Date.today())
        breaking = self.env["crm.lead"].search(rule._breach_domain(fields.Datetime.now()))
        self.assertFalse(breaking & (late | on_time))

    def test_overdue_follow_ups_block_claims_until_done(self):
        rule = self.switch_on("cp_lead_claim_gate")
        checkpoint = self.env.ref("jiancai_crm.checkpoint_lead_claim")
        self.assertEqual(rule.gate_checkpoint_id, checkpoint)
        self.assertEqual(rule.gate_scope, "person")
        late = self.held_lead("13900007011", "711", overdue_days=5)
        # one day late is within the 3 days: guide2 is not blocked
        self.held_lead("13900007012", "712", guide=self.guide2, overdue_days=1)
        fired = self.fired(rule, late)
        self.assertEqual((fired.res_id, fired.user_id), (late.id, self.guide))
        Pool = self.env["jiancai.crm.pool.lead"]
        wanted = self.pool_lead(phone="13900007013", room="713")
        with self.assertRaises(GateRefusal) as caught:
            Pool.with_user(self.guide).browse(wanted.id).action_claim()
        message = str(caught.exception)
        self.assertIn(rule.name, message)
        self.assertIn(rule.message, message)
        self.assertIn("then claim again", message)
        self.assertFalse(wanted.user_id)
        # the other guide claims freely
        other = self.pool_lead(phone="13900007014", room="714")
        Pool.with_user(self.guide2).browse(other.id).action_claim()
        self.assertEqual(other.user_id, self.guide2)
        # the guide follows the late lead up: the breach is gone, the claim passes
        self.activity(late).with_user(self.guide).action_feedback(feedback="已回访")
        Pool.with_user(self.guide).browse(wanted.id).action_claim()
        self.assertEqual(wanted.user_id, self.guide)
