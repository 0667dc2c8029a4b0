import importlib.util
from datetime import date
from pathlib import Path

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import ReferralCase


@tagged("post_install", "-at_install")
class TestReferral(ReferralCase):
    @freeze_time("2026-09-01 10:00:00")
    def test_verify_protects_for_configured_period(self):
        referral = self.new_referral()
        self.assertEqual(referral.phone_key, "13917654321")
        self.assertEqual(referral.property_key, "翠湖天地|3|1|501")
        referral.action_submit()
        self.assertEqual(referral.state, "submitted")
        referral.action_verify()
        self.assertEqual(referral.state, "verified")
        self.assertEqual(referral.protection_end, date(2026, 11, 30))
        self.assertEqual(referral.verifier_id, self.manager)
        self.assertEqual(referral.partner_id.phone, "13917654321")
        self.assertEqual(referral.milestone_ids.mapped("code"), ["verified"])
        sent = self.env["jiancai.notification"].search(
            [("res_model", "=", "jiancai.referral"), ("res_id", "=", referral.id)]
        )
        self.assertIn(self.guide, sent.user_id, "the owning salesperson is told")
        self.assertIn(self.designer, sent.partner_id, "the designer is told in the portal")

        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.protection_days", "30")
        other = self.verified_referral(customer_phone="13800001111", room="502")
        self.assertEqual(other.protection_end, date(2026, 10, 1))

    def test_only_verifier_verifies(self):
        referral = self.new_referral()
        referral.action_submit()
        with self.assertRaises(AccessError):
            referral.with_user(self.guide).sudo(False).action_verify()

    def test_duplicate_phone_in_other_spelling_is_blocked(self):
        self.verified_referral()
        second = self.new_referral(
            customer_phone="+86 139-1765-4321", room="1201", referrer_id=self.other_designer.id
        )
        with self.assertRaisesMsg(UserError, "phone number is already reported") as caught:
            second.action_submit()
        # the manager (a verifier) may know who holds it
        self.assertIn("林晓东", str(caught.exception))
        self.assertEqual(second.state, "draft", "the draft is kept")

    def test_duplicate_property_hides_holder_from_other_referrer(self):
        self.verified_referral()
        second = self.new_referral(
            customer_phone="13600002222",
            community="翠湖天地花园小区",
            building="3号楼",
            unit="一单元",
            room="501",
            referrer_id=self.other_designer.id,
        )
        message = second._duplicate_message(
            second._claiming(second.phone_key, second.property_key, exclude=second),
            self.other_designer_user,
        )
        self.assertIn("This property is already reported by another partner", message)
        self.assertNotIn("林晓东", message)
        with self.assertRaisesMsg(UserError, "property is already reported"):
            second.action_submit()

    def test_malformed_phone_and_empty_property(self):
        with self.assertRaisesMsg(ValidationError, "not a phone number"):
            self.new_referral(customer_phone="139 1765")
        with self.assertRaisesMsg(ValidationError, "Enter the property"):
            self.new_referral(room=False)
        self.env.cr.execute(
            "SELECT count(*) FROM jiancai_referral "
            "WHERE room IS NULL OR customer_phone = '139 1765'"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_customer_of_another_store_is_refused(self):
        old = self.env["res.partner"].create({"name": "老客户", "phone": "139-1765-4321"})
        product = self.env["product.product"].create({"name": "浴室柜", "list_price": 10})
        self.env["sale.order"].create(
            {
                "partner_id": old.id,
                "team_id": self.other_store.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        ).action_confirm()
        referral = self.new_referral()
        with self.assertRaisesMsg(UserError, "already a customer of store Other Store"):
            referral.action_submit()
        self.assertEqual(referral.state, "draft")

    def test_rejection_keeps_reason_and_frees_customer(self):
        referral = self.new_referral()
        referral.action_submit()
        with self.assertRaisesMsg(UserError, "Give the reason"):
            referral._do_reject("  ")
        wizard = (
            self.env["jiancai.referral.reject"]
            .with_user(self.manager)
            .create({"referral_id": referral.id, "reason": "客户已在店内登记"})
        )
        wizard.action_reject()
        self.assertEqual(referral.state, "rejected")
        self.assertEqual(referral.reject_reason, "客户已在店内登记")
        again = self.new_referral(referrer_id=self.other_designer.id)
        again.action_submit()
        self.assertEqual(again.state, "submitted")

    def test_expiry_cron_frees_customer(self):
        with freeze_time("2026-09-01"):
            referral = self.verified_referral()
        with freeze_time("2026-11-30"):
            self.env["jiancai.referral"]._cron_expire()
            self.assertEqual(referral.state, "verified", "protected through the last day")
        with freeze_time("2026-12-01"):
            self.env["jiancai.referral"]._cron_expire()
            self.assertEqual(referral.state, "expired")
            self.assertIn("expired", referral.milestone_ids.mapped("code"))
            again = self.new_referral(referrer_id=self.other_designer.id)
            again.action_submit()
            self.assertEqual(again.state, "submitted")

    def test_no_visit_reminder_after_28_days_once(self):
        with freeze_time("2026-09-01"):
            referral = self.verified_referral()
        with freeze_time("2026-09-28"):
            self.env["jiancai.referral"]._cron_no_visit()
            self.assertNotIn("no_visit", referral.milestone_ids.mapped("code"))
        with freeze_time("2026-09-29"):
            self.env["jiancai.referral"]._cron_no_visit()
            self.assertIn("no_visit", referral.milestone_ids.mapped("code"))
            self.assertTrue(referral.no_visit_reminded)
            self.assertEqual(referral.activity_ids.user_id, self.guide)
            self.env["jiancai.referral"]._cron_no_visit()
            self.assertEqual(
                len(referral.milestone_ids.filtered(lambda m: m.code == "no_visit")), 1
            )

    def test_conflict_decided_by_manager_and_logged(self):
        holder = self.verified_referral()
        claim = self.new_referral(referrer_id=self.other_designer.id, room="501")
        with self.assertRaises(UserError):
            claim.action_submit()
        claim.action_dispute()
        conflict = (
            self.env["jiancai.referral.conflict"]
            .with_user(self.manager)
            .search([("claim_id", "=", claim.id)])
        )
        self.assertEqual(conflict.state, "open")
        self.assertEqual(conflict.activity_ids.user_id, self.manager)
        with self.assertRaisesMsg(UserError, "Write down why"):
            conflict.action_transfer()
        conflict.decision_note = "王芳先带客户到店"
        conflict.action_transfer()
        self.assertEqual(conflict.state, "transferred")
        self.assertEqual(conflict.decided_by_id, self.manager)
        self.assertEqual(holder.state, "rejected")
        self.assertEqual(holder.reject_reason, "王芳先带客户到店")
        self.assertEqual(claim.state, "submitted")
        self.assertIn("王芳先带客户到店", holder.message_ids[0].body)
        with self.assertRaisesMsg(UserError, "already decided"):
            conflict.action_keep()

    def test_migration_recomputes_property_keys_of_traditional_spellings(self):
        """Keys stored before 19.0.1.0.1 did not fold 萬/棟/單 or 3#: recompute them."""
        path = Path(__file__).parents[1] / "migrations" / "19.0.1.0.1" / "post-migration.py"
        spec = importlib.util.spec_from_file_location("jiancai_referral_migration_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        old = self.new_referral(community="萬科城", building="3棟", unit="2單元", room="1201")
        hash_ = self.new_referral(
            customer_phone="13800001111", community="万科城", building="5#", unit="", room="1201"
        )
        held = self.new_referral(
            customer_phone="13800002222", community="万科城", building="", unit="", room="901"
        )
        held.action_submit()
        clash = self.new_referral(
            customer_phone="13800003333", community="萬科城", building="", unit="", room="901室"
        )
        stored = {
            old: "萬科城|3棟|2單元|1201",
            hash_: "万科城|5#||1201",
            clash: "萬科城|||901",
        }
        self.env.flush_all()
        for referral, key in stored.items():
            self.env.cr.execute(
                "UPDATE jiancai_referral SET property_key = %s, state = 'submitted' WHERE id = %s",
                [key, referral.id],
            )
        self.env.invalidate_all()
        with self.assertLogs(migration._logger, "WARNING") as logged:
            migration.migrate(self.env.cr, "19.0.1.0.0")
        self.assertEqual(old.property_key, "万科城|3|2|1201")
        self.assertEqual(hash_.property_key, "万科城|5||1201")
        self.assertEqual(clash.property_key, "萬科城|||901", "a clash keeps its key")
        self.assertIn(clash.name, logged.output[0])
