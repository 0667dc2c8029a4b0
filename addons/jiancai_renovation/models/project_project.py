from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..engine.schedule import ScheduleError, WorkWeek, chain_phases, home_key, progress

RENOVATION_STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Completed"),
]


class ProjectProject(models.Model):
    """A renovation (装修) is a project flagged ``jiancai_is_renovation``: a homeowner's
    home, a store, a supervisor (监理) and one task per phase (水电, 泥瓦 ...)."""

    _inherit = "project.project"

    jiancai_is_renovation = fields.Boolean("Renovation", index=True, copy=False)
    jiancai_community = fields.Char("Community", help="小区", tracking=True)
    jiancai_building = fields.Char("Building", help="栋 / 号楼")
    jiancai_unit = fields.Char("Unit", help="单元")
    jiancai_room = fields.Char("Room", help="室")
    jiancai_home_key = fields.Char(
        "Home Key",
        compute="_compute_jiancai_home_key",
        store=True,
        index="btree_not_null",
        help="The same flat however it was typed: community|building|unit|room.",
    )
    jiancai_store_id = fields.Many2one(
        "crm.team",
        "Store",
        domain=[("jiancai_is_store", "=", True)],
        index="btree_not_null",
        tracking=True,
    )
    jiancai_sale_order_id = fields.Many2one(
        "sale.order", "Origin Sales Order", index="btree_not_null", tracking=True
    )
    jiancai_supervisor_id = fields.Many2one(
        "res.users",
        "Supervisor",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("jiancai_base.group_supervisor").ids)
        ],
        index="btree_not_null",
        tracking=True,
    )
    jiancai_template_id = fields.Many2one("jiancai.renovation.template", "Template", copy=False)
    jiancai_phase_ids = fields.One2many(
        "project.task", "project_id", "Phases", domain=[("jiancai_is_phase", "=", True)]
    )
    jiancai_phase_count = fields.Integer(
        "Number of Phases", compute="_compute_jiancai_progress", store=True, aggregator="sum"
    )
    jiancai_accepted_count = fields.Integer(
        "Phases Accepted", compute="_compute_jiancai_progress", store=True, aggregator="sum"
    )
    jiancai_progress = fields.Float(
        "Progress (%)", compute="_compute_jiancai_progress", store=True, aggregator="avg"
    )
    jiancai_renovation_state = fields.Selection(
        RENOVATION_STATES,
        "Renovation State",
        compute="_compute_jiancai_progress",
        store=True,
        index="btree_not_null",
    )
    jiancai_current_phase_id = fields.Many2one(
        "project.task", "Current Phase", compute="_compute_jiancai_current_phase_id"
    )
    jiancai_visible = fields.Boolean(
        "Visible to Me", compute="_compute_jiancai_visible", search="_search_jiancai_visible"
    )

    @api.depends("jiancai_community", "jiancai_building", "jiancai_unit", "jiancai_room")
    def _compute_jiancai_home_key(self):
        for project in self:
            project.jiancai_home_key = (
                home_key(
                    project.jiancai_community,
                    project.jiancai_building,
                    project.jiancai_unit,
                    project.jiancai_room,
                )
                or False
            )

    @api.depends("jiancai_phase_ids.jiancai_phase_state", "jiancai_is_renovation")
    def _compute_jiancai_progress(self):
        for project in self:
            phases = project.jiancai_phase_ids
            accepted = phases.filtered(lambda t: t.jiancai_phase_state == "accepted")
            project.jiancai_phase_count = len(phases)
            project.jiancai_accepted_count = len(accepted)
            project.jiancai_progress = progress(len(accepted), len(phases))
            if not project.jiancai_is_renovation:
                project.jiancai_renovation_state = False
            elif phases and len(accepted) == len(phases):
                project.jiancai_renovation_state = "done"
            elif any(p.jiancai_phase_state != "planned" for p in phases):
                project.jiancai_renovation_state = "in_progress"
            else:
                project.jiancai_renovation_state = "planned"

    def _compute_jiancai_current_phase_id(self):
        for project in self:
            project.jiancai_current_phase_id = project.jiancai_phase_ids.sorted(
                lambda t: (t.sequence, t.id)
            ).filtered(lambda t: t.jiancai_phase_state != "accepted")[:1]

    def _compute_jiancai_visible(self):
        allowed = self.filtered_domain(self._search_jiancai_visible("in", [True]))
        for project in self:
            project.jiancai_visible = project in allowed

    @api.model
    def _jiancai_visible_domain(self, prefix=""):
        """Which renovations the current user may see (record rules use it; Odoo runs
        their search methods as superuser, so this looks at the user, never at ``su``)."""
        user = self.env.user
        if user.has_groups(
            "jiancai_base.group_general_manager,jiancai_base.group_customer_service,"
            "base.group_system"
        ):
            return Domain.TRUE
        if user.share:
            return Domain(f"{prefix}partner_id", "child_of", user.commercial_partner_id.id)
        domain = Domain(f"{prefix}jiancai_supervisor_id", "=", user.id)
        stores = self.env["crm.team"]._jiancai_stores_of_user(user)
        if stores:
            domain |= Domain(f"{prefix}jiancai_store_id", "in", stores.ids)
        return domain

    def _search_jiancai_visible(self, operator, value):
        if operator not in ("in", "="):
            return NotImplemented
        if operator == "in":
            value = True in value
        domain = self._jiancai_visible_domain()
        return domain if value else ~domain

    @api.onchange("jiancai_sale_order_id")
    def _onchange_jiancai_sale_order_id(self):
        order = self.jiancai_sale_order_id
        if not order:
            return
        self.partner_id = order.partner_id
        if order.team_id.jiancai_is_store:
            self.jiancai_store_id = order.team_id

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("jiancai_is_renovation"):
                # homeowners follow their renovation on the portal
                vals.setdefault("privacy_visibility", "portal")
        projects = super().create(vals_list)
        for project in projects.filtered(
            lambda p: p.jiancai_is_renovation and p.jiancai_template_id and not p.task_ids
        ):
            project._jiancai_create_phases()
        return projects

    def write(self, vals):
        result = super().write(vals)
        if "jiancai_supervisor_id" in vals:
            # the new supervisor is assigned to the phases still to do
            for project in self.filtered("jiancai_is_renovation"):
                project.jiancai_phase_ids.filtered(
                    lambda t: t.jiancai_phase_state != "accepted"
                ).sudo().with_context(mail_auto_subscribe_no_notify=True).write(
                    {"user_ids": [Command.set(project.jiancai_supervisor_id.ids)]}
                )
        return result

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for project in self.filtered("jiancai_is_renovation"):
            project.access_url = f"/my/renovation/{project.id}"
        return result

    # ------------------------------------------------------------------ phases
    def _jiancai_work_week(self):
        """Mon-Sat, minus the company's public holidays (global leaves of its calendar)."""
        self.ensure_one()
        calendar = self.company_id.resource_calendar_id or self.env.company.resource_calendar_id
        holidays = set()
        if calendar:
            for leave in calendar.sudo().global_leave_ids:
                day = leave.date_from.date()
                while day <= leave.date_to.date():
                    holidays.add(day)
                    day = fields.Date.add(day, days=1)
        return WorkWeek(holidays=frozenset(holidays))

    def _jiancai_create_phases(self):
        """One task per phase of the template, dates chained over working days."""
        self.ensure_one()
        if not self.jiancai_template_id.phase_ids:
            raise UserError(self.env._("The template %(name)s has no phase.",
                                       name=self.jiancai_template_id.name))  # fmt: skip
        start = self.date_start or fields.Date.context_today(self)
        phases = self.jiancai_template_id.phase_ids.sorted(lambda p: (p.sequence, p.id))
        try:
            dates = chain_phases(start, phases.mapped("planned_days"), self._jiancai_work_week())
        except ScheduleError as exc:
            raise UserError(
                self.env._("The phases cannot be planned: %(error)s", error=str(exc))
            ) from exc
        tasks = (
            self.env["project.task"]
            .sudo()
            .create(
                [
                    {
                        "name": phase.name,
                        "project_id": self.id,
                        "sequence": index * 10,
                        "partner_id": self.partner_id.id,
                        "user_ids": [Command.set(self.jiancai_supervisor_id.ids)],
                        "jiancai_phase_template_id": phase.id,
                        "jiancai_min_photo_count": phase.min_photo_count,
                        "jiancai_date_start": begin,
                        "jiancai_date_end": end,
                        "jiancai_check_ids": [
                            Command.create(
                                {
                                    "name": check.name,
                                    "sequence": check.sequence,
                                    "required": check.required,
                                }  # fmt: skip
                            )
                            for check in phase.check_ids
                        ],
                    }
                    for index, (phase, (begin, end)) in enumerate(
                        zip(phases, dates, strict=True), start=1
                    )
                ]
            )
        )
        self.sudo().write({"date_start": dates[0][0], "date": dates[-1][1]})
        return tasks

    def action_jiancai_create_phases(self):
        self.ensure_one()
        self.check_access("write")
        if self.jiancai_phase_ids:
            raise UserError(self.env._("This renovation already has its phases."))
        if not self.jiancai_template_id:
            raise UserError(self.env._("Choose a template first."))
        self._jiancai_create_phases()
        return True

    def action_jiancai_phases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jiancai_renovation.project_task_action_phase"
        )
        action["domain"] = [("project_id", "=", self.id), ("jiancai_is_phase", "=", True)]
        action["context"] = {"default_project_id": self.id}
        return action

    def action_jiancai_open_site(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/jc/site/{self.id}", "target": "self"}

    # ------------------------------------------------------------------ gates
    def _jiancai_post_milestone(self, phase):
        """A line on the renovation's chatter when a phase is accepted."""
        self.ensure_one()
        self.sudo().message_post(
            body=self.env._(
                "Milestone: %(phase)s accepted by the homeowner (%(done)s/%(total)s phases).",
                phase=phase.name,
                done=self.jiancai_accepted_count,
                total=self.jiancai_phase_count,
            ),
            subtype_xmlid="mail.mt_comment",
        )
