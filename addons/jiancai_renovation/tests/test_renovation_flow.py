from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import make_jpeg

from .common import RenovationCase


@tagged("post_install", "-at_install")
class TestRenovationFlow(RenovationCase):
    def _photos(self, phase, count, user=None):
        Photo = self.env["jiancai.field.photo"].with_user(user or self.supervisor)
        for index in range(count):
            Photo.create_from_upload(
                phase.with_user(user or self.supervisor), make_jpeg(), filename=f"p{index}.jpg"
            )

    def _tick_required(self, phase):
        for check in phase.jiancai_check_ids.filtered("required"):
            phase.with_user(self.supervisor).action_jiancai_toggle_check(check.id)

    def _ready(self, phase):
        sup = phase.with_user(self.supervisor)
        if phase.jiancai_phase_state in ("planned", "rework"):
            sup.action_jiancai_phase_start()
        self._photos(phase, phase.jiancai_min_photo_count)
        self._tick_required(phase)
        sup.action_jiancai_request_acceptance()

    def _notifications(self, partner, template_code):
        return self.env["jiancai.notification"].search(
            [
                ("partner_id", "=", partner.id),
                ("channel", "=", "sms"),
                ("sms_template_id.code", "=", template_code),
            ]
        )

    def test_template_plans_phases_over_working_days(self):
        plumbing, tiling, completion = self.phases
        self.assertEqual(len(self.phases), 3)
        # Fri 4 + Sat 5 + (Sunday off) Mon 7 = 3 working days
        self.assertEqual((plumbing.jiancai_date_start, plumbing.jiancai_date_end),
                         (date(2026, 12, 4), date(2026, 12, 7)))  # fmt: skip
        self.assertEqual((tiling.jiancai_date_start, tiling.jiancai_date_end),
                         (date(2026, 12, 8), date(2026, 12, 9)))  # fmt: skip
        # a phase of 0 days still takes a day
        self.assertEqual(completion.jiancai_date_start, date(2026, 12, 10))
        self.assertEqual(self.renovation.date, date(2026, 12, 10))
        self.assertEqual(plumbing.jiancai_check_ids.mapped("name"),
                         ["Pressure test", "Wall photos", "Tidy site"])  # fmt: skip
        self.assertEqual(plumbing.jiancai_min_photo_count, 2)
        self.assertEqual(plumbing.user_ids, self.supervisor)
        self.assertEqual(self.renovation.jiancai_home_key, "testgarden|3|1|501")
        self.assertEqual(self.renovation.jiancai_renovation_state, "planned")
        self.assertEqual(self.renovation.access_url, f"/my/renovation/{self.renovation.id}")

    def test_phase_state_machine_with_rework_loop(self):
        plumbing, tiling, _completion = self.phases
        self._ready(plumbing)
        self.assertEqual(plumbing.jiancai_phase_state, "waiting")
        self.assertTrue(plumbing.jiancai_requested_at)
        # the homeowner is told, by SMS with the portal link and in the inbox
        sms = self._notifications(self.homeowner, "renovation_acceptance")
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "queued")
        self.assertIn(f"/my/renovation/{self.renovation.id}?access_token=", sms.sms_params["url"])
        self.assertEqual(sms.sms_params["phase"], "Plumbing")
        # rework
        self.assertFalse(plumbing._jiancai_homeowner_answer(False, reason="Pipe crooked"))
        self.assertEqual(plumbing.jiancai_phase_state, "rework")
        self.assertEqual(plumbing.jiancai_rework_reason, "Pipe crooked")
        self.assertEqual(plumbing.jiancai_rework_count, 1)
        told = self.env["jiancai.notification"].search(
            [("user_id", "=", self.supervisor.id), ("channel", "=", "inbox")]
        )
        self.assertIn("Pipe crooked", told[:1].body)
        # a phase in rework cannot be sent again before work resumes
        with self.assertRaises(UserError):
            plumbing.with_user(self.supervisor).action_jiancai_request_acceptance()
        plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        self.assertEqual(plumbing.jiancai_phase_state, "in_progress")
        plumbing.with_user(self.supervisor).action_jiancai_request_acceptance()
        self.assertTrue(plumbing._jiancai_homeowner_answer(True))
        self.assertEqual(plumbing.jiancai_phase_state, "accepted")
        self.assertEqual(plumbing.jiancai_accepted_by_id, self.homeowner)
        # the next phase starts and a milestone is on the renovation's chatter
        self.assertEqual(tiling.jiancai_phase_state, "in_progress")
        self.assertIn(
            "Milestone: Plumbing accepted",
            "".join(self.renovation.message_ids.mapped("body")),
        )
        self.assertEqual(self.renovation.jiancai_accepted_count, 1)
        self.assertAlmostEqual(self.renovation.jiancai_progress, 33.3)
        self.assertEqual(self.renovation.jiancai_current_phase_id, tiling)
        self.assertEqual(self.renovation.jiancai_renovation_state, "in_progress")

    def test_answers_only_while_waiting(self):
        plumbing = self.phases[0]
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            plumbing._jiancai_homeowner_answer(True)
        self._ready(plumbing)
        plumbing._jiancai_homeowner_answer(True)
        # the second tab answers after the first: a clear message, nothing changes
        with self.assertRaisesRegex(UserError, "no longer waiting .*Accepted"):
            plumbing._jiancai_homeowner_answer(False, reason="late")
        self.assertEqual(plumbing.jiancai_phase_state, "accepted")
        self.assertFalse(plumbing.jiancai_rework_reason)

    def test_rework_reason_required_and_bounded(self):
        plumbing = self.phases[0]
        self._ready(plumbing)
        for reason in (None, "", "   \n "):
            with self.assertRaisesRegex(UserError, "what needs redoing"):
                plumbing._jiancai_homeowner_answer(False, reason=reason)
        with self.assertRaisesRegex(UserError, "under 2000 characters"):
            plumbing._jiancai_homeowner_answer(False, reason="x" * 5000)
        self.assertEqual(plumbing.jiancai_phase_state, "waiting")

    def test_gate_refuses_without_photos_and_checklist(self):
        plumbing = self.phases[0]
        sup = plumbing.with_user(self.supervisor)
        sup.action_jiancai_phase_start()
        with self.assertRaises(GateRefusal) as refused:
            sup.action_jiancai_request_acceptance()
        message = refused.exception.message
        self.assertIn("Plumbing has 0 of the 2 photos it needs.", message)
        self.assertIn("Not ticked yet: Pressure test, Wall photos.", message)
        self.assertNotIn("Tidy site", message)  # optional item
        self.assertEqual(len(refused.exception.issues), 2)
        self.assertEqual(plumbing.jiancai_phase_state, "in_progress")
        self._photos(plumbing, 1)
        self._tick_required(plumbing)
        with self.assertRaisesRegex(GateRefusal, "has 1 of the 2 photos"):
            sup.action_jiancai_request_acceptance()
        self._photos(plumbing, 1)
        sup.action_jiancai_request_acceptance()
        self.assertEqual(plumbing.jiancai_phase_state, "waiting")

    def test_gate_rules_are_switchable(self):
        plumbing = self.phases[0]
        rules = self.env.ref("jiancai_renovation.gate_rule_renovation_photos") | self.env.ref(
            "jiancai_renovation.gate_rule_renovation_checklist"
        )
        self.assertTrue(all(rules.mapped("switchable")))
        self.assertEqual(set(rules.mapped("checkpoint_code")), {"renovation_phase_ready"})
        rules.with_user(self.users["gm"]).write({"enabled": False})
        plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        plumbing.with_user(self.supervisor).action_jiancai_request_acceptance()
        self.assertEqual(plumbing.jiancai_phase_state, "waiting")

    def test_unticking_counts(self):
        plumbing = self.phases[0]
        sup = plumbing.with_user(self.supervisor)
        check = plumbing.jiancai_check_ids[0]
        with self.assertRaisesRegex(UserError, "Start Plumbing"):
            sup.action_jiancai_toggle_check(check.id)
        sup.action_jiancai_phase_start()
        self.assertTrue(sup.action_jiancai_toggle_check(check.id))
        self.assertEqual(check.done_by_id, self.supervisor)
        self.assertFalse(sup.action_jiancai_toggle_check(check.id))
        self.assertFalse(check.done_by_id)
        other = self.other_renovation.jiancai_phase_ids[0].jiancai_check_ids[0]
        with self.assertRaisesRegex(UserError, "not part of"):
            sup.action_jiancai_toggle_check(other.id)

    def test_last_acceptance_asks_for_a_rating(self):
        for phase in self.phases:
            self._ready(phase)
            phase._jiancai_homeowner_answer(True)
        self.assertEqual(self.renovation.jiancai_renovation_state, "done")
        self.assertEqual(self.renovation.jiancai_progress, 100)
        last = self.phases[-1]
        rating = last._jiancai_open_rating()
        self.assertTrue(rating)
        self.assertEqual(rating.partner_id, self.homeowner)
        self.assertEqual(len(self._notifications(self.homeowner, "rating_request")), 1)
        # only at the end
        self.assertEqual(len(self._notifications(self.homeowner, "renovation_acceptance")), 3)
        rating_token = rating.access_token
        last.sudo().rating_apply(5, token=rating_token)
        self.assertFalse(last._jiancai_open_rating())
