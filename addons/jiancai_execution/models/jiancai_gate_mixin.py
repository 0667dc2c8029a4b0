from odoo import fields, models
from odoo.fields import Domain


class JiancaiGateMixin(models.AbstractModel):
    """One generic gate check for every checkpoint: the execution rules attached to it."""

    _inherit = "jiancai.gate.mixin"

    def _jiancai_gate_execution(self, gate):
        """Refuse while an execution rule attached to the checkpoint is broken.

        *Document* rules refuse the documents that break them (one query per rule);
        *person* rules refuse the user passing the checkpoint while they have an open
        violation of the rule from the last days whose breach still holds. Members of the
        rule's bypass role (e.g. the store manager) pass anyway.
        """
        issues = []
        if not self:
            return issues
        rules = (
            self.env["jiancai.execution.rule"]
            .sudo()
            .search([("gate_checkpoint_id.code", "=", gate.code), ("state", "=", "ok")])
        )
        user = self.env.user
        now = fields.Datetime.now()
        for rule in rules:
            if rule.gate_bypass_group_id and rule.gate_bypass_group_id in user.all_group_ids:
                continue
            hint = rule.gate_hint or ""
            if rule.gate_scope == "document":
                if rule.model_name != self._name or rule.kind == "daily":
                    continue
                domain = rule._breach_domain(now) & Domain("id", "in", self.ids)
                breaking = self.browse(
                    self.env[self._name].sudo().with_context(active_test=False)._search(domain)
                )
                for record in self & breaking:
                    issues.append(
                        record._jiancai_gate_issue(rule.message, hint=hint, rule=rule.name)
                    )
            else:
                open_violations = rule._jiancai_open_violations_of(user, now)
                if open_violations:
                    issues.append(
                        self[:1]._jiancai_gate_issue(
                            self.env._(
                                "%(person)s has an open violation: %(message)s",
                                person=user.name,
                                message=rule.message,
                            ),
                            hint=hint,
                            rule=rule.name,
                            url=open_violations._phone_url(),
                        )
                    )
        return issues
