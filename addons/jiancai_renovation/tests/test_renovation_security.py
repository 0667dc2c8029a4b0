from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import build_renovation_world


@tagged("post_install", "-at_install")
class TestRenovationSecurity(JiancaiHttpCase):
    """Each role over JSON-RPC, as a script would call it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.store = env["crm.team"].create(
            {"name": "Security Store", "jiancai_is_store": True, "jiancai_store_code": "S9"}
        )
        cls.other_store = env["crm.team"].create(
            {"name": "Other Store", "jiancai_is_store": True, "jiancai_store_code": "S8"}
        )
        cls.manager = cls._user(env, "jc_sec_manager", "jiancai_base.group_store_manager")
        cls.other_manager = cls._user(env, "jc_sec_manager2", "jiancai_base.group_store_manager")
        cls.gm = cls._user(env, "jc_sec_gm", "jiancai_base.group_general_manager")
        cls.guide = cls._user(env, "jc_sec_guide", "jiancai_base.group_sales_guide")
        cls.store.user_id = cls.manager
        cls.other_store.user_id = cls.other_manager
        build_renovation_world(cls)
        cls.other_renovation.jiancai_store_id = cls.other_store
        cls.phase = cls.renovation.jiancai_phase_ids.sorted("sequence")[0]
        cls.other_phase = cls.other_renovation.jiancai_phase_ids.sorted("sequence")[0]

    @classmethod
    def _user(cls, env, login, group):
        from odoo.tests import new_test_user

        return new_test_user(env, login=login, groups=f"base.group_user,{group}", lang="en_US")

    def assertRefused(self, login, model, method, args, kwargs=None, error="AccessError"):
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(login, model, method, args, kwargs)
        self.assertIn(error, str(caught.exception))

    def _renovation_ids(self, login):
        return {
            row["id"]
            for row in self.call_kw(
                login,
                "project.project",
                "search_read",
                [[("jiancai_is_renovation", "=", True)]],
                {"fields": ["name"]},
            )  # fmt: skip
        }

    def test_supervisor_sees_only_own_sites(self):
        mine = {self.renovation.id}
        self.assertEqual(self._renovation_ids("jc_test_sup_a"), mine)
        tasks = self.call_kw(
            "jc_test_sup_a", "project.task", "search_read",
            [[("jiancai_is_phase", "=", True)]], {"fields": ["project_id"]},
        )  # fmt: skip
        self.assertEqual({t["project_id"][0] for t in tasks}, mine)
        self.assertRefused("jc_test_sup_a", "project.project", "read",
                           [[self.other_renovation.id], ["name"]])  # fmt: skip
        self.assertRefused("jc_test_sup_a", "project.task", "write",
                           [[self.other_phase.id], {"jiancai_note": "mine now"}])  # fmt: skip
        for method in ("action_jiancai_phase_start", "action_jiancai_request_acceptance"):
            self.assertRefused("jc_test_sup_a", "project.task", method, [[self.other_phase.id]])
        self.assertEqual(self.other_phase.jiancai_phase_state, "planned")

    def test_supervisor_edits_own_phase_but_not_its_state_or_owner(self):
        self.call_kw("jc_test_sup_a", "project.task", "write",
                     [[self.phase.id], {"jiancai_note": "Pipes are in"}])  # fmt: skip
        self.assertEqual(self.phase.jiancai_note, "Pipes are in")
        for vals in (
            {"jiancai_phase_state": "accepted"},
            {"jiancai_accepted_by_id": self.homeowner.id},
            {"partner_id": self.supervisor.partner_id.id},
            {"project_id": self.other_renovation.id},
            {"jiancai_min_photo_count": 0},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    "jc_test_sup_a", "project.task", "write", [[self.phase.id], vals]
                )
        # the renovation itself (homeowner, supervisor) is not theirs to change
        self.assertRefused(
            "jc_test_sup_a", "project.project", "write",
            [[self.renovation.id], {"partner_id": self.supervisor.partner_id.id}],
        )  # fmt: skip
        # nor to accept for the homeowner: the answer is no public method
        self.assertRefused("jc_test_sup_a", "project.task", "_jiancai_homeowner_answer",
                           [[self.phase.id], True])  # fmt: skip
        self.assertEqual(self.phase.jiancai_phase_state, "planned")

    def test_store_manager_sees_own_store_and_gm_all(self):
        self.assertEqual(self._renovation_ids("jc_sec_manager"), {self.renovation.id})
        self.assertEqual(self._renovation_ids("jc_sec_manager2"), {self.other_renovation.id})
        self.assertEqual(self._renovation_ids("jc_sec_guide"), set())
        self.assertLessEqual(
            {self.renovation.id, self.other_renovation.id}, self._renovation_ids("jc_sec_gm")
        )
        # the manager changes the homeowner of their store's renovation, not another's
        self.call_kw(
            "jc_sec_manager", "project.project", "write",
            [[self.renovation.id], {"jiancai_supervisor_id": self.supervisor_b.id}],
        )  # fmt: skip
        self.assertEqual(self.renovation.jiancai_supervisor_id, self.supervisor_b)
        self.assertEqual(self.phase.user_ids, self.supervisor_b)
        self.assertEqual(self.phase.jiancai_supervisor_id, self.supervisor_b)
        self.assertRefused("jc_sec_manager", "project.project", "write",
                           [[self.other_renovation.id], {"name": "x"}])  # fmt: skip
        # but not the state of a phase either
        self.assertRefused("jc_sec_manager", "project.task", "write",
                           [[self.phase.id], {"jiancai_phase_state": "accepted"}])  # fmt: skip

    def test_templates_are_the_general_managers(self):
        self.assertRefused("jc_sec_manager", "jiancai.renovation.template", "write",
                           [[self.template.id], {"name": "Mine"}])  # fmt: skip
        self.assertRefused("jc_test_sup_a", "jiancai.renovation.phase.template", "write",
                           [[self.template.phase_ids[0].id], {"min_photo_count": 0}])  # fmt: skip
        self.call_kw("jc_sec_gm", "jiancai.renovation.template", "write",
                     [[self.template.id], {"name": "GM's template"}])  # fmt: skip
        self.assertEqual(self.template.name, "GM's template")

    def test_portal_homeowner_sees_only_own(self):
        self.assertEqual(self._renovation_ids("jc_test_homeowner"), {self.renovation.id})
        self.assertEqual(self._renovation_ids("jc_test_homeowner2"), {self.other_renovation.id})
        self.assertRefused("jc_test_homeowner", "project.project", "read",
                           [[self.other_renovation.id], ["name"]])  # fmt: skip
        self.assertRefused("jc_test_homeowner", "project.task", "write",
                           [[self.phase.id], {"jiancai_phase_state": "accepted"}])  # fmt: skip
        self.assertRefused("jc_test_homeowner", "jiancai.renovation.check", "write",
                           [self.phase.jiancai_check_ids[:1].ids, {"done": True}])  # fmt: skip

    def test_plain_projects_keep_working_for_project_users(self):
        """The renovation's rules and protections leave Odoo's other projects alone."""
        self._user(self.env, "jc_sec_project_user", "project.group_project_user")
        plain = self.env["project.project"].create({"name": "Showroom refit"})
        other = self.env["project.project"].create({"name": "Warehouse shelves"})
        task = self.env["project.task"].create({"name": "Paint the wall", "project_id": plain.id})
        self.call_kw(
            "jc_sec_project_user", "project.task", "write",
            [[task.id], {"project_id": other.id, "partner_id": self.homeowner.id}],
        )  # fmt: skip
        self.assertEqual(task.project_id, other)
        self.assertEqual(self._renovation_ids("jc_sec_project_user"), set())
