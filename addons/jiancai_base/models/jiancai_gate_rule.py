from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

METHOD_PREFIX = "_jiancai_gate_"


class JiancaiGateRule(models.Model):
    """A check (may refuse) or a listener (runs after) that a module adds to a checkpoint.

    Modules declare their rules as XML data; the business switches the switchable
    ones on and off. The code behind a rule is a method of the checkpoint's document
    whose name starts with ``_jiancai_gate_``: a rule can name nothing else.
    """

    _name = "jiancai.gate.rule"
    _description = "Business Gate Rule"
    _order = "checkpoint_id, kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    checkpoint_id = fields.Many2one(
        "jiancai.gate.checkpoint", required=True, ondelete="cascade", index=True
    )
    checkpoint_code = fields.Char(related="checkpoint_id.code")
    kind = fields.Selection(
        [("check", "Check"), ("listener", "Listener")],
        required=True,
        default="check",
        help="A check may refuse the document; a listener runs after the checkpoint passed.",
    )
    method = fields.Char(
        required=True,
        help="Method of the document called with the gate; its name starts with _jiancai_gate_.",
    )
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    enabled = fields.Boolean(default=True)
    switchable = fields.Boolean(
        readonly=True,
        help="The business may switch this rule off. Rules that keep the books right "
        "(e.g. the four-eyes rule) cannot be switched off.",
    )
    module = fields.Char("Added by", compute="_compute_module")

    @api.depends("checkpoint_id")
    def _compute_module(self):
        modules = self.env["ir.model.data"]._jiancai_modules_of(self)
        for rule in self:
            rule.module = modules.get(rule.id, "")

    @api.constrains("method", "checkpoint_id")
    def _check_method(self):
        for rule in self:
            model = rule.checkpoint_id.model_id.model
            if not (rule.method or "").startswith(METHOD_PREFIX) or not callable(
                getattr(self.env[model], rule.method, None)
            ):
                raise ValidationError(
                    self.env._(
                        "Gate rule %(rule)s: %(model)s has no gate method %(method)s.",
                        rule=rule.name,
                        model=model,
                        method=rule.method,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if "enabled" in vals and not self.env.su:
            if not self.env.user.has_group("jiancai_base.group_general_manager"):
                raise AccessError(self.env._("Only the general manager switches gate rules."))
            fixed = self.filtered(lambda r: not r.switchable and r.enabled != vals["enabled"])
            if fixed:
                raise ValidationError(
                    self.env._(
                        "%(rule)s cannot be switched off: it keeps the books right.",
                        rule=fixed[0].name,
                    )
                )
        if (
            set(vals) - {"enabled"}
            and not self.env.su
            and not self.env.user.has_group("base.group_system")
        ):
            raise AccessError(self.env._("Only an administrator changes how a gate rule works."))
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    def action_switch(self):
        for rule in self:
            rule.enabled = not rule.enabled
        return True

    @api.model
    @tools.ormcache("code")
    def _jiancai_rules_for(self, code):
        """((id, kind, method), ...) of the enabled rules of a checkpoint, in order."""
        rules = self.sudo().search(
            [("checkpoint_id.code", "=", code), ("enabled", "=", True)],
            order="sequence, id",
        )
        return tuple((r.id, r.kind, r.method) for r in rules)
