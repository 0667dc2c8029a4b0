import ast
import logging
from datetime import date, datetime, timedelta

from psycopg2 import errors as pg_errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import SQL, mute_logger

from ..engine.breach import Breach, daily_key, document_key, new_breaches
from ..engine.timecalc import (
    CalendarError,
    WorkCalendar,
    daily_window_utc,
    day_start_utc,
    last_passed_day,
    latest_breached_start,
    local_day,
    next_run,
)

_logger = logging.getLogger(__name__)

# advisory lock class of execution rules (pg_try_advisory_xact_lock(class, rule id))
LOCK_CLASS = 17017
EVENT_QUEUE = "jiancai.execution.event"  # precommit data: rule id -> ids of changed documents
NUMERIC_TYPES = ("integer", "float", "monetary")
DATE_TYPES = ("date", "datetime")


class JiancaiExecutionRule(models.Model):
    """A rule of the house (违章规则): when it is broken, the person responsible gets a
    violation. Written by a manager with a condition (domain) and a time condition;
    no Python code. A rule may also block a business-gate checkpoint."""

    _name = "jiancai.execution.rule"
    _description = "Execution Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    owner_id = fields.Many2one(
        "res.users",
        default=lambda self: self.env.user,
        help="Told when the rule cannot be evaluated.",
    )
    control_point = fields.Boolean(
        readonly=True, help="Shipped with the suite; switched off until the dealer turns it on."
    )
    description = fields.Text(translate=True, help="Why the house has this rule.")
    message = fields.Char(
        translate=True,
        required=True,
        help="What the person is told when the rule is broken, e.g. 'Follow up the quotation'.",
    )
    model_id = fields.Many2one(
        "ir.model",
        "Document",
        required=True,
        ondelete="cascade",
        domain="[('transient', '=', False), ('model', 'not like', 'jiancai.execution.%')]",
        tracking=True,
    )
    model_name = fields.Char(related="model_id.model", store=True, string="Model Name")
    domain = fields.Char(
        "Condition",
        default="[]",
        required=True,
        tracking=True,
        help="Which documents the rule watches; checked when saved.",
    )
    kind = fields.Selection(
        [
            ("match", "Condition holds"),
            ("deadline", "N days after a date"),
            ("threshold", "A value below / above a threshold"),
            ("daily", "No record by a time each day"),
        ],
        required=True,
        default="match",
        tracking=True,
    )
    date_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('date', 'datetime')), "
        "('store', '=', True)]",
    )
    days = fields.Integer(help="How many days after (or before) the date.")
    day_kind = fields.Selection(
        [("working", "Working days"), ("calendar", "Calendar days")],
        default="working",
        required=True,
    )
    days_direction = fields.Selection(
        [("after", "After the date"), ("before", "Before the date")],
        default="after",
        required=True,
    )
    threshold_field_id = fields.Many2one(
        "ir.model.fields",
        "Value",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', 'in', ('integer', 'float', 'monetary')),"
        " ('store', '=', True)]",
    )
    threshold_operator = fields.Selection(
        [("<", "Below"), (">", "Above")], "Breached When", default="<", required=True
    )
    threshold_value = fields.Float("Threshold")
    daily_hour = fields.Float(
        "Each Day By", default=20.0, help="Local time (company time zone) of the daily deadline."
    )
    daily_subject = fields.Selection(
        [("user", "Each person of a role"), ("store", "Each store")],
        "Who Must Record",
        default="user",
        required=True,
    )
    subject_group_id = fields.Many2one(
        "res.groups", "Role", help="Every person of this role must record one each day."
    )
    person_field_id = fields.Many2one(
        "ir.model.fields",
        "Recorded By",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'res.users'), ('store', '=', True)]",
        help="Daily rules: the person of the record (e.g. Salesperson).",
    )
    responsible_type = fields.Selection(
        [
            ("user_field", "A person on the document"),
            ("salesperson", "The salesperson"),
            ("store_manager", "The store's manager"),
            ("fixed", "A named person"),
        ],
        "Responsible",
        default="salesperson",
        required=True,
    )
    responsible_field_id = fields.Many2one(
        "ir.model.fields",
        "Person Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'res.users'), ('store', '=', True)]",
    )
    store_field_id = fields.Many2one(
        "ir.model.fields",
        ondelete="cascade",
        domain="[('model_id', '=', model_id), ('ttype', '=', 'many2one'), "
        "('relation', '=', 'crm.team'), ('store', '=', True)]",
        help="The store of the document (e.g. Sales Team); its manager answers when "
        "'The store's manager' is responsible.",
    )
    responsible_user_id = fields.Many2one("res.users", "Named Person")
    points = fields.Integer(default=1, tracking=True)
    penalty = fields.Monetary(tracking=True, help="Amount charged per breach.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    trigger = fields.Selection(
        [
            ("event", "When a document changes"),
            ("nightly", "Nightly"),
            ("interval", "Every N minutes"),
        ],
        "Evaluate",
        default="nightly",
        required=True,
        tracking=True,
    )
    interval_minutes = fields.Integer("Every (minutes)", default=60)
    next_run = fields.Datetime(readonly=True, copy=False)
    last_run = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        [("ok", "OK"), ("failed", "Failed")], default="ok", readonly=True, copy=False
    )
    last_error = fields.Text(readonly=True, copy=False)
    automation_id = fields.Many2one("base.automation", readonly=True, copy=False)
    gate_checkpoint_id = fields.Many2one(
        "jiancai.gate.checkpoint",
        "Block Checkpoint",
        ondelete="set null",
        tracking=True,
        help="Also refuse this checkpoint while the rule is broken.",
    )
    gate_scope = fields.Selection(
        [
            ("document", "The document breaks the rule"),
            ("person", "The person has an open violation of it"),
        ],
        "Block When",
        default="document",
        required=True,
    )
    gate_days = fields.Integer(
        "Violations of the Last (days)",
        default=1,
        help="Person gates: open violations raised in the last N days block.",
    )
    gate_bypass_group_id = fields.Many2one(
        "res.groups",
        "Who May Pass Anyway",
        help="e.g. Store Manager: an order under the margin floor needs the store manager.",
    )
    gate_hint = fields.Char("What To Do", translate=True)
    violation_ids = fields.One2many("jiancai.execution.violation", "rule_id")
    violation_count = fields.Integer(compute="_compute_violation_count")
    firing_count = fields.Integer("Firing Now", compute="_compute_firing_count")

    _interval_positive = models.Constraint(
        "CHECK(interval_minutes IS NULL OR interval_minutes >= 5)",
        "A rule runs at most every 5 minutes.",
    )
    _points_positive = models.Constraint(
        "CHECK(points >= 0 AND COALESCE(penalty, 0) >= 0)",
        "Points and penalties are not negative.",
    )

    def _compute_violation_count(self):
        groups = self.env["jiancai.execution.violation"]._read_group(
            [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
        )
        counts = {rule.id: count for rule, count in groups}
        for rule in self:
            rule.violation_count = counts.get(rule.id, 0)

    def _compute_firing_count(self):
        now = fields.Datetime.now()
        for rule in self:
            rule.firing_count = 0
            if not rule.id or rule.kind == "daily" or rule.state == "failed":
                continue
            try:
                rule.firing_count = self.env[rule.model_name].search_count(rule._breach_domain(now))
            except (UserError, ValueError, AccessError):
                # a document this user may not read, or a condition gone stale
                rule.firing_count = 0

    # ------------------------------------------------------------------ validation
    def _parsed_domain(self):
        """The condition as a list; a literal only (no code), else ValidationError."""
        self.ensure_one()
        try:
            value = ast.literal_eval((self.domain or "[]").strip())
        except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: the condition is not a list of criteria (%(reason)s).",
                    rule=self.name,
                    reason=str(exc),
                )
            ) from exc
        if not isinstance(value, list | tuple):
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: the condition is not a list of criteria.", rule=self.name
                )
            )
        return list(value)

    def _field_name(self, field):
        return field.name if field else False

    @api.constrains(
        "model_id",
        "domain",
        "kind",
        "date_field_id",
        "threshold_field_id",
        "responsible_type",
        "responsible_field_id",
        "store_field_id",
        "responsible_user_id",
        "person_field_id",
        "subject_group_id",
        "daily_hour",
        "days",
        "gate_checkpoint_id",
    )
    def _check_condition(self):
        for rule in self:
            rule._validate()

    def _validate(self):
        """Refuse, with the reason, a rule that could not be evaluated."""
        self.ensure_one()
        Model = self.env.get(self.model_name)
        if Model is None:
            raise ValidationError(self.env._("Rule %(rule)s: unknown document.", rule=self.name))
        fields_of_model = {
            "date_field_id": self.date_field_id,
            "threshold_field_id": self.threshold_field_id,
            "responsible_field_id": self.responsible_field_id,
            "store_field_id": self.store_field_id,
            "person_field_id": self.person_field_id,
        }
        for field in fields_of_model.values():
            if field and field.model_id != self.model_id:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: %(field)s is not a field of %(model)s.",
                        rule=self.name,
                        field=field.field_description,
                        model=self.model_id.name,
                    )
                )
        self._validate_kind()
        if self.kind != "daily":
            self._validate_responsible()
        self._validate_domain(Model)

    def _validate_kind(self):
        requirements = {
            "deadline": [(self.date_field_id, self.env._("a date field"))],
            "threshold": [(self.threshold_field_id, self.env._("a value field"))],
            "daily": [(self.date_field_id, self.env._("a date field"))],
        }.get(self.kind, [])
        if self.kind == "daily":
            requirements.append(
                (
                    self.person_field_id if self.daily_subject == "user" else self.store_field_id,
                    self.env._("who recorded it (person or store field)"),
                )
            )
            if self.daily_subject == "user":
                requirements.append((self.subject_group_id, self.env._("a role")))
            if not 0 <= self.daily_hour < 24:
                raise ValidationError(
                    self.env._(
                        "Rule %(rule)s: the daily time is between 0:00 and 23:59.", rule=self.name
                    )
                )
        if self.kind == "deadline" and not 0 <= self.days <= 3650:
            raise ValidationError(
                self.env._("Rule %(rule)s: the number of days is 0 to 3650.", rule=self.name)
            )
        for value, what in requirements:
            if not value:
                raise ValidationError(
                    self.env._("Rule %(rule)s needs %(what)s.", rule=self.name, what=what)
                )

    def _validate_responsible(self):
        if self.responsible_type == "user_field" and not self.responsible_field_id:
            raise ValidationError(
                self.env._("Rule %(rule)s: choose the person field.", rule=self.name)
            )
        if self.responsible_type == "salesperson" and not self._salesperson_fname():
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: %(model)s has no salesperson; choose a person field.",
                    rule=self.name,
                    model=self.model_id.name,
                )
            )
        if self.responsible_type == "store_manager" and not self._store_fname():
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: %(model)s has no store; choose the store field.",
                    rule=self.name,
                    model=self.model_id.name,
                )
            )
        if self.responsible_type == "fixed" and not self.responsible_user_id:
            raise ValidationError(
                self.env._("Rule %(rule)s: choose the named person.", rule=self.name)
            )

    def _validate_domain(self, Model):
        """The condition itself: a literal, known fields, and a query that runs."""
        domain = self._parsed_domain()
        try:
            checked = Domain(domain)
            checked.validate(Model.sudo())
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                Model.sudo().with_context(active_test=False).search_count(
                    self._breach_domain(fields.Datetime.now()), limit=1
                )
        except (ValueError, TypeError, KeyError, AssertionError, UserError, CalendarError) as exc:
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: the condition is not valid: %(reason)s",
                    rule=self.name,
                    reason=str(exc),
                )
            ) from exc
        except Exception as exc:  # a query the database refuses (e.g. a bad comparison)
            raise ValidationError(
                self.env._(
                    "Rule %(rule)s: the condition is not valid: %(reason)s",
                    rule=self.name,
                    reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                )
            ) from exc

    def _salesperson_fname(self):
        Model = self.env[self.model_name]
        for fname in ("user_id", "invoice_user_id"):
            field = Model._fields.get(fname)
            if field and field.type == "many2one" and field.comodel_name == "res.users":
                if field.store:
                    return fname
        return False

    def _store_fname(self):
        if self.store_field_id:
            return self.store_field_id.name
        field = self.env[self.model_name]._fields.get("team_id")
        if field and field.store and field.comodel_name == "crm.team":
            return "team_id"
        return False

    def _person_fname(self):
        if self.responsible_type == "user_field":
            return self.responsible_field_id.name
        if self.responsible_type == "salesperson":
            return self._salesperson_fname()
        return False

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        rules = super().create(vals_list)
        rules._sync_schedule()
        return rules

    def write(self, vals):
        self._check_manager()
        result = super().write(vals)
        if {"trigger", "active", "interval_minutes", "model_id"} & set(vals):
            self._sync_schedule()
        return result

    def unlink(self):
        self._check_manager()
        self.automation_id.sudo().unlink()
        return super().unlink()

    def _check_manager(self):
        if self.env.su or self.env.user.has_group("jiancai_base.group_general_manager"):
            return
        raise AccessError(self.env._("Only the general manager writes the rules of the house."))

    def _sync_schedule(self):
        """Event rules run through an automation rule of Odoo (base_automation); nightly
        and interval rules through the cron of this module."""
        now = fields.Datetime.now()
        for rule in self:
            tz = rule._tz()
            rule.sudo().with_context(tracking_disable=True).next_run = next_run(
                now, rule.trigger, rule.interval_minutes or 60, tz
            )
            wanted = rule.active and rule.trigger == "event"
            if wanted and not rule.automation_id:
                rule.sudo().automation_id = rule._create_automation()
            elif rule.automation_id:
                automation = rule.automation_id.sudo()
                if automation.model_id != rule.model_id:
                    # another document: a new automation rule (its trigger depends on it)
                    rule.sudo().automation_id = False
                    automation.unlink()
                    if wanted:
                        rule.sudo().automation_id = rule._create_automation()
                elif automation.active != wanted:
                    automation.active = wanted

    def _create_automation(self):
        self.ensure_one()
        return (
            self.env["base.automation"]
            .sudo()
            .create(
                {
                    "name": self.env._("Execution rule: %(rule)s", rule=self.name),
                    "model_id": self.model_id.id,
                    "trigger": "on_create_or_write",
                    "action_server_ids": [
                        Command.create(
                            {
                                "name": self.env._("Evaluate %(rule)s", rule=self.name),
                                "model_id": self.model_id.id,
                                "state": "code",
                                # fixed code written by this module, never by a user
                                "code": "env['jiancai.execution.rule'].browse(%d)"
                                "._jiancai_on_event(records)" % self.id,
                            }
                        )
                    ],
                }
            )
        )

    # ------------------------------------------------------------------ time
    def _tz(self):
        return self.company_id.partner_id.tz or self.env.user.tz or "Asia/Shanghai"

    def _work_calendar(self):
        """Working weekdays and holidays of the company's working time (Resources)."""
        calendar = self.company_id.resource_calendar_id
        if not calendar:
            return WorkCalendar()
        weekdays = frozenset(int(day) for day in calendar.attendance_ids.mapped("dayofweek"))
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", (calendar.id, False)),
                    ("company_id", "in", (self.company_id.id, False)),
                ]
            )
        )
        holidays = set()
        for leave in leaves:
            day = leave.date_from.date()
            while day <= leave.date_to.date() and len(holidays) < 5000:
                holidays.add(day)
                day += timedelta(days=1)
        return WorkCalendar(weekdays=weekdays or frozenset(range(5)), holidays=frozenset(holidays))

    def _date_condition(self, fname, cutoff):
        """Documents whose date is on or before the local day ``cutoff``."""
        field = self.env[self.model_name]._fields[fname]
        if field.type == "date":
            return Domain(fname, "<=", cutoff)
        return Domain(fname, "<", day_start_utc(cutoff + timedelta(days=1), self._tz()))

    def _breach_domain(self, now):
        """Documents that break the rule now (document rules), as one domain."""
        self.ensure_one()
        Model = self.env[self.model_name]
        domain = Domain(self._parsed_domain())
        if "company_id" in Model._fields and Model._fields["company_id"].store:
            domain &= Domain("company_id", "in", (self.company_id.id, False))
        if self.kind == "deadline":
            today = local_day(now, self._tz())
            days = self.days if self.days_direction == "after" else -self.days
            calendar = self._work_calendar() if self.day_kind == "working" else None
            cutoff = latest_breached_start(today, days, calendar)
            fname = self.date_field_id.name
            domain &= Domain(fname, "!=", False) & self._date_condition(fname, cutoff)
        elif self.kind == "threshold":
            fname = self.threshold_field_id.name
            domain &= Domain(fname, self.threshold_operator, self.threshold_value)
        return domain

    # ------------------------------------------------------------------ evaluation
    @api.model
    def _cron_evaluate(self):
        """Evaluate every nightly and interval rule that is due."""
        now = fields.Datetime.now()
        rules = self.sudo().search(
            [
                ("trigger", "in", ("nightly", "interval")),
                "|",
                ("next_run", "=", False),
                ("next_run", "<=", now),
            ]
        )
        rules._evaluate(now)

    def action_evaluate(self):
        """Evaluate now (button of the rule)."""
        self._check_manager()
        self.sudo()._evaluate(fields.Datetime.now())
        return True

    def _jiancai_on_event(self, records):
        """Called by the rule's automation when documents change. The documents are
        evaluated once, just before the transaction commits: the rule sees each document
        as the whole operation leaves it (an order created, then dated in the same save,
        is not a breach), and no savepoint or flush runs in the middle of another
        module's flow."""
        if not (self.active and self.trigger == "event" and records):
            return
        pending = self.env.cr.precommit.data.setdefault(EVENT_QUEUE, {})
        if not pending:
            self.env.cr.precommit.add(self._evaluate_pending_events)
        pending.setdefault(self.id, set()).update(records.ids)

    @api.model
    def _evaluate_pending_events(self):
        pending = self.env.cr.precommit.data.pop(EVENT_QUEUE, {})
        now = fields.Datetime.now()
        for rule_id, ids in pending.items():
            rule = self.sudo().browse(rule_id).exists()
            if not (rule.active and rule.trigger == "event"):
                continue
            records = self.env[rule.model_name].sudo().browse(sorted(ids)).exists()
            if records:
                rule._evaluate(now, records=records)

    def _evaluate(self, now, records=None):
        """Evaluate each rule on its own; a broken rule is marked failed, the owner told,
        and the others still run. Returns the violations created."""
        Violation = self.env["jiancai.execution.violation"]
        created = Violation
        for rule in self.sudo():
            try:
                with self.env.cr.savepoint():
                    if not rule._lock():
                        continue  # another run evaluates this rule right now
                    created |= rule._evaluate_one(now, records)
                values = {"last_run": now, "state": "ok", "last_error": False}
            except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
                # a concurrent run recorded the same breaches first: nothing new here, and
                # the rule's own row is that run's to update
                _logger.info("Execution rule %s: breaches already recorded by another run", rule.id)
                continue
            except Exception as exc:  # any error of one rule must not stop the others
                _logger.warning("Execution rule %s failed: %s", rule.id, exc)
                values = {"last_run": now, "state": "failed", "last_error": str(exc)[:2000]}
                if rule.state != "failed":
                    rule._tell_owner_failed(str(exc))
            if rule.trigger != "event":
                values["next_run"] = next_run(now, rule.trigger, rule.interval_minutes, rule._tz())
            rule.with_context(tracking_disable=True).write(values)
        created._notify_person()
        return created

    def _lock(self):
        """A transaction-level advisory lock per rule: two runs at once never evaluate the
        same rule together (the unique key of violations is the second guard)."""
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LOCK_CLASS, self.id))
        return self.env.cr.fetchone()[0]

    def _tell_owner_failed(self, reason):
        owner = self.owner_id or self.create_uid
        self.message_post(
            body=self.env._("This rule could not be evaluated: %(reason)s", reason=reason),
        )
        if owner:
            self.env["jiancai.notification"].notify(
                owner,
                self.env._("Execution rule failed: %(rule)s", rule=self.name),
                self.env._(
                    "%(rule)s could not be evaluated and is marked failed: %(reason)s. "
                    "Correct its condition.",
                    rule=self.name,
                    reason=reason,
                ),
                record=self,
            )

    def _evaluate_one(self, now, records=None):
        self.ensure_one()
        # evidence is written in the language of the rule's owner (the one who wrote the
        # rules of the house), whoever runs the rule (the cron runs in English)
        lang = self.owner_id.lang or self.company_id.partner_id.lang or self.env.lang
        return self.with_context(lang=lang)._record_breaches(now, records)

    def _record_breaches(self, now, records=None):
        """Find this rule's breaches and create the violations not recorded yet."""
        if self.kind == "daily":
            breaches, evidence = self._daily_breaches(now)
        else:
            breaches, evidence = self._document_breaches(now, records)
        Violation = self.env["jiancai.execution.violation"].sudo()
        keys = [breach.key for breach in breaches]
        known = set()
        if keys:
            known = set(
                Violation.with_context(active_test=False)
                .search_fetch([("rule_id", "=", self.id), ("dedup_key", "in", keys)], ["dedup_key"])
                .mapped("dedup_key")
            )
        fresh = new_breaches(breaches, known)
        if not fresh:
            return Violation
        vals_list = [
            {
                "rule_id": self.id,
                "user_id": breach.user_id,
                "store_id": breach.store_id or False,
                "res_model": breach.res_model or False,
                "res_id": breach.res_id or False,
                "occurred_at": now,
                "dedup_key": breach.key,
                "evidence": evidence.get(breach.key, ""),
                "points": self.points,
                "penalty": self.penalty,
                "company_id": self.company_id.id,
            }
            for breach in fresh
        ]
        # a unique key refused here means a concurrent run recorded them first (_evaluate)
        with mute_logger("odoo.sql_db"):
            return Violation.with_context(mail_create_nolog=True).create(vals_list)

    def _document_breaches(self, now, records=None):
        """One grouped query: breaching documents by responsible person and store."""
        Model = self.env[self.model_name].sudo().with_context(active_test=False)
        domain = self._breach_domain(now)
        if records is not None:
            domain &= Domain("id", "in", records.ids)
        person = self._person_fname()
        store = self._store_fname()
        groupby = [fname for fname in (person, store) if fname]
        groups = Model._read_group(domain, groupby, ["id:array_agg"])
        stores = self.env["crm.team"].browse(
            {g[groupby.index(store)].id for g in groups if store and g[groupby.index(store)]}
        )
        managers = {team.id: team.user_id.id for team in stores.sudo()}
        breaches = []
        for group in groups:
            ids = group[-1]
            store_id = group[groupby.index(store)].id if store else False
            if self.responsible_type == "store_manager":
                user_id = managers.get(store_id)
            elif self.responsible_type == "fixed":
                user_id = self.responsible_user_id.id
            else:
                user_id = group[groupby.index(person)].id
            for res_id in ids:
                breaches.append(
                    Breach(
                        document_key(self.model_name, res_id),
                        user_id or 0,
                        store_id or None,
                        self.model_name,
                        res_id,
                    )
                )
        return breaches, self._document_evidence(breaches)

    def _document_evidence(self, breaches):
        """Evidence text of the breaches (read once, for all of them)."""
        evidence = {}
        if not breaches:
            return evidence
        Model = self.env[self.model_name].sudo().with_context(active_test=False)
        records = Model.browse([b.res_id for b in breaches])
        shown = [f for f in (self.date_field_id, self.threshold_field_id) if f]
        by_id = {}
        for record in records:
            parts = [record.display_name or ""]
            for field in shown:
                value = record[field.name]
                if isinstance(value, datetime | date):
                    value = fields.Date.to_string(value) if isinstance(value, date) else value
                parts.append(f"{field.field_description}: {value}")
            by_id[record.id] = " · ".join(str(p) for p in parts)
        condition = self._condition_text()
        for breach in breaches:
            evidence[breach.key] = f"{by_id.get(breach.res_id, '')}\n{condition}"
        return evidence

    def _condition_text(self):
        if self.kind == "deadline":
            unit = dict(self._fields["day_kind"]._description_selection(self.env))[self.day_kind]
            direction = dict(self._fields["days_direction"]._description_selection(self.env))[
                self.days_direction
            ]
            return self.env._(
                "Rule: %(days)s %(unit)s %(direction)s (%(field)s)",
                days=self.days,
                unit=unit.lower(),
                direction=direction.lower(),
                field=self.date_field_id.field_description,
            )
        if self.kind == "threshold":
            operator = dict(self._fields["threshold_operator"]._description_selection(self.env))[
                self.threshold_operator
            ]
            return self.env._(
                "Rule: %(field)s %(operator)s %(value)s",
                field=self.threshold_field_id.field_description,
                operator=operator.lower(),
                value=self.threshold_value,
            )
        return self.env._("Rule: %(rule)s", rule=self.name)

    def _daily_breaches(self, now):
        """People (or stores) without a record by the deadline of the last passed day."""
        tz = self._tz()
        day = last_passed_day(now, self.daily_hour, tz)
        created_day = local_day(self.create_date or now, tz)
        if day < created_day:
            return [], {}
        if self.day_kind == "working" and not self._work_calendar().is_working(day):
            return [], {}
        start, end = daily_window_utc(day, self.daily_hour, tz)
        Model = self.env[self.model_name].sudo().with_context(active_test=False)
        fname = self.date_field_id.name
        domain = Domain(self._parsed_domain())
        if Model._fields[fname].type == "date":
            domain &= Domain(fname, "=", day)
        else:
            domain &= Domain(fname, ">=", start) & Domain(fname, "<", end)
        hour = "%02d:%02d" % divmod(round(self.daily_hour * 60), 60)
        text = self.env._(
            "No %(document)s recorded by %(hour)s on %(day)s.",
            document=self.model_id.name,
            hour=hour,
            day=fields.Date.to_string(day),
        )
        breaches = []
        if self.daily_subject == "user":
            person = self.person_field_id.name
            done = {g[0].id for g in Model._read_group(domain, [person], [])}
            users = self.subject_group_id.sudo().user_ids.filtered(
                lambda u: u.active and not u.share and self.company_id in u.company_ids
            )
            for user in users:
                if user.id not in done:
                    breaches.append(
                        Breach(
                            daily_key("user", user.id, day),
                            user.id,
                            user.sale_team_id.id or None,
                            "res.users",
                            user.id,
                        )
                    )
        else:
            store = self.store_field_id.name
            done = {g[0].id for g in Model._read_group(domain, [store], [])}
            stores = (
                self.env["crm.team"]
                .sudo()
                .search([("jiancai_is_store", "=", True), ("company_id", "=", self.company_id.id)])
            )
            for team in stores:
                if team.id not in done:
                    breaches.append(
                        Breach(
                            daily_key("store", team.id, day),
                            team.user_id.id or 0,
                            team.id,
                            "crm.team",
                            team.id,
                        )
                    )
        return breaches, {breach.key: text for breach in breaches}

    # ------------------------------------------------------------------ person gates
    def _jiancai_open_violations_of(self, user, now):
        """The person's open violations of this rule from the last ``gate_days`` days
        whose breach still holds: a document rule lets the person pass again once the
        document no longer breaks it (the lead was followed up), without waiting for a
        review. A missed daily deadline stays missed. At most one, for the refusal."""
        self.ensure_one()
        Violation = self.env["jiancai.execution.violation"].sudo()
        since = now - timedelta(days=max(self.gate_days, 1))
        domain = Domain(
            [
                ("rule_id", "=", self.id),
                ("user_id", "=", user.id),
                ("state", "in", ("open", "appealed", "upheld")),
                ("occurred_at", ">=", since),
            ]
        )
        if self.kind == "daily":
            return Violation.search(domain, limit=1)
        violations = Violation.search(domain & Domain("res_model", "=", self.model_name))
        if not violations:
            return Violation
        Model = self.env[self.model_name].sudo().with_context(active_test=False)
        ids = violations.mapped("res_id")
        breaking = set(Model.search(self._breach_domain(now) & Domain("id", "in", ids)).ids)
        return violations.filtered(lambda v: v.res_id in breaking)[:1]

    # ------------------------------------------------------------------ actions
    def action_view_violations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("jiancai_execution.violation_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_view_firing(self):
        """The documents that break the rule now (drill-down of the dashboard)."""
        self.ensure_one()
        if self.kind == "daily":
            return self.action_view_violations()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.model_name,
            "view_mode": "list,form",
            "domain": list(self._breach_domain(fields.Datetime.now())),
            "context": {"active_test": False},
        }
