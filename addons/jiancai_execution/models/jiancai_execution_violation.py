from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..engine.timecalc import period_of

MAIL_FIELDS_PREFIXES = ("message_", "activity_", "website_message_", "rating_")


class JiancaiExecutionViolation(models.Model):
    """One breach of a rule of the house (违章), charged to one person.

    Raised by the rule's evaluation only; the person may appeal with a reason, the
    store manager or the general manager upholds or waives it. Points and penalties
    count per person, store and month; waived violations count nothing.
    """

    _name = "jiancai.execution.violation"
    _description = "Violation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "occurred_at desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    rule_id = fields.Many2one(
        "jiancai.execution.rule", required=True, ondelete="restrict", index=True, readonly=True
    )
    user_id = fields.Many2one(
        "res.users", "Person", required=True, index=True, readonly=True, tracking=True
    )
    store_id = fields.Many2one("crm.team", index="btree_not_null", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", readonly=True)
    document_name = fields.Char("Document", compute="_compute_document_name")
    occurred_at = fields.Datetime("When", required=True, readonly=True, index=True)
    period = fields.Char(
        "Month", compute="_compute_period", store=True, index=True, help="Local month, YYYY-MM."
    )
    evidence = fields.Text(readonly=True)
    message = fields.Char(related="rule_id.message")
    dedup_key = fields.Char(required=True, readonly=True, copy=False)
    points = fields.Integer(readonly=True)
    penalty = fields.Monetary(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    points_counted = fields.Integer(compute="_compute_counted", store=True, aggregator="sum")
    penalty_counted = fields.Monetary(compute="_compute_counted", store=True, aggregator="sum")
    state = fields.Selection(
        [
            ("open", "Open"),
            ("appealed", "Appealed"),
            ("upheld", "Upheld"),
            ("waived", "Waived"),
        ],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    appeal_reason = fields.Text(tracking=True)
    appealed_at = fields.Datetime(readonly=True)
    reviewer_id = fields.Many2one("res.users", "Reviewed By", readonly=True, tracking=True)
    reviewed_at = fields.Datetime(readonly=True)
    review_note = fields.Text(tracking=True)
    is_reviewed = fields.Boolean(compute="_compute_is_reviewed")
    can_review = fields.Boolean(compute="_compute_can_review")

    _breach_unique = models.Constraint(
        "UNIQUE(rule_id, dedup_key)", "This breach has already been recorded."
    )

    @api.depends("rule_id.name", "user_id.name")
    def _compute_name(self):
        for violation in self:
            violation.name = f"{violation.rule_id.name or ''} · {violation.user_id.name or ''}"

    def _compute_document_name(self):
        for violation in self:
            name = ""
            if violation.res_model in self.env and violation.res_id:
                record = self.env[violation.res_model].sudo().browse(violation.res_id).exists()
                name = record.display_name if record else ""
            violation.document_name = name

    @api.depends("occurred_at", "company_id")
    def _compute_period(self):
        for violation in self:
            tz = violation.company_id.partner_id.tz or "Asia/Shanghai"
            violation.period = (
                period_of(violation.occurred_at, tz) if violation.occurred_at else False
            )

    @api.depends("state", "points", "penalty")
    def _compute_counted(self):
        for violation in self:
            waived = violation.state == "waived"
            violation.points_counted = 0 if waived else violation.points
            violation.penalty_counted = 0 if waived else violation.penalty

    @api.depends("state")
    def _compute_is_reviewed(self):
        for violation in self:
            violation.is_reviewed = violation.state in ("upheld", "waived")

    @api.depends_context("uid")
    def _compute_can_review(self):
        for violation in self:
            violation.can_review = violation._may_review()

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Violations are raised by the rules, not by hand."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_user_write(vals)
        return super().write(vals)

    def _check_user_write(self, vals):
        editable = {"appeal_reason", "review_note"}
        plain = {name for name in vals if not name.startswith(MAIL_FIELDS_PREFIXES)}
        if plain - editable:
            raise AccessError(
                self.env._("A violation changes only through its buttons (appeal, uphold, waive).")
            )
        for violation in self:
            if violation.is_reviewed and plain:
                raise UserError(
                    self.env._("%(name)s was reviewed: it cannot be edited.", name=violation.name)
                )
            if "appeal_reason" in plain and (
                violation.user_id != self.env.user or violation.state != "open"
            ):
                raise AccessError(
                    self.env._(
                        "Only %(person)s appeals this violation, before it is reviewed.",
                        person=violation.user_id.name,
                    )
                )
            if "review_note" in plain and not violation._may_review():
                raise AccessError(self.env._("Only the store manager reviews this violation."))

    # ------------------------------------------------------------------ rights
    def _may_review(self):
        """The store's manager or the general manager, never the person charged."""
        self.ensure_one()
        user = self.env.user
        if user == self.user_id:
            return False
        if user.has_group("jiancai_base.group_general_manager"):
            return True
        return (
            user.has_group("jiancai_base.group_store_manager")
            and self.store_id.sudo().user_id == user
        )

    # ------------------------------------------------------------------ actions
    def action_appeal(self, reason=None):
        """The person charged appeals, with a reason (the form's field or ``reason``)."""
        for violation in self:
            text = (reason if reason is not None else violation.appeal_reason) or ""
            text = text.strip()
            if violation.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(person)s appeals this violation.", person=violation.user_id.name
                    )
                )
            if violation.state != "open":
                raise UserError(self.env._("This violation can no longer be appealed."))
            if not text:
                raise UserError(self.env._("Say why: an appeal needs a reason."))
            violation.sudo().write(
                {
                    "appeal_reason": text[:4000],
                    "appealed_at": fields.Datetime.now(),
                    "state": "appealed",
                }
            )
            violation.message_post(
                body=self.env._("Appeal: %(reason)s", reason=text[:4000]),
                subtype_xmlid="mail.mt_note",
            )
            reviewer = violation.store_id.sudo().user_id
            if reviewer and reviewer != violation.user_id:
                violation.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=reviewer.id,
                    summary=self.env._(
                        "Review the appeal of %(person)s", person=violation.user_id.name
                    ),
                )
        return True

    def _review(self, state, note):
        for violation in self:
            if not violation._may_review():
                raise AccessError(
                    self.env._(
                        "Only the store manager or the general manager reviews violations; "
                        "nobody reviews their own."
                    )
                )
            if violation.is_reviewed:
                raise UserError(
                    self.env._("%(name)s was reviewed: it cannot be edited.", name=violation.name)
                )
            text = (note if note is not None else violation.review_note) or ""
            violation.sudo().write(
                {
                    "state": state,
                    "reviewer_id": self.env.user.id,
                    "reviewed_at": fields.Datetime.now(),
                    "review_note": text.strip()[:4000] or False,
                }
            )
            label = dict(self._fields["state"]._description_selection(self.env))[state]
            violation.message_post(
                body=self.env._(
                    "%(decision)s by %(reviewer)s. %(note)s",
                    decision=label,
                    reviewer=self.env.user.name,
                    note=text,
                ),
            )
            violation.sudo().activity_ids.action_feedback(feedback=label)
            self.env["jiancai.notification"].notify(
                violation.user_id,
                self.env._(
                    "Violation %(decision)s: %(rule)s",
                    decision=label.lower(),
                    rule=violation.rule_id.name,
                ),
                text or label,
                record=violation,
            )
        return True

    def action_uphold(self, note=None):
        return self._review("upheld", note)

    def action_waive(self, note=None):
        return self._review("waived", note)

    def action_open_document(self):
        self.ensure_one()
        if not (self.res_model in self.env and self.res_id):
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def _notify_person(self):
        """Tell each person charged (inbox, and WeCom when they have a WeCom id)."""
        Notification = self.env["jiancai.notification"].sudo()
        for violation in self:
            user = violation.user_id
            # in the language of the person told
            violation = violation.with_context(lang=user.lang or self.env.lang)  # noqa: PLW2901
            channels = ("inbox", "wecom") if user.jiancai_wecom_userid else ("inbox",)
            body = violation.env._(
                "%(message)s\n%(evidence)s\nPoints: %(points)s. You can appeal with a reason: "
                "%(url)s",
                message=violation.rule_id.message,
                evidence=violation.evidence or "",
                points=violation.points,
                url=violation._phone_url(),
            )
            Notification.notify(
                user,
                violation.env._("Violation: %(rule)s", rule=violation.rule_id.name),
                body,
                record=violation,
                channels=channels,
            )

    def _phone_url(self):
        return f"{self.get_base_url()}/jc/execution/{self.id}"
