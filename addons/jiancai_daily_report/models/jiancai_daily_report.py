import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from ..engine.plan import (
    MAX_TEXT_CHARS,
    PlanError,
    completion,
    day_window_utc,
    plan_items,
    report_day,
)

MAX_TRAFFIC = 100_000
# what the author writes; everything else is the report's own steps or a reviewer's
CONTENT_FIELDS = {"done_text", "problem_text", "traffic", "plan_ids", "check_plan_ids"}


class JiancaiDailyReport(models.Model):
    _name = "jiancai.daily.report"
    _description = "Daily Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "jiancai.gate.mixin"]
    _order = "date desc, scope desc, id desc"
    _rec_names_search = ["user_id", "store_id"]

    name = fields.Char(compute="_compute_name", store=True)
    scope = fields.Selection(
        [("person", "My Report"), ("store", "Store Report")],
        required=True,
        default="person",
        help="A store report is the store manager's account of the whole store's day.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Author",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    store_id = fields.Many2one(
        "crm.team",
        index=True,
        domain=[("jiancai_is_store", "=", True)],
        default=lambda self: self.env["crm.team"]._jiancai_store_of_user(),
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        "Day",
        required=True,
        index=True,
        default=lambda self: self._today(),
        help="The day the report is about (the company's time zone).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        required=True,
        default="draft",
        tracking=True,
    )
    submitted_at = fields.Datetime(readonly=True, copy=False)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_at = fields.Datetime(readonly=True, copy=False)
    done_text = fields.Text("Done Today")
    problem_text = fields.Text("Problems / Help Needed")
    traffic = fields.Integer(
        "Store Traffic", help="Customers who came into the store today (store reports)."
    )
    quotation_count = fields.Integer("Quotations", readonly=True, copy=False)
    order_count = fields.Integer("Orders Confirmed", readonly=True, copy=False)
    order_amount = fields.Monetary("Amount Confirmed", readonly=True, copy=False)
    conversion = fields.Float(
        "Conversion (%)",
        compute="_compute_conversion",
        store=True,
        aggregator="avg",
        help="Orders confirmed per customer who came in.",
    )
    plan_ids = fields.One2many("jiancai.daily.plan", "report_id", "Tomorrow's Plan", copy=False)
    check_plan_ids = fields.One2many(
        "jiancai.daily.plan",
        "checked_report_id",
        "Yesterday's Plan",
        copy=False,
        help="What the last report planned for this day: tick what was done.",
    )
    plan_count = fields.Integer("Planned", compute="_compute_completion", store=True)
    plan_done_count = fields.Integer("Done", compute="_compute_completion", store=True)
    completion = fields.Float(
        "Plan Done (%)", compute="_compute_completion", store=True, aggregator="avg"
    )

    _person_day_unique = models.UniqueIndex(
        "(user_id, date) WHERE scope = 'person'",
        "You have already written your report for this day: open it instead.",
    )
    _store_day_unique = models.UniqueIndex(
        "(store_id, date) WHERE scope = 'store'",
        "The store's report for this day exists already: open it instead.",
    )
    _traffic_range = models.Constraint(
        f"CHECK (traffic >= 0 AND traffic <= {MAX_TRAFFIC})",
        "Store traffic is a number of people, from 0 to 100000.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("scope", "user_id", "store_id", "date")
    def _compute_name(self):
        for report in self:
            who = report.store_id.name if report.scope == "store" else report.user_id.name
            report.name = f"{who or ''} {fields.Date.to_string(report.date) or ''}".strip()

    @api.depends("order_count", "traffic")
    def _compute_conversion(self):
        for report in self:
            report.conversion = (
                round(100.0 * report.order_count / report.traffic, 1) if report.traffic else 0.0
            )

    @api.depends("check_plan_ids.done")
    def _compute_completion(self):
        for report in self:
            planned = len(report.check_plan_ids)
            done = len(report.check_plan_ids.filtered("done"))
            report.plan_count = planned
            report.plan_done_count = done
            report.completion = completion(done, planned) if planned else 0.0

    # ------------------------------------------------------------------ time
    @api.model
    def _tz(self):
        return self.env.company.partner_id.tz or self.env.user.tz or "Asia/Shanghai"

    @api.model
    def _today(self):
        return report_day(fields.Datetime.now(), self._tz())

    # ------------------------------------------------------------------ checks
    @api.constrains("scope", "store_id", "user_id")
    def _check_store_report(self):
        for report in self:
            if report.scope != "store":
                continue
            if not report.store_id:
                raise ValidationError(self.env._("A store report needs its store."))
            if report.store_id.user_id != report.user_id:
                raise ValidationError(
                    self.env._(
                        "The store report of %(store)s is written by its manager, %(manager)s.",
                        store=report.store_id.name,
                        manager=report.store_id.user_id.name or self.env._("(none)"),
                    )
                )

    @api.constrains("date")
    def _check_date(self):
        today = self._today()
        for report in self:
            if report.date > today:
                raise ValidationError(
                    self.env._("A daily report is written on the day or after it, not before.")
                )

    @api.constrains("done_text", "problem_text")
    def _check_text_length(self):
        for report in self:
            for text in (report.done_text, report.problem_text):
                if text and len(text) > MAX_TEXT_CHARS:
                    raise ValidationError(
                        self.env._("Keep each text under %(n)s characters.", n=MAX_TEXT_CHARS)
                    )

    @api.model
    def _jiancai_protected_fields(self):
        return super()._jiancai_protected_fields() | {
            "state",
            "submitted_at",
            "reviewed_by_id",
            "reviewed_at",
            "quotation_count",
            "order_count",
            "order_amount",
        }

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("user_id", self.env.uid) != self.env.uid:
                    raise AccessError(
                        self.env._("A daily report is written by its author, not for them.")
                    )
        reports = super().create(vals_list)
        for report in reports:
            report._link_plans_due()
        reports.sudo()._refresh_figures(force=True)
        return reports

    def write(self, vals):
        if not self.env.su:
            if "user_id" in vals and any(r.user_id.id != vals["user_id"] for r in self):
                raise AccessError(self.env._("The author of a daily report cannot change."))
            if CONTENT_FIELDS.union({"scope", "store_id", "date"}).intersection(vals):
                self._check_author_draft()
        result = super().write(vals)
        if {"scope", "store_id", "date", "user_id"}.intersection(vals):
            for report in self:
                report._link_plans_due()
            self.sudo()._refresh_figures()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.env.su:
            return
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("A submitted daily report is kept; it cannot be deleted.")
                )
            if report.user_id != self.env.user:
                raise AccessError(self.env._("Only its author deletes a draft report."))

    def _check_author_draft(self):
        for report in self:
            if report.user_id != self.env.user:
                raise AccessError(
                    self.env._(
                        "Only %(author)s edits this report; comment on it in the chatter.",
                        author=report.user_id.name,
                    )
                )
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "This report is submitted: add to it in the chatter instead of editing it."
                    )
                )

    @api.model
    def _jiancai_start(self, vals):
        """Today's report created from a phone. Two phones of the same person (or two
        managers' taps) racing: the unique index lets one in; the other gets a refusal
        that says what happened, not an error page."""
        try:
            with self.env.cr.savepoint():
                report = self.create(vals)
                self.env.flush_all()
        except psycopg2.errors.UniqueViolation as exc:
            raise UserError(
                self.env._(
                    "This day's report was just started from another phone or window: "
                    "open the page again to continue it."
                )
            ) from exc
        return report

    # ------------------------------------------------------------------ plans and figures
    def _owner_domain(self):
        self.ensure_one()
        if self.scope == "store":
            return Domain("scope", "=", "store") & Domain("store_id", "=", self.store_id.id)
        return Domain("scope", "=", "person") & Domain("user_id", "=", self.user_id.id)

    def _link_plans_due(self):
        """The plan items an earlier report made for this day become this report's to tick."""
        self.ensure_one()
        Plan = self.env["jiancai.daily.plan"].sudo()
        self.sudo().check_plan_ids.filtered(lambda p: p.plan_date != self.date).write(
            {"checked_report_id": False}
        )
        due = Plan.search(
            self._owner_domain()
            & Domain("plan_date", "=", self.date)
            & Domain("checked_report_id", "=", False)
            & Domain("report_id", "!=", self.id)
        )
        due.write({"checked_report_id": self.id})

    def _figures_domain(self):
        self.ensure_one()
        who = (
            Domain("team_id", "=", self.store_id.id)
            if self.scope == "store"
            else Domain("user_id", "=", self.user_id.id)
        )
        return who & Domain("company_id", "=", self.company_id.id)

    def _live_figures(self):
        """Quotations made and orders confirmed on the report's day by its author (or in
        its store), read now."""
        self.ensure_one()
        Order = self.env["sale.order"].sudo()
        start, end = day_window_utc(self.date, self._tz())
        who = self._figures_domain()
        quotations = Order.search_count(
            who & Domain("create_date", ">=", start) & Domain("create_date", "<", end)
        )
        confirmed = Order._read_group(
            who
            & Domain("state", "=", "sale")
            & Domain("date_order", ">=", start)
            & Domain("date_order", "<", end),
            [],
            ["__count", "amount_untaxed:sum"],
        )
        count, amount = confirmed[0] if confirmed else (0, 0.0)
        return {"quotation_count": quotations, "order_count": count, "order_amount": amount or 0.0}

    def _refresh_figures(self, force=False):
        """The figures are written while the report is a draft (and when it is created) and
        frozen once it is submitted."""
        for report in self.filtered(lambda r: force or r.state == "draft"):
            report.write(report._live_figures())

    def _set_plan(self, text):
        """Tomorrow's plan from the text typed on the phone (one item a line)."""
        self.ensure_one()
        self._check_author_draft()
        try:
            items = plan_items(text)
        except PlanError as exc:
            if exc.code == "too_many":
                raise ValidationError(
                    self.env._("Plan at most %(n)s items for a day.", n=exc.limit)
                ) from exc
            raise ValidationError(
                self.env._("Keep each plan item under %(n)s characters.", n=exc.limit)
            ) from exc
        existing = {plan.name: plan for plan in self.plan_ids}
        keep = self.env["jiancai.daily.plan"]
        commands = []
        for sequence, item in enumerate(items, start=1):
            plan = existing.get(item)
            if plan:
                keep |= plan
                commands.append(fields.Command.update(plan.id, {"sequence": sequence}))
            else:
                commands.append(fields.Command.create({"name": item, "sequence": sequence}))
        commands += [fields.Command.delete(p.id) for p in self.plan_ids - keep]
        self.write({"plan_ids": commands})

    def _team_reports(self):
        """For a store report: the store's people's reports of the same day that are
        submitted (what the manager sums up)."""
        self.ensure_one()
        if self.scope != "store" or not self.store_id:
            return self.browse()
        return self.sudo().search(
            [
                ("scope", "=", "person"),
                ("store_id", "=", self.store_id.id),
                ("date", "=", self.date),
                ("state", "!=", "draft"),
            ]
        )

    def _plan_text(self):
        return "\n".join(self.plan_ids.sorted("sequence").mapped("name"))

    # ------------------------------------------------------------------ steps
    def _reviewers(self):
        """Who reads the report: the store's manager for a person's report, the general
        managers for a store report (and for a manager's own report)."""
        self.ensure_one()
        manager = self.store_id.user_id
        if self.scope == "person" and manager and manager != self.user_id:
            return manager
        group = self.env.ref("jiancai_base.group_general_manager")
        return group.sudo().user_ids.filtered(
            lambda u: u.active and self.company_id in u.company_ids
        )

    def action_refresh_figures(self):
        self._check_author_draft()
        self.sudo()._refresh_figures()

    def action_submit(self):
        for report in self:
            report._check_author_draft()
            if not (report.done_text or "").strip():
                raise UserError(self.env._("Write what you did today before submitting."))
            if report.scope == "store" and not report.traffic:
                raise UserError(
                    self.env._("Count the customers who came into the store today (traffic).")
                )
            report.sudo()._refresh_figures()
            report.sudo().write({"state": "submitted", "submitted_at": fields.Datetime.now()})
            reviewers = report._reviewers()
            report.sudo().message_subscribe(partner_ids=reviewers.partner_id.ids)
            report.message_post(
                body=self.env._("Report submitted."),
                subtype_xmlid="mail.mt_comment",
                partner_ids=reviewers.partner_id.ids,
            )
        return True

    def _can_review(self, user=None):
        self.ensure_one()
        user = user or self.env.user
        if user.has_group("jiancai_base.group_general_manager"):
            return True
        return (
            self.scope == "person"
            and self.store_id.user_id == user
            and self.user_id != user
            and user.has_group("jiancai_base.group_store_manager")
        )

    def action_review(self, comment=None):
        for report in self:
            if not report._can_review():
                raise AccessError(
                    self.env._(
                        "Only the store's manager reviews a report of the store's staff, "
                        "and the general manager a store's report."
                    )
                )
            if report.state != "submitted":
                raise UserError(self.env._("Only a submitted report is reviewed."))
            report.sudo().write(
                {
                    "state": "reviewed",
                    "reviewed_by_id": self.env.uid,
                    "reviewed_at": fields.Datetime.now(),
                }
            )
            comment = (comment or "").strip()[:MAX_TEXT_CHARS]
            report.message_post(
                body=comment or self.env._("Read."),
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=report.user_id.partner_id.ids,
            )
        return True
