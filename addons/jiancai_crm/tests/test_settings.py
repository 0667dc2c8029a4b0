from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import CrmCase

NOW = datetime(2026, 12, 1, 2, 0)


@tagged("post_install", "-at_install")
class TestCrmSettings(CrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env,
            login="jc_test_settings_admin",
            groups="base.group_user,base.group_system",
            name="Test settings admin",
            lang="en_US",
        )

    def save_settings(self, user=None, **values):
        """Save the settings page as ``user`` would: create the form's record, then Save."""
        settings = (
            self.env["res.config.settings"]
            .with_user(user or self.admin)
            .create({f"jiancai_crm_{name}": value for name, value in values.items()})
        )
        settings.execute()
        return settings

    def param(self, key):
        return self.env["ir.config_parameter"].sudo().get_param(f"jiancai_crm.{key}")

    def test_the_page_shows_what_the_pool_reads(self):
        page = self.env["res.config.settings"].with_user(self.admin).create({})
        defaults = {name: page[name] for name in page._fields if name.startswith("jiancai_crm_")}
        rules = self.env["crm.lead"]._jiancai_pool_rules()
        self.assertEqual(defaults["jiancai_crm_daily_claim_limit"], rules.daily_claim_limit)
        self.assertEqual(defaults["jiancai_crm_held_limit"], rules.held_limit)
        self.assertEqual(defaults["jiancai_crm_max_protection_days"], rules.max_days)
        self.assertEqual(defaults["jiancai_crm_protection_days_shell"], rules.stage_days["shell"])
        # not stored: the page shows the default the pool uses
        self.assertEqual(defaults["jiancai_crm_protection_days_undelivered"], 30)
        self.assertEqual(rules.stage_days["undelivered"], 30)
        self.assertEqual(defaults["jiancai_crm_follow_up_days_c"], 30)

    def test_saved_values_are_the_ones_the_module_reads(self):
        self.save_settings(
            daily_claim_limit=4,
            held_limit=50,
            max_protection_days=40,
            protection_days_tiling=4,
            protection_days_default=12,
            extension_days=0,
            reminder_days=0,
            cooldown_days=0,
            follow_up_days_a=3,
            import_max_mb=5,
            import_max_rows=100,
            signup_hourly_limit=9,
            api_token="  campaign-token-0123456789  ",
        )
        rules = self.env["crm.lead"]._jiancai_pool_rules()
        self.assertEqual(
            (rules.daily_claim_limit, rules.held_limit, rules.max_days, rules.default_days),
            (4, 50, 40, 12),
        )
        self.assertEqual(rules.stage_days["tiling"], 4)
        # 0 means none, not "the default": Odoo alone would drop a 0 parameter
        self.assertEqual(
            (rules.extension_days, rules.reminder_days, rules.cooldown_days), (0, 0, 0)
        )
        self.assertEqual(self.param("cooldown_days"), "0")
        self.assertEqual(self.env["crm.lead"]._jiancai_follow_up_cycles()["a"], 3)
        wizard = self.env["jiancai.crm.lead.import"].with_user(self.manager).new({})
        self.assertEqual(wizard._max_bytes(), 5 * 1024 * 1024)
        self.assertEqual(wizard._max_rows(), 100)
        self.assertEqual(self.env["crm.lead"]._jiancai_param("signup_hourly_limit", 5), 9)
        self.assertEqual(self.param("api_token"), "campaign-token-0123456789")
        # and the page shows them back
        again = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(again.jiancai_crm_cooldown_days, 0)
        self.assertEqual(again.jiancai_crm_protection_days_tiling, 4)

    @freeze_time(NOW)
    def test_claim_limit_of_two_refuses_the_third_claim(self):
        self.save_settings(daily_claim_limit=2)
        leads = [self.pool_lead(phone=f"1390000{i:04d}", room=str(300 + i)) for i in range(3)]
        Pool = self.env["jiancai.crm.pool.lead"].with_user(self.guide)
        for lead in leads[:2]:
            Pool.browse(lead.id).action_claim()
        with self.assertRaisesRegex(UserError, "today's limit of 2"):
            Pool.browse(leads[2].id).action_claim()
        self.assertEqual(leads[0].user_id + leads[1].user_id, self.guide)
        self.assertFalse(leads[2].user_id)

    def test_bad_values_are_refused_naming_the_field(self):
        cases = [
            ({"cooldown_days": -1}, r'"Cool-down \(days\)" must be a whole number from 0 to 365'),
            ({"daily_claim_limit": 0}, r'"Claims per Guide per Day" .* from 1 to 1000'),
            ({"held_limit": 0}, r'"Leads Held at Once" .* from 1 to 100000'),
            ({"protection_days_shell": 0}, r'"Protection: Bare Shell \(days\)"'),
            ({"extension_days": 100000}, r'"Extension per Activity \(days\)" .* \(not 100000\)'),
            ({"follow_up_days_b": 0}, r'"Follow-up Cycle B \(days\)"'),
            ({"import_max_mb": 500}, r'"Largest Import File \(MB\)" .* from 1 to 100'),
            ({"import_max_rows": -5}, r'"Most Rows per Import"'),
            ({"signup_hourly_limit": 0}, r'"Sign-ups per Address per Hour"'),
            (
                {"max_protection_days": 20, "protection_days_undelivered": 30},
                r'"Protection: Not Handed Over \(days\)" \(30\) is longer than '
                r'"Longest Protection \(days\)" \(20\)',
            ),
            ({"api_token": "secret"}, r'"Lead API Token" must be at least 16 characters'),
            ({"api_token": "a token with spaces in it"}, r"without spaces"),
        ]
        before = {key: self.param(key) for key in ("cooldown_days", "daily_claim_limit")}
        for values, message in cases:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                self.save_settings(**values)
        self.assertEqual({key: self.param(key) for key in before}, before)
        self.assertFalse(self.param("api_token"))

    def test_a_bad_value_stored_by_hand_does_not_block_other_settings(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_crm.cooldown_days", "-3")
        self.save_settings(daily_claim_limit=5)
        self.assertEqual(self.param("daily_claim_limit"), "5")
        with self.assertRaisesRegex(ValidationError, r'"Cool-down \(days\)"'):
            self.save_settings(cooldown_days=-4)
        self.assertEqual(self.param("cooldown_days"), "-3")

    def test_only_administrators_change_the_settings(self):
        for user in (self.guide, self.manager, self.users["gm"]):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.save_settings(user=user, daily_claim_limit=999)
                with self.assertRaises(AccessError):
                    self.env["ir.config_parameter"].with_user(user).set_param(
                        "jiancai_crm.daily_claim_limit", "999"
                    )
        # a record an administrator left unsaved cannot be saved by someone else
        settings = (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .create({"jiancai_crm_daily_claim_limit": 999})
        )
        with self.assertRaises(AccessError):
            settings.with_user(self.manager).execute()
        self.assertEqual(self.param("daily_claim_limit"), "3")
