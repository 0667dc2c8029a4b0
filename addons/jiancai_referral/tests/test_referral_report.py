from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ReferralCase


@tagged("post_install", "-at_install")
class TestGuideReportsCustomer(ReferralCase):
    """A sales guide reports a customer without being able to browse referrals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_guide = new_test_user(
            cls.env,
            login="jc_test_guide_report",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="李娜",
            lang="en_US",
        )
        cls.store.member_ids = [(4, cls.other_guide.id)]

    def report(self, user=None, **overrides):
        vals = {
            "customer_name": "何志明",
            "customer_phone": "139 1765 4321",
            "community": "翠湖天地",
            "building": "3栋",
            "unit": "1单元",
            "room": "501室",
            "referrer_id": self.designer.id,
            "note": "想看岩板和智能马桶",
        }
        vals.update(overrides)
        wizard = self.env["jiancai.referral.report"].with_user(user or self.guide).create(vals)
        wizard.action_report()
        return wizard

    def referrals(self):
        return self.env["jiancai.referral"].search([("referrer_id", "=", self.designer.id)])

    def test_guide_reports_and_the_referral_is_submitted(self):
        wizard = self.report()
        self.assertEqual(wizard.team_id, self.store, "the guide's store by default")
        referral = self.referrals()
        self.assertEqual(referral.state, "submitted")
        self.assertEqual(referral.user_id, self.guide)
        self.assertEqual(referral.phone_key, "13917654321")
        self.assertIn("想看岩板和智能马桶", referral.note)
        self.assertIn(referral.name, wizard.result_text)
        self.assertEqual(referral.activity_ids.user_id, self.manager, "the manager verifies")
        # the guide still cannot browse referrals
        with self.assertRaises(AccessError):
            referral.with_user(self.guide).read(["customer_name"])

    def logs(self, user):
        return self.env["jiancai.referral.lookup.log"].sudo().search([("user_id", "=", user.id)])

    def test_duplicate_shows_owner_only_to_who_may_know(self):
        self.report()
        # another guide: told it is held, not by whom, and nothing is created
        wizard = self.report(
            user=self.other_guide,
            customer_phone="+86 139-1765-4321",
            room="1201",
            referrer_id=self.other_designer.id,
        )
        self.assertTrue(wizard.refused)
        self.assertFalse(wizard.referral_name)
        message = wizard.result_text
        self.assertIn("already reported by another partner", message)
        self.assertNotIn("林晓东", message)
        self.assertNotIn("Test guide", message)
        self.assertIn("tell your store manager", message)
        self.assertNotIn("draft is kept", message, "no draft is kept for a guide")
        self.assertEqual(
            self.env["jiancai.referral"].search_count(
                [("referrer_id", "=", self.other_designer.id)]
            ),
            0,
        )
        with self.assertRaisesMsg(UserError, "already reported: close the window"):
            wizard.action_report()
        # the holder's own salesperson may know: the message names the referral
        wizard = self.report(community="翠湖天地花园", building="3号楼", unit="一单元", room="501")
        self.assertIn("by 东方设计工作室, 林晓东", wizard.result_text)
        self.assertIn("salesperson Test guide", wizard.result_text)
        self.assertEqual(len(self.referrals()), 1)

    def test_refusal_does_not_say_which_key_matched(self):
        """Phone or property: the guide learns only that the customer is held."""
        self.report()
        same_phone = self.report(
            user=self.other_guide, community="别的小区", referrer_id=self.other_designer.id
        )
        same_flat = self.report(
            user=self.other_guide,
            customer_phone="13800001111",
            referrer_id=self.other_designer.id,
        )
        self.assertTrue(same_phone.refused and same_flat.refused)
        self.assertEqual(same_phone.result_text, same_flat.result_text)
        for text in (same_phone.result_text, same_flat.result_text):
            self.assertNotIn("phone", text.lower())
            self.assertNotIn("property", text.lower())

    def test_report_counts_and_is_logged_like_a_lookup(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.lookup_daily_limit", "3")
        self.report()
        refused = self.report(user=self.other_guide, room="1201")
        self.assertTrue(refused.refused)
        log = self.logs(self.other_guide)
        self.assertEqual(len(log), 1, "a refused report is logged")
        self.assertEqual(log.kind, "report")
        self.assertEqual(log.shown, refused.result_text)
        self.assertEqual(log.referral_id, self.referrals(), "the log names the holder")
        self.assertIn("13917654321", log.search_key)
        self.assertEqual(len(self.logs(self.guide)), 1, "a successful report is logged too")
        # reports and lookups share one daily limit
        self.env["jiancai.referral.lookup"].with_user(self.other_guide).create(
            {"phone": "13800002222"}
        ).action_lookup()
        self.report(user=self.other_guide, customer_phone="13800003333", room="1202")
        with self.assertRaisesMsg(UserError, "today's limit of 3 lookups"):
            self.report(user=self.other_guide, customer_phone="13800004444", room="1203")
        with self.assertRaisesMsg(UserError, "today's limit of 3 lookups"):
            self.env["jiancai.referral.lookup"].with_user(self.other_guide).create(
                {"phone": "13800005555"}
            ).action_lookup()
        self.assertEqual(len(self.logs(self.other_guide)), 3)

    def test_bad_input_is_refused_with_a_message(self):
        with self.assertRaisesMsg(ValidationError, "not a phone number we can use"):
            self.report(customer_phone="1391765")
        with self.assertRaisesMsg(ValidationError, "Enter the property"):
            self.report(building=False, unit=False, room=False)
        with self.assertRaisesMsg(UserError, "only for your own store"):
            self.report(team_id=self.other_store.id)
        self.assertFalse(self.referrals())

    def test_customer_of_another_store(self):
        old = self.env["res.partner"].create({"name": "老客户", "phone": "13917654321"})
        product = self.env["product.product"].create({"name": "浴室柜", "list_price": 10})
        self.env["sale.order"].create(
            {
                "partner_id": old.id,
                "team_id": self.other_store.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        ).action_confirm()
        wizard = self.report()
        self.assertTrue(wizard.refused)
        self.assertIn("already a customer of store Other Store", wizard.result_text)
        self.assertFalse(self.referrals())
