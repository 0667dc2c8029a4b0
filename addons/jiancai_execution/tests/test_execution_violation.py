from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ExecutionCase


@tagged("post_install", "-at_install")
class TestExecutionViolation(ExecutionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls.make_order(cls, client_order_ref="V-MINE")
        cls.theirs = cls.make_order(cls, user=cls.other_guide, client_order_ref="V-THEIRS")
        cls.rule = cls.make_rule(
            cls, domain="[('client_order_ref', 'in', ['V-MINE', 'V-THEIRS'])]", points=3
        )
        created = cls.run_rule(cls, cls.rule)
        cls.violation = created.filtered(lambda v: v.user_id == cls.guide)
        cls.other = created.filtered(lambda v: v.user_id == cls.other_guide)

    def test_staff_see_only_their_own(self):
        Violation = self.Violation.with_user(self.guide)
        self.assertEqual(Violation.search([("rule_id", "=", self.rule.id)]), self.violation)
        with self.assertRaises(AccessError):
            self.other.with_user(self.guide).read(["evidence"])
        # the store manager sees the store's, the general manager all
        seen = self.Violation.with_user(self.manager).search([("rule_id", "=", self.rule.id)])
        self.assertEqual(seen, self.violation | self.other)
        self.assertEqual(
            self.Violation.with_user(self.gm).search_count([("rule_id", "=", self.rule.id)]), 2
        )

    def test_hostile_writes_refused(self):
        as_guide = self.violation.with_user(self.guide)
        with self.assertRaises(AccessError):
            self.Violation.with_user(self.gm).create(
                {
                    "rule_id": self.rule.id,
                    "user_id": self.guide.id,
                    "dedup_key": "x",
                    "occurred_at": "2026-12-01 00:00:00",
                }
            )
        for vals in (
            {"state": "waived"},
            {"points": 0},
            {"user_id": self.other_guide.id},
            {"penalty": 0},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                as_guide.write(vals)
        with self.assertRaises(AccessError):
            self.other.with_user(self.guide).write({"appeal_reason": "not mine"})
        with self.assertRaises(AccessError):
            self.other.with_user(self.guide).action_appeal(reason="not mine")
        with self.assertRaises(AccessError):
            as_guide.action_waive()
        with self.assertRaises(AccessError):
            as_guide.unlink()

    def test_appeal_then_waive(self):
        as_guide = self.violation.with_user(self.guide)
        with self.assertRaisesRegex(UserError, "needs a reason"):
            as_guide.action_appeal(reason="   ")
        as_guide.action_appeal(reason="The customer asked to wait for the new colour batch.")
        self.assertEqual(self.violation.state, "appealed")
        self.assertTrue(self.violation.appealed_at)
        # the store manager gets a to-do
        self.assertEqual(self.violation.activity_ids.user_id, self.manager)
        self.assertIn("Appeal:", self.violation.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "no longer be appealed"):
            as_guide.action_appeal(reason="again")
        as_manager = self.violation.with_user(self.manager)
        self.assertTrue(as_manager.can_review)
        as_manager.action_waive(note="Agreed with the customer.")
        self.assertEqual(self.violation.state, "waived")
        self.assertEqual(self.violation.reviewer_id, self.manager)
        self.assertEqual(self.violation.points_counted, 0)
        self.assertFalse(self.violation.activity_ids)
        told = self.env["jiancai.notification"].search(
            [
                ("res_model", "=", self.violation._name),
                ("res_id", "=", self.violation.id),
                ("partner_id", "=", self.guide.partner_id.id),
            ]
        )
        self.assertTrue(any("waived" in s for s in told.mapped("subject")))
        # a reviewed appeal cannot be edited, by anyone
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            as_guide.write({"appeal_reason": "changed my mind"})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            as_manager.write({"review_note": "changed"})
        with self.assertRaisesRegex(UserError, "cannot be edited"):
            self.violation.with_user(self.gm).action_uphold()

    def test_uphold_counts_points_per_person_store_month(self):
        self.violation.with_user(self.manager).action_uphold(note="Late without reason.")
        self.assertEqual(self.violation.state, "upheld")
        groups = self.Violation._read_group(
            [("rule_id", "=", self.rule.id)],
            ["user_id", "store_id", "period"],
            ["points_counted:sum", "penalty_counted:sum"],
        )
        totals = {(u, s, p): (pts, pen) for u, s, p, pts, pen in groups}
        period = self.violation.period
        self.assertEqual(totals[(self.guide, self.store, period)], (3, 20))
        self.assertEqual(totals[(self.other_guide, self.store, period)], (3, 20))

    def test_nobody_reviews_their_own(self):
        own = self.make_rule(
            domain=f"[('id', '=', {self.mine.id})]", responsible_type="store_manager"
        )
        violation = self.run_rule(own)
        self.assertEqual(violation.user_id, self.manager)
        with self.assertRaises(AccessError):
            violation.with_user(self.manager).action_waive()
        # another store's manager may not review this store's violations
        stranger = self.env["res.users"].create(
            {
                "name": "Other Manager",
                "login": "jc_test_other_manager",
                "group_ids": [(6, 0, [self.env.ref("jiancai_base.group_store_manager").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.violation.with_user(stranger).action_uphold()
        violation.with_user(self.gm).action_waive()
        self.assertEqual(violation.state, "waived")
