from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import ReferralCase


@tagged("post_install", "-at_install")
class TestLookup(ReferralCase):
    def lookup(self, user=None, **vals):
        wizard = self.env["jiancai.referral.lookup"].with_user(user or self.guide).create(vals)
        wizard.action_lookup()
        return wizard

    def logs(self, user=None):
        return (
            self.env["jiancai.referral.lookup.log"]
            .sudo()
            .search([("user_id", "=", (user or self.guide).id)])
        )

    @freeze_time("2026-09-01 09:00:00")
    def test_guide_sees_status_owner_and_protection_end_only(self):
        referral = self.verified_referral()
        Referral = self.env["jiancai.referral"].with_user(self.guide)
        with self.assertRaises(AccessError):
            Referral.search([])
        with self.assertRaises(AccessError):
            referral.with_user(self.guide).read(["customer_name"])
        wizard = self.lookup(phone="+86 139 1765 4321")
        self.assertTrue(wizard.found)
        self.assertEqual(wizard.result_state, "Verified")
        self.assertEqual(wizard.result_owner, "Test guide / Test Store")
        self.assertEqual(str(wizard.result_protection_end), "2026-11-30")
        self.assertNotIn("林晓东", wizard.result_text, "the designer is not need-to-know")
        log = self.logs()
        self.assertEqual(len(log), 1)
        self.assertEqual(log.entered, "+86 139 1765 4321")
        self.assertEqual(log.search_key, "13917654321")
        self.assertEqual(log.shown, wizard.result_text)
        self.assertEqual(log.with_user(self.guide).search([]), log, "guides read their own log")

    def test_property_lookup_and_free_customer(self):
        self.verified_referral()
        wizard = self.lookup(kind="property", community="翠湖天地小区", building="3-1-501")
        self.assertTrue(wizard.found)
        free = self.lookup(phone="13800009999")
        self.assertFalse(free.found)
        self.assertIn("Not reported", free.result_text)
        self.assertEqual(len(self.logs()), 2)

    def test_partial_input_is_refused_and_not_counted(self):
        with self.assertRaisesMsg(UserError, "full phone number"):
            self.lookup(phone="1391765")
        with self.assertRaisesMsg(UserError, "exact property"):
            self.lookup(kind="property", community="翠湖天地")
        self.assertFalse(self.logs())

    def test_daily_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.lookup_daily_limit", "3")
        with freeze_time("2026-09-01 09:00:00"):
            for number in range(3):
                wizard = self.lookup(phone=f"1380000000{number}")
            self.assertEqual(wizard.lookups_left, 0)
            with self.assertRaisesMsg(UserError, "today's limit of 3 lookups"):
                self.lookup(phone="13800000009")
            self.assertEqual(len(self.logs()), 3)
            self.lookup(user=self.manager, phone="13800000009")  # limits are per user
            # the guide cannot reset the count by removing or backdating the log
            logs = self.logs().with_user(self.guide)
            with self.assertRaises(AccessError):
                logs.unlink()
            with self.assertRaises(AccessError):
                logs.write({"looked_up_at": "2026-08-01 09:00:00"})
            with self.assertRaises(AccessError):
                self.env["jiancai.referral.lookup.log"].with_user(self.guide).create(
                    {"kind": "phone", "entered": "x"}
                )
        with freeze_time("2026-09-02 09:00:00"):
            self.assertTrue(self.lookup(phone="13800000009").done, "a new day, new lookups")

    def test_daily_limit_counts_the_company_day_whatever_the_request_time_zone(self):
        """The context's time zone used to pick the day: another tz was a fresh day."""
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.lookup_daily_limit", "1")
        self.env.company.partner_id.tz = "Asia/Shanghai"
        self.guide.tz = "Europe/Paris"
        Lookup = self.env["jiancai.referral.lookup"].with_user(self.guide)
        # 01:00 on 2 September in Shanghai; 1 September in Paris and Honolulu
        with freeze_time("2026-09-01 17:00:00"):
            Lookup.with_context(tz="Pacific/Honolulu").create(
                {"phone": "13800000001"}
            ).action_lookup()
            for tz in ("Pacific/Kiritimati", "America/New_York", "Europe/Paris", "UTC"):
                with self.subTest(tz=tz), self.assertRaisesMsg(UserError, "limit of 1 lookups"):
                    Lookup.with_context(tz=tz).create({"phone": "13800000002"}).action_lookup()
        self.assertEqual(len(self.logs()), 1)

    def test_daily_limit_day_ends_at_midnight_in_the_company_time_zone(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.lookup_daily_limit", "1")
        self.guide.tz = "Europe/Paris"  # 17:30 and 18:30 are the same day in Paris
        Lookup = self.env["jiancai.referral.lookup"].with_user(self.guide)
        for company_tz in ("Asia/Shanghai", False):  # unset: the dealer's Asia/Shanghai
            self.env.company.partner_id.tz = company_tz
            self.logs().unlink()
            self.env["jiancai.referral.lookup.quota"].search([]).unlink()
            with self.subTest(company_tz=company_tz):
                with freeze_time("2026-09-01 15:30:00"):  # 23:30 in Shanghai
                    Lookup.create({"phone": "13800000001"}).action_lookup()
                    with self.assertRaisesMsg(UserError, "limit of 1 lookups"):
                        Lookup.create({"phone": "13800000002"}).action_lookup()
                with freeze_time("2026-09-01 16:30:00"):  # 00:30 the next day in Shanghai
                    wizard = Lookup.create({"phone": "13800000002"})
                    wizard.action_lookup()
                    self.assertEqual(wizard.lookups_left, 0)
                self.assertEqual(len(self.logs()), 2)
