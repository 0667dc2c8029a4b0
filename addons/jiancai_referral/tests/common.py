import contextlib

from odoo.tests import new_test_user

from odoo.addons.jiancai_base.tests.common import JiancaiCase


class ReferralCase(JiancaiCase):
    """A store with its manager (a verifier), a guide and two portal designers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.users["store_manager"]
        cls.guide = cls.users["guide"]
        cls.gm = cls.users["gm"]
        cls.studio = cls.env["res.partner"].create(
            {"name": "东方设计工作室", "is_company": True, "jiancai_partner_role": "designer"}
        )
        cls.designer = cls.designer_user.partner_id
        cls.designer.write(
            {"name": "林晓东", "parent_id": cls.studio.id, "jiancai_partner_role": "designer"}
        )
        cls.other_designer_user = new_test_user(
            cls.env,
            login="jc_test_designer2",
            groups="jiancai_base.group_portal_designer",
            name="王芳",
        )
        cls.other_designer = cls.other_designer_user.partner_id
        cls.other_designer.jiancai_partner_role = "designer"
        cls.other_store = cls.env["crm.team"].create(
            {
                "name": "Other Store",
                "jiancai_is_store": True,
                "jiancai_store_code": "T002",
                "company_id": cls.env.company.id,
            }
        )

    @classmethod
    def referral_vals(cls, **overrides):
        vals = {
            "customer_name": "何志明",
            "customer_phone": "139 1765 4321",
            "community": "翠湖天地",
            "building": "3栋",
            "unit": "1单元",
            "room": "501室",
            "referrer_id": cls.designer.id,
            "user_id": cls.guide.id,
            "team_id": cls.store.id,
        }
        vals.update(overrides)
        return vals

    def new_referral(self, user=None, **overrides):
        return (
            self.env["jiancai.referral"]
            .with_user(user or self.manager)
            .create(self.referral_vals(**overrides))
        )

    def verified_referral(self, **overrides):
        referral = self.new_referral(**overrides)
        referral.action_submit()
        referral.action_verify()
        return referral

    @contextlib.contextmanager
    def assertRaisesMsg(self, exception, text):
        """assertRaises (rolls the savepoint back) and the message contains ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))
