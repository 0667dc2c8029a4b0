from datetime import datetime

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRenovationConcurrency(TransactionCase):
    """Two tabs of the homeowner answer the same phase at once: one wins, the other is
    told to wait, then that the phase no longer waits; nothing is written twice."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": f"Race owner {datetime.now():%H%M%S%f}", "phone": "138 0000 0000"}
            )
            project = env["project.project"].create(
                {
                    "name": "Race renovation",
                    "jiancai_is_renovation": True,
                    "partner_id": partner.id,
                    "jiancai_template_id": env.ref("jiancai_renovation.template_full").id,
                }
            )
            phase = project.jiancai_phase_ids.sorted("sequence")[0]
            phase.write({"jiancai_phase_state": "waiting"})
            self.ids = {"partner": partner.id, "project": project.id, "phase": phase.id}
        self.tabs = [api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.tabs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            project = env["project.project"].browse(self.ids["project"])
            tasks = project.with_context(active_test=False).task_ids
            records = [("project.project", project.ids), ("project.task", tasks.ids)]
            for model, ids in records:
                env["jiancai.notification"].search(
                    [("res_model", "=", model), ("res_id", "in", ids)]
                ).unlink()
                env["rating.rating"].search(
                    [("res_model", "=", model), ("res_id", "in", ids)]
                ).unlink()
            tasks.unlink()
            project.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _phase(self, env):
        return env["project.task"].browse(self.ids["phase"])

    def test_two_tabs_answer_at_once(self):
        first, second = self.tabs
        self.assertTrue(self._phase(first)._jiancai_homeowner_answer(True))
        # the first tab holds the phase until its answer is saved
        with self.assertRaisesRegex(UserError, "Someone is answering this phase right now"):
            self._phase(second)._jiancai_homeowner_answer(False, reason="Crooked pipe")
        second.cr.rollback()
        first.cr.commit()
        with self.assertRaisesRegex(UserError, "no longer waiting for your answer"):
            self._phase(second)._jiancai_homeowner_answer(False, reason="Crooked pipe")
        second.cr.rollback()
        phase = self._phase(second)
        self.assertEqual(phase.jiancai_phase_state, "accepted")
        self.assertFalse(phase.jiancai_rework_reason)
        self.assertEqual(phase.jiancai_rework_count, 0)
