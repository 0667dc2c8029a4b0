from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import CrmCase

NOW = datetime(2026, 12, 1, 2, 0)


@tagged("post_install", "-at_install")
class TestPool(CrmCase):
    def test_guides_see_the_pool_masked_and_never_the_lead(self):
        lead = self.pool_lead(phone="139 0000 1111")
        Pool = self.env["jiancai.crm.pool.lead"].with_user(self.guide)
        seen = Pool.search([("id", "=", lead.id)])
        self.assertEqual(seen.phone_masked, "139****1111")
        # Odoo would let a salesperson read an unassigned lead: not here
        self.assertFalse(self.env["crm.lead"].with_user(self.guide).search([("id", "=", lead.id)]))
        with self.assertRaises(AccessError):
            lead.with_user(self.guide).read(["phone"])
        # another store's guide does not even see it in the pool
        self.assertFalse(
            self.env["jiancai.crm.pool.lead"]
            .with_user(self.other_guide)
            .search([("id", "=", lead.id)])
        )
        # the manager sees the store's leads, not another store's
        other = self.pool_lead(phone="13900002222", store=self.other_store)
        Lead = self.env["crm.lead"].with_user(self.manager)
        self.assertTrue(Lead.search([("id", "=", lead.id)]))
        self.assertFalse(Lead.search([("id", "=", other.id)]))

    @freeze_time(NOW)
    def test_claim_gives_the_phone_protection_and_a_log(self):
        lead = self.pool_lead()
        self.env["jiancai.crm.pool.lead"].with_user(self.guide).browse(lead.id).action_claim()
        self.assertEqual(lead.user_id, self.guide)
        self.assertEqual(lead.with_user(self.guide).phone, "13900001111")
        self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=7))  # tiling
        log = lead.jiancai_claim_ids
        self.assertEqual((log.action, log.user_id), ("claim", self.guide))
        self.assertFalse(self.env["jiancai.crm.pool.lead"].search([("id", "=", lead.id)]))
        # a second claim of the same lead is refused
        with self.assertRaisesRegex(UserError, "already claimed"):
            lead.with_user(self.guide2)._jiancai_claim(self.guide2)

    def test_claim_passes_the_claim_checkpoint(self):
        checkpoint = self.env.ref("jiancai_crm.checkpoint_lead_claim")
        self.assertEqual(
            (checkpoint.code, checkpoint.model_id.model), ("crm.lead.claim", "crm.lead")
        )
        lead = self.pool_lead()
        Lead = type(self.env["crm.lead"])
        issues_of = Lead._jiancai_gate_issues
        asked = []

        def spy(records, code, dry_run=False):
            asked.append((code, records.env.user, records.ids))
            return issues_of(records, code, dry_run=dry_run)

        # no rule of the house is switched on: the checkpoint is asked, as the guide, and
        # lets the claim through
        with patch.object(Lead, "_jiancai_gate_issues", spy):
            self.env["jiancai.crm.pool.lead"].with_user(self.guide).browse(lead.id).action_claim()
        self.assertIn(("crm.lead.claim", self.guide, lead.ids), asked)
        self.assertEqual(lead.user_id, self.guide)

    def test_claim_refused_outside_ones_store(self):
        lead = self.pool_lead(store=self.other_store)
        with self.assertRaisesRegex(UserError, "does not work in"):
            self.env["jiancai.crm.pool.lead"].with_user(self.guide).browse(lead.id).action_claim()
        self.assertFalse(lead.user_id)

    @freeze_time(NOW)
    def test_daily_and_held_limits(self):
        leads = [self.pool_lead(phone=f"1390000{i:04d}", room=str(100 + i)) for i in range(7)]
        for lead in leads[:3]:
            lead._jiancai_claim(self.guide)
        with self.assertRaisesRegex(UserError, "today's limit of 3"):
            leads[3]._jiancai_claim(self.guide)
        # the next day the daily limit resets, the held limit (5) still counts
        with freeze_time(NOW + timedelta(days=1)):
            leads[3]._jiancai_claim(self.guide)
            leads[4]._jiancai_claim(self.guide)
            with self.assertRaisesRegex(UserError, "already holds 5 leads"):
                leads[5]._jiancai_claim(self.guide)

    def test_cooldown_after_giving_back_and_reclaim(self):
        lead = self.pool_lead()
        with freeze_time(NOW):
            lead._jiancai_claim(self.guide)
            lead.with_user(self.guide).action_jiancai_release()
            self.assertFalse(lead.user_id)
            with self.assertRaisesRegex(UserError, "lost lead .* recently"):
                lead._jiancai_claim(self.guide)
            # another guide may take it at once
            lead._jiancai_claim(self.guide2)
        # the protection ends without activity: the cron puts it back, counted
        with freeze_time(NOW + timedelta(days=8)):
            self.env["crm.lead"]._cron_jiancai_pool()
            self.assertFalse(lead.user_id)
            self.assertEqual(lead.jiancai_reclaim_count, 1)
            last = self.env["jiancai.crm.claim"].search([("lead_id", "=", lead.id)], limit=1)
            self.assertEqual((last.action, last.user_id), ("reclaim", self.guide2))
            notified = self.env["jiancai.notification"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)]
            )
            self.assertIn("back to the pool", notified[0].body)
            with self.assertRaisesRegex(UserError, "recently"):
                lead._jiancai_claim(self.guide2)
        with freeze_time(NOW + timedelta(days=16)):
            lead._jiancai_claim(self.guide2)
            self.assertEqual(lead.user_id, self.guide2)

    def test_reminder_before_reclaim_and_real_activity_extends(self):
        lead = self.pool_lead()
        with freeze_time(NOW):
            lead._jiancai_claim(self.guide)
        with freeze_time(NOW + timedelta(days=5, hours=1)):  # 2 days before the end
            self.env["crm.lead"]._cron_jiancai_pool()
            self.assertTrue(lead.jiancai_reminded)
            self.assertEqual(lead.user_id, self.guide)
            # a logged call extends the protection by 7 days from now
            activity = lead.with_user(self.guide).activity_schedule(
                "mail.mail_activity_data_call", user_id=self.guide.id
            )
            activity.with_user(self.guide).action_feedback(feedback="装修进度: 泥瓦")
            self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=12, hours=1))
            self.assertFalse(lead.jiancai_reminded)
        # a follow-up note that is not a call, visit or measurement does not extend
        with freeze_time(NOW + timedelta(days=6)):
            todo = lead.activity_schedule("mail.mail_activity_data_todo", user_id=self.guide.id)
            todo.action_feedback()
            self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=12, hours=1))
        # visits every week: never beyond 30 days after the claim
        for day in (10, 17, 24, 29):
            with freeze_time(NOW + timedelta(days=day)):
                visit = lead.activity_schedule(
                    "jiancai_crm.activity_type_store_visit", user_id=self.guide.id
                )
                visit.action_feedback()
        self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=30))
        with freeze_time(NOW + timedelta(days=30)):
            self.env["crm.lead"]._cron_jiancai_pool()
        self.assertFalse(lead.user_id)

    def test_manager_bulk_reassignment_goes_through_the_rules(self):
        leads = self.env["crm.lead"]
        for i in range(4):
            leads |= self.pool_lead(phone=f"1380000{i:04d}", room=str(200 + i))
        Wizard = self.env["jiancai.crm.reassign"]
        # a guide may not reassign
        with self.assertRaises(AccessError):
            Wizard.with_user(self.guide).create(
                {"lead_ids": [(6, 0, leads.ids)], "user_id": self.guide2.id, "note": "x"}
            ).action_apply()
        # four at once exceed the guide's daily limit of three: nothing moves
        wizard = Wizard.with_user(self.manager).create(
            {"lead_ids": [(6, 0, leads.ids)], "user_id": self.guide2.id, "note": "休假交接"}
        )
        with self.assertRaisesRegex(UserError, "today's limit of 3"):
            wizard.action_apply()
        self.assertFalse(leads.user_id)
        wizard.lead_ids = leads[:3]
        wizard.action_apply()
        self.assertEqual(leads[:3].user_id, self.guide2)
        log = self.env["jiancai.crm.claim"].search([("lead_id", "in", leads.ids)])
        self.assertEqual(set(log.mapped("action")), {"reassign"})
        self.assertEqual(log.by_user_id, self.manager)
        self.assertEqual(set(log.mapped("note")), {"休假交接"})
        # a lead of another store cannot be given to a guide who does not work there
        other = self.pool_lead(phone="13800009999", store=self.other_store)
        with self.assertRaises(UserError):  # an AccessError is a UserError
            Wizard.with_user(self.manager).create(
                {"lead_ids": [(6, 0, other.ids)], "user_id": self.guide.id, "note": "x"}
            ).action_apply()

    def test_export_is_a_managers_right(self):
        lead = self.pool_lead()
        lead._jiancai_claim(self.guide)
        with self.assertRaisesRegex(AccessError, "Only store managers may export leads"):
            lead.with_user(self.guide).export_data(["name", "phone"])
        rows = lead.with_user(self.manager).export_data(["name", "phone"])["datas"]
        self.assertEqual(rows, [[lead.name, "13900001111"]])

    def test_duplicates_merge_with_history(self):
        first = self.pool_lead(phone="13900003333")
        first.message_post(body="第一次电话: 毛坯房")
        second = self.pool_lead(name="同一个客户", phone="139-0000-3333", room="502")
        action = first.with_user(self.manager).action_jiancai_merge_duplicates()
        self.assertEqual(action["res_model"], "crm.merge.opportunity")
        self.assertEqual(set(action["context"]["active_ids"]), {first.id, second.id})
        second._jiancai_claim(self.guide)
        merged = (first | second)._merge_opportunity(max_length=0)
        self.assertEqual(len((first | second).exists()), 1)
        self.assertIn("第一次电话", " ".join(merged.message_ids.mapped("body")))
        # the pool log of the lead that went away stays, on the lead that remains
        log = self.env["jiancai.crm.claim"].search([("user_id", "=", self.guide.id)])
        self.assertEqual(log.lead_id, merged)

    def test_a_later_stage_never_shortens_a_running_protection(self):
        lead = self.pool_lead(stage="shell")
        with freeze_time(NOW):
            lead._jiancai_claim(self.guide)
            self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=15))
            lead.with_user(self.guide).jiancai_renovation_stage = "tiling"
            self.assertEqual(lead.jiancai_protected_until, NOW + timedelta(days=15))

    def test_hand_edits_go_through_the_pool(self):
        lead = self.pool_lead()
        lead._jiancai_claim(self.guide)
        mine = lead.with_user(self.guide)
        with self.assertRaisesRegex(AccessError, "set by the claim"):
            mine.write({"jiancai_protected_until": "2030-01-01 00:00:00"})
        with self.assertRaisesRegex(AccessError, "change hands through the pool"):
            mine.write({"user_id": self.guide2.id})
        mine.write({"jiancai_intent_level": "b", "user_id": self.guide.id})  # no change: fine
        # the manager's edit of the salesperson is a logged reassignment under the rules
        lead.with_user(self.manager).write({"user_id": self.guide2.id})
        self.assertEqual(lead.user_id, self.guide2)
        actions = self.env["jiancai.crm.claim"].search([("lead_id", "=", lead.id)]).mapped("action")
        self.assertEqual(actions, ["reassign", "release", "claim"])
        # back to the first guide: he gave it up only just now (cool-down)
        with self.assertRaisesRegex(UserError, "recently"):
            lead.with_user(self.manager).write({"user_id": self.guide.id})
