import logging

from odoo import api, models
from odoo.exceptions import AccessError

from ..exceptions import Gate, GateIssue, GateRefusal

_logger = logging.getLogger(__name__)


class JiancaiGateMixin(models.AbstractModel):
    """Business gates for a document: checks before a checkpoint, listeners after it.

    A flow passes a checkpoint in three steps::

        self._jiancai_gate_check("sale.order.confirm")   # may raise GateRefusal
        result = super().action_confirm()
        self._jiancai_gate_notify("sale.order.confirm")  # listeners, after it passed

    ``_jiancai_gate_preview`` asks the same checks without side effects, to warn early.
    See ``readme/DEVELOP.md``.
    """

    _name = "jiancai.gate.mixin"
    _description = "Business Gates"

    def _jiancai_gate_rules(self, code, kind):
        """[(rule id, bound method)] of the enabled rules of one kind, in order."""
        result = []
        for rule_id, rule_kind, method in self.env["jiancai.gate.rule"]._jiancai_rules_for(code):
            if rule_kind != kind:
                continue
            func = getattr(self, method, None)
            if func is None:  # the module behind the rule is being uninstalled
                _logger.warning("Gate rule %s: %s has no method %s", rule_id, self._name, method)
                continue
            result.append((rule_id, func))
        return result

    def _jiancai_gate_issues(self, code, dry_run=False):
        """Every issue the enabled checks of ``code`` find on these documents."""
        if not self:
            return []
        gate = Gate(code=code, dry_run=dry_run)
        Rule = self.env["jiancai.gate.rule"].sudo()
        issues = []
        for rule_id, check in self._jiancai_gate_rules(code, "check"):
            found = check(gate) or []
            if found:
                name = Rule.browse(rule_id).name
                for issue in found:
                    issue.rule = issue.rule or name
                issues.extend(found)
        return issues

    def _jiancai_gate_check(self, code):
        """Raise one GateRefusal listing every issue, or return when all checks pass."""
        issues = self._jiancai_gate_issues(code)
        if issues:
            raise GateRefusal(self._jiancai_gate_message(code, issues), issues)

    def _jiancai_gate_notify(self, code):
        """Run the listeners of a checkpoint these documents just passed."""
        if not self:
            return
        gate = Gate(code=code)
        for _rule_id, listener in self._jiancai_gate_rules(code, "listener"):
            listener(gate)

    def _jiancai_gate_preview(self, code):
        """{document: [GateIssue]} of the documents that would be refused now."""
        result = {}
        for record in self:
            issues = record._jiancai_gate_issues(code, dry_run=True)
            if issues:
                result[record] = issues
        return result

    def _jiancai_gate_message(self, code, issues):
        checkpoint = self.env["jiancai.gate.checkpoint"]._jiancai_get(code)
        head = self.env._(
            "%(checkpoint)s refused for %(documents)s:",
            checkpoint=checkpoint.name or code,
            documents=", ".join(
                dict.fromkeys((issue.record or self[:1]).display_name for issue in issues)
            ),
        )
        lines = [head]
        for issue in issues:
            lines.append(f"• {issue.rule}: {issue.message}")
            if issue.hint:
                lines.append("  → " + issue.hint)
        return "\n".join(lines)

    def _jiancai_gate_issue(self, message, **kwargs):
        """A GateIssue about this document (shortcut for checks)."""
        self.ensure_one()
        return GateIssue(message=message, record=self, **kwargs)

    # ------------------------------------------------------------------ protected fields
    @api.model
    def _jiancai_protected_fields(self):
        """Fields only the document's own flows write (as superuser), never a user.

        State, evidence and amount fields that a gate or a checkpoint relies on belong
        here: a user with write access on the document still cannot set them over RPC.
        """
        return set()

    def _jiancai_protected_value_kept(self, name, value):
        """True when writing ``value`` changes nothing: the default of a new record (the
        web client sends it on create), or the value every record already has."""
        field = self._fields[name]

        def norm(val, record):
            return field.convert_to_cache(val, record, validate=False) or False

        new = norm(value, self)
        if not self:
            return new == norm(self.default_get([name]).get(name), self)
        return all(norm(record[name], record) == new for record in self)

    def _jiancai_check_protected(self, vals_list):
        if self.env.su:
            return
        protected = self._jiancai_protected_fields()
        for vals in vals_list:
            touched = {
                name
                for name in protected.intersection(vals)
                if not self._jiancai_protected_value_kept(name, vals[name])
            }
            if touched:
                labels = ", ".join(
                    sorted(self._fields[name]._description_string(self.env) for name in touched)
                )
                raise AccessError(
                    self.env._(
                        "%(fields)s of %(document)s change only through its own steps "
                        "(buttons and phone pages), not by editing.",
                        fields=labels,
                        document=self._description,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        model = self
        if not self.env.su:
            # a default_<field> in the context is a value too (e.g. sent over RPC)
            protected = {f"default_{name}" for name in self._jiancai_protected_fields()}
            if protected.intersection(self.env.context):
                model = self.with_context(
                    {k: v for k, v in self.env.context.items() if k not in protected}
                )
        model._jiancai_check_protected(vals_list)
        return super(JiancaiGateMixin, model).create(vals_list)

    def write(self, vals):
        self._jiancai_check_protected([vals])
        return super().write(vals)
