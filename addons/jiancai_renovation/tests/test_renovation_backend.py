from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase, make_jpeg

from .common import build_renovation_world

VIEW_READY = (
    "!!document.querySelector('.o_action_manager .o_content')"
    " && !document.querySelector('.o_loading_indicator')"
)


@tagged("post_install", "-at_install")
class TestRenovationBackend(JiancaiHttpCase):
    """The back office of renovations opens for each role that has it, without errors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from odoo.tests import new_test_user

        cls.store = cls.env["crm.team"].create(
            {"name": "Backend Store", "jiancai_is_store": True, "jiancai_store_code": "K9"}
        )
        cls.manager = new_test_user(
            cls.env, login="jc_bo_manager", lang="en_US",
            groups="base.group_user,jiancai_base.group_store_manager",
        )  # fmt: skip
        cls.store.user_id = cls.manager
        build_renovation_world(cls)
        phase = cls.renovation.jiancai_phase_ids.sorted("sequence")[0]
        phase.with_user(cls.supervisor).action_jiancai_phase_start()
        cls.env["jiancai.field.photo"].with_user(cls.supervisor).create_from_upload(
            phase.with_user(cls.supervisor), make_jpeg(), filename="b.jpg"
        )

    def _open(self, path, login, name, selector):
        with self.page(path, login=login, size=DESKTOP) as browser:
            self.wait_for(browser, f"{VIEW_READY} && !!document.querySelector('{selector}')", name)
            self.assertFalse(
                self.run_js(browser, "!!document.querySelector('.o_error_dialog')"),
                f"{name}: an error dialog",
            )
            self.shot(browser, name)
            return self.run_js(browser, "document.body.innerText")

    def test_store_manager_runs_renovations(self):
        text = self._open("/odoo/renovations", "jc_bo_manager", "manager_renovations_kanban",
                          ".o_kanban_record")  # fmt: skip
        self.assertIn("Ho · Test Garden 3-1-501", text)
        self.assertNotIn("Other site", text)
        text = self._open(
            f"/odoo/renovations/{self.renovation.id}", "jc_bo_manager", "manager_renovation_form",
            ".o_form_view",
        )  # fmt: skip
        self.assertIn("Phases accepted", text)
        self._open("/odoo/renovation-phases", "jc_bo_manager", "manager_phases_kanban",
                   ".o_kanban_group")  # fmt: skip
        self._open("/odoo/renovation-phases?view_type=calendar", "jc_bo_manager",
                   "manager_phases_calendar", ".o_calendar_renderer")  # fmt: skip
        self._open("/odoo/renovations?view_type=pivot", "jc_bo_manager",
                   "manager_renovations_pivot", ".o_pivot")  # fmt: skip

    def test_supervisor_opens_own_phases_in_the_back_office(self):
        text = self._open("/odoo/renovation-phases", "jc_test_sup_a", "supervisor_phases_kanban",
                          ".o_kanban_record")  # fmt: skip
        self.assertIn("Plumbing", text)
        self.assertNotIn("Other site", text)
        with self.page("/odoo/renovation-phases", login="jc_test_sup_a", size=DESKTOP) as browser:
            self.wait_for(browser, f"{VIEW_READY} && !!document.querySelector('.o_kanban_record')",
                          "phases")  # fmt: skip
            self.run_js(
                browser,
                "[...document.querySelectorAll('.o_kanban_record')]"
                ".find(r => r.innerText.includes('Plumbing')).click()",
            )
            self.wait_for(browser, f"{VIEW_READY} && !!document.querySelector('.o_form_view')",
                          "phase form")  # fmt: skip
            self.wait_for(browser, "document.body.innerText.includes('Pressure test')", "checklist")
            self.assertFalse(self.run_js(browser, "!!document.querySelector('.o_error_dialog')"))
            self.shot(browser, "supervisor_phase_form")
        # the renovation itself is the store's business: supervisors work on its phases
        menu = self.env.ref("jiancai_renovation.menu_renovation_projects")
        self.assertNotIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.supervisor)._visible_menu_ids()
        )
