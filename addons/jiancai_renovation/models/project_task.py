from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, mute_logger

PHASE_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("waiting", "Waiting for Acceptance"),
    ("accepted", "Accepted"),
    ("rework", "Rework Requested"),
]
BADGES = {
    "accepted": "text-bg-success",
    "waiting": "text-bg-warning",
    "rework": "text-bg-danger",
    "in_progress": "text-bg-primary",
}
# what a phase is and whose it is: the store manager's, not the supervisor's
PHASE_OWNED = frozenset(
    {"project_id", "partner_id", "jiancai_min_photo_count", "jiancai_phase_template_id",
     "jiancai_check_ids"}
)  # fmt: skip
REWORK_REASON_MAX = 2000
READY = "renovation_phase_ready"
ACCEPTED = "renovation_phase_accepted"


class ProjectTask(models.Model):
    """A phase of a renovation (水电改造, 泥瓦 ...) is a task of its project.

    Odoo's stages stay for the team's own kanban; the phase state is the renovation's
    own: planned → in progress → waiting for the homeowner's acceptance → accepted, or
    rework requested → in progress again. Only the flows below change it.
    """

    _name = "project.task"
    _inherit = ["project.task", "jiancai.gate.mixin", "jiancai.photo.mixin"]

    jiancai_is_phase = fields.Boolean(
        "Renovation Phase",
        related="project_id.jiancai_is_renovation",
        store=True,
        index="btree_not_null",
    )
    jiancai_phase_template_id = fields.Many2one(
        "jiancai.renovation.phase.template", "Phase Template", ondelete="set null"
    )
    jiancai_phase_state = fields.Selection(
        PHASE_STATES,
        "Phase State",
        default="planned",
        index=True,
        tracking=True,
        group_expand="_group_expand_jiancai_phase_state",
    )
    jiancai_supervisor_id = fields.Many2one(
        related="project_id.jiancai_supervisor_id", store=True, string="Supervisor"
    )
    jiancai_store_id = fields.Many2one(
        related="project_id.jiancai_store_id", store=True, string="Store"
    )
    jiancai_date_start = fields.Date("Planned Start")
    jiancai_date_end = fields.Date("Planned End")
    jiancai_min_photo_count = fields.Integer("Minimum Photos")
    jiancai_check_ids = fields.One2many("jiancai.renovation.check", "task_id", "Checklist")
    jiancai_check_done_count = fields.Integer(
        "Items Ticked", compute="_compute_jiancai_check_counts"
    )
    jiancai_check_missing_count = fields.Integer(
        "Required Items Left", compute="_compute_jiancai_check_counts"
    )
    jiancai_note = fields.Text("Site Note")
    jiancai_started_at = fields.Datetime("Started On", readonly=True, copy=False)
    jiancai_requested_at = fields.Datetime("Acceptance Asked On", readonly=True, copy=False)
    jiancai_accepted_at = fields.Datetime("Accepted On", readonly=True, copy=False)
    jiancai_accepted_by_id = fields.Many2one(
        "res.partner", "Accepted By", readonly=True, copy=False
    )
    jiancai_rework_reason = fields.Text("Rework Reason", readonly=True, copy=False)
    jiancai_rework_count = fields.Integer("Reworks", readonly=True, copy=False)
    jiancai_visible = fields.Boolean(
        "Visible to Me", compute="_compute_jiancai_visible", search="_search_jiancai_visible"
    )

    @api.model
    def _group_expand_jiancai_phase_state(self, states, domain):
        return [key for key, _label in PHASE_STATES]

    @api.depends("jiancai_check_ids.done", "jiancai_check_ids.required")
    def _compute_jiancai_check_counts(self):
        for task in self:
            checks = task.jiancai_check_ids
            task.jiancai_check_done_count = len(checks.filtered("done"))
            task.jiancai_check_missing_count = len(
                checks.filtered(lambda c: c.required and not c.done)
            )

    def _compute_jiancai_visible(self):
        allowed = self.filtered_domain(self._search_jiancai_visible("in", [True]))
        for task in self:
            task.jiancai_visible = task in allowed

    def _search_jiancai_visible(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        if operator == "in":
            value = True in value
        domain = self.env["project.project"]._jiancai_visible_domain(prefix="project_id.")
        return domain if value else ~domain

    @api.model
    def _jiancai_protected_fields(self):
        return super()._jiancai_protected_fields() | {
            "jiancai_phase_state", "jiancai_started_at", "jiancai_requested_at",
            "jiancai_accepted_at", "jiancai_accepted_by_id", "jiancai_rework_reason",
            "jiancai_rework_count",
        }  # fmt: skip

    def write(self, vals):
        self._jiancai_check_phase_owned(vals)
        return super().write(vals)

    def _jiancai_check_phase_owned(self, vals):
        """On a renovation's phase, the supervisor works; what the phase is, whose
        renovation it belongs to and what it requires stay with the store manager."""
        touched = PHASE_OWNED.intersection(vals)
        if (
            not touched
            or self.env.su
            or self.env.user.has_groups("jiancai_base.group_store_manager,base.group_system")
            or not any(self.sudo().mapped("jiancai_is_phase"))
        ):
            return
        changed = {
            name
            for name in touched
            if self._fields[name].type == "one2many"
            or not self._jiancai_protected_value_kept(name, vals[name])
        }
        if changed:
            labels = ", ".join(
                sorted(self._fields[name]._description_string(self.env) for name in changed)
            )
            raise AccessError(
                self.env._(
                    "%(fields)s of a renovation phase are set by the store manager.",
                    fields=labels,
                )
            )

    # ------------------------------------------------------------------ helpers
    def _jiancai_check_phase(self):
        for task in self:
            if not task.jiancai_is_phase:
                raise UserError(self.env._("%(task)s is not a renovation phase.", task=task.name))

    def _jiancai_check_site_staff(self):
        """The supervisor of the renovation, its store's manager or the general manager."""
        self._jiancai_check_phase()
        self.check_access("write")
        user = self.env.user
        if user.has_groups("jiancai_base.group_store_manager,base.group_system"):
            return
        for task in self:
            if task.project_id.jiancai_supervisor_id != user:
                raise AccessError(
                    self.env._(
                        "Only the supervisor of %(site)s does this.",
                        site=task.project_id.display_name,
                    )  # fmt: skip
                )

    def _jiancai_lock(self):
        """Lock the phases' rows: of two people answering at once, the second is told at
        once (NOWAIT), and one whose snapshot is older than the first's answer too."""
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM project_task WHERE id IN %s FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
        except (errors.LockNotAvailable, errors.SerializationFailure) as exc:
            raise UserError(
                self.env._("Someone is answering this phase right now; try again in a moment.")
            ) from exc
        self.invalidate_recordset()

    def _jiancai_state_label(self):
        self.ensure_one()
        return dict(self._fields["jiancai_phase_state"]._description_selection(self.env)).get(
            self.jiancai_phase_state, ""
        )

    def _jiancai_badge_class(self):
        """The Bootstrap badge of the phase state on the phone and portal pages."""
        self.ensure_one()
        return BADGES.get(self.jiancai_phase_state, "text-bg-secondary")

    def _jiancai_portal_url(self):
        self.ensure_one()
        return self.project_id.sudo().get_portal_url()

    def _jiancai_full_portal_url(self):
        self.ensure_one()
        return self.project_id.get_base_url() + self._jiancai_portal_url()

    # ------------------------------------------------------------------ supervisor flow
    def action_jiancai_phase_start(self):
        """Start the phase (or the rework the homeowner asked for)."""
        self._jiancai_check_site_staff()
        self._jiancai_lock()
        for task in self:
            if task.jiancai_phase_state not in ("planned", "rework"):
                raise UserError(
                    self.env._(
                        "%(phase)s is %(state)s: it cannot be started.",
                        phase=task.name,
                        state=task._jiancai_state_label(),
                    )  # fmt: skip
                )
        self.sudo().write({"jiancai_phase_state": "in_progress",
                           "jiancai_started_at": fields.Datetime.now()})  # fmt: skip
        return True

    def action_jiancai_toggle_check(self, check_id):
        """Tick or untick one checklist item of a phase in progress."""
        self.ensure_one()
        self._jiancai_check_site_staff()
        check = self.jiancai_check_ids.filtered(lambda c: c.id == check_id)
        if not check:
            raise UserError(self.env._("This checklist item is not part of %(phase)s.",
                                       phase=self.name))  # fmt: skip
        if self.jiancai_phase_state != "in_progress":
            raise UserError(
                self.env._("Start %(phase)s before ticking its checklist.", phase=self.name)
            )
        done = not check.done
        check.sudo().write(
            {
                "done": done,
                "done_by_id": self.env.uid if done else False,
                "done_at": fields.Datetime.now() if done else False,
            }
        )
        return done

    def action_jiancai_request_acceptance(self):
        """The supervisor asks the homeowner to accept the phase (checkpoint
        ``renovation_phase_ready``: photos and checklist)."""
        self._jiancai_check_site_staff()
        self._jiancai_lock()
        for task in self:
            if task.jiancai_phase_state != "in_progress":
                raise UserError(
                    self.env._(
                        "%(phase)s is %(state)s: only a phase in progress can be sent "
                        "for acceptance.",
                        phase=task.name,
                        state=task._jiancai_state_label(),
                    )  # fmt: skip
                )
        self._jiancai_gate_check(READY)
        self.sudo().write({"jiancai_phase_state": "waiting",
                           "jiancai_requested_at": fields.Datetime.now()})  # fmt: skip
        self._jiancai_gate_notify(READY)
        return True

    # ------------------------------------------------------------------ homeowner flow
    def _jiancai_homeowner_answer(self, accept, reason=None, partner=None):
        """The homeowner's answer from the portal (called as superuser by the portal
        controller after checking the homeowner's access). Re-checks that the phase is
        still waiting: of two tabs answering, the first wins."""
        self.ensure_one()
        self._jiancai_check_phase()
        self._jiancai_lock()
        if self.jiancai_phase_state != "waiting":
            raise UserError(
                self.env._(
                    "%(phase)s is no longer waiting for your answer (now: %(state)s). "
                    "The page has been refreshed.",
                    phase=self.name,
                    state=self._jiancai_state_label(),
                )
            )
        partner = partner or self.project_id.partner_id
        if accept:
            self._jiancai_gate_check(ACCEPTED)
            self.sudo().write(
                {
                    "jiancai_phase_state": "accepted",
                    "jiancai_accepted_at": fields.Datetime.now(),
                    "jiancai_accepted_by_id": partner.id,
                }
            )
            self._jiancai_gate_notify(ACCEPTED)
            return True
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Tell the supervisor what needs redoing."))
        if len(reason) > REWORK_REASON_MAX:
            raise UserError(
                self.env._("Keep the reason under %(max)s characters.", max=REWORK_REASON_MAX)
            )
        self.sudo().write(
            {
                "jiancai_phase_state": "rework",
                "jiancai_rework_reason": reason,
                "jiancai_rework_count": self.jiancai_rework_count + 1,
            }
        )
        self.sudo().message_post(
            body=self.env._(
                "%(who)s asked for rework: %(reason)s", who=partner.name, reason=reason
            ),  # fmt: skip
            subtype_xmlid="mail.mt_comment",
        )
        supervisor = self.project_id.jiancai_supervisor_id
        if supervisor:
            self.env["jiancai.notification"].sudo().notify(
                supervisor,
                lambda env: env._("Rework asked: %(phase)s", phase=self.name),
                lambda env: env._(
                    "%(who)s asks for rework on %(phase)s of %(site)s: %(reason)s",
                    who=partner.name,
                    phase=self.name,
                    site=self.project_id.name,
                    reason=reason,
                ),
                record=self.sudo(),
                channels=("inbox", "wecom"),
            )
        return False

    # ------------------------------------------------------------------ gate rules
    def _jiancai_gate_renovation_photos(self, gate):
        """Check: at least the phase's minimum number of photos."""
        issues = []
        for task in self.filtered("jiancai_is_phase"):
            have = len(task.sudo().jiancai_photo_ids)
            if have < task.jiancai_min_photo_count:
                issues.append(
                    task._jiancai_gate_issue(
                        self.env._(
                            "%(phase)s has %(have)s of the %(need)s photos it needs.",
                            phase=task.name,
                            have=have,
                            need=task.jiancai_min_photo_count,
                        ),
                        hint=self.env._(
                            "Take %(n)s more photo(s) of the work on site.",
                            n=task.jiancai_min_photo_count - have,
                        ),
                        url=f"/jc/site/{task.project_id.id}",
                    )
                )
        return issues

    def _jiancai_gate_renovation_checklist(self, gate):
        """Check: every required checklist item ticked."""
        issues = []
        for task in self.filtered("jiancai_is_phase"):
            missing = task.sudo().jiancai_check_ids.filtered(lambda c: c.required and not c.done)
            if missing:
                issues.append(
                    task._jiancai_gate_issue(
                        self.env._(
                            "Not ticked yet: %(items)s.",
                            items=", ".join(missing.mapped("name")),
                        ),
                        hint=self.env._("Check these points on site and tick them."),
                        url=f"/jc/site/{task.project_id.id}",
                    )
                )
        return issues

    def _jiancai_gate_renovation_ask_homeowner(self, gate):
        """Listener: tell the homeowner a phase waits for their acceptance, with the link."""
        for task in self.filtered("jiancai_is_phase").sudo():
            homeowner = task.project_id.partner_id
            if not homeowner:
                continue
            url = task._jiancai_full_portal_url()
            self.env["jiancai.notification"].sudo().notify(
                homeowner,
                lambda env, t=task: env._("Please accept: %(phase)s", phase=t.name),
                lambda env, t=task, u=url: env._(
                    "%(phase)s of your renovation is finished. Look at the photos and "
                    "accept it, or ask for rework: %(url)s",
                    phase=t.name,
                    url=u,
                ),
                record=task.project_id,
                channels=("inbox", "sms"),
                sms_template="renovation_acceptance",
                sms_params={"name": homeowner.name, "phase": task.name, "url": url},
            )

    def _jiancai_gate_renovation_milestone(self, gate):
        """Listener: a milestone on the renovation's chatter, the next phase starts."""
        for task in self.filtered("jiancai_is_phase").sudo():
            project = task.project_id
            project._jiancai_post_milestone(task)
            following = project.jiancai_phase_ids.sorted(lambda t: (t.sequence, t.id)).filtered(
                lambda t, done=task: t.jiancai_phase_state == "planned"
                and t.sequence > done.sequence
            )[:1]
            if following:
                following.write({"jiancai_phase_state": "in_progress",
                                 "jiancai_started_at": fields.Datetime.now()})  # fmt: skip

    def _jiancai_gate_renovation_rating(self, gate):
        """Listener: when the last phase is accepted, ask the homeowner for a rating."""
        for task in self.filtered("jiancai_is_phase").sudo():
            project = task.project_id
            homeowner = project.partner_id
            if not homeowner or project.jiancai_renovation_state != "done":
                continue
            task._rating_get_access_token(homeowner)
            url = task._jiancai_full_portal_url()
            self.env["jiancai.notification"].sudo().notify(
                homeowner,
                lambda env: env._("Your renovation is complete: how did we do?"),
                lambda env, u=url: env._("Thank you! Tell us how we did: %(url)s", url=u),
                record=project,
                channels=("inbox", "sms"),
                sms_template="rating_request",
                sms_params={"name": homeowner.name, "url": url},
            )

    def _jiancai_open_rating(self):
        """The homeowner's rating not given yet (on the last phase), if any."""
        self.ensure_one()
        return self.sudo().rating_ids.filtered(
            lambda r: not r.consumed and r.partner_id == self.project_id.partner_id
        )[:1]

    def _rating_get_partner(self):
        if self.jiancai_is_phase and self.project_id.partner_id:
            return self.project_id.partner_id
        return super()._rating_get_partner()
