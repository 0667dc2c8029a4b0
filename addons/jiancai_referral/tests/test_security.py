from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ReferralCase


@tagged("post_install", "-at_install")
class TestRecordRules(ReferralCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.referral = cls.env["jiancai.referral"].create(cls.referral_vals())
        cls.other_referral = cls.env["jiancai.referral"].create(
            cls.referral_vals(
                customer_phone="13600001111",
                room="888",
                team_id=cls.other_store.id,
                referrer_id=cls.other_designer.id,
            )
        )
        cls.other_manager = new_test_user(
            cls.env,
            login="jc_test_manager2",
            groups="base.group_user,jiancai_base.group_store_manager",
        )
        cls.other_store.user_id = cls.other_manager

    def visible(self, user):
        # demo referrals may exist: look only at this test's and the demo's absence of leaks
        ours = (self.referral | self.other_referral).ids
        return self.env["jiancai.referral"].with_user(user).search([("id", "in", ours)])

    def test_guide_sees_none(self):
        with self.assertRaises(AccessError):
            self.visible(self.guide)

    def test_managers_see_their_store_gm_sees_all(self):
        self.assertEqual(self.visible(self.manager), self.referral)
        self.assertEqual(self.visible(self.other_manager), self.other_referral)
        self.assertEqual(self.visible(self.gm), self.referral | self.other_referral)
        self.assertTrue(self.manager.has_group("jiancai_referral.group_referral_verifier"))
        all_teams = self.env["jiancai.referral"].with_user(self.manager).search([]).team_id
        self.assertEqual(all_teams, self.store, "a store manager sees no other store's referral")

    def test_designer_sees_own_only(self):
        self.assertEqual(self.visible(self.designer_user), self.referral)
        self.assertEqual(self.visible(self.other_designer_user), self.other_referral)
        with self.assertRaises(AccessError):
            self.other_referral.with_user(self.designer_user).read(["customer_name"])
        with self.assertRaises(AccessError):
            self.referral.with_user(self.designer_user).write({"room": "502"})

    def test_milestones_and_conflicts_per_role(self):
        Milestone = self.env["jiancai.referral.milestone"]
        mine = Milestone.create({"referral_id": self.referral.id, "code": "store_visit"})
        theirs = Milestone.create({"referral_id": self.other_referral.id, "code": "store_visit"})
        ours = (mine | theirs).ids

        def milestones(user):
            return Milestone.with_user(user).search([("id", "in", ours)])

        self.assertEqual(milestones(self.designer_user), mine)
        self.assertEqual(milestones(self.other_designer_user), theirs)
        self.assertEqual(milestones(self.manager), mine)
        self.assertEqual(milestones(self.gm), mine | theirs)
        with self.assertRaises(AccessError):
            milestones(self.guide)
        with self.assertRaises(AccessError):
            mine.with_user(self.designer_user).write({"note": "x"})
        conflict = self.env["jiancai.referral.conflict"].create(
            {"referral_id": self.referral.id, "claim_id": self.other_referral.id}
        )
        Conflict = self.env["jiancai.referral.conflict"]
        self.assertEqual(Conflict.with_user(self.gm).search([("id", "=", conflict.id)]), conflict)
        for user in (self.guide, self.designer_user):
            with self.assertRaises(AccessError):
                Conflict.with_user(user).search([("id", "=", conflict.id)])
