from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_credit_check_on_confirm = fields.Boolean(
        "Check Credit at Order Confirmation",
        compute="_compute_jiancai_credit_check_on_confirm",
        inverse="_inverse_jiancai_credit_check_on_confirm",
        readonly=False,
        help="Switches the gate rule 'Credit limit at confirmation' (Jiancai > "
        "Configuration > Gates).",
    )
    jiancai_credit_approval_hours = fields.Integer(
        "Approval Valid (hours)",
        config_parameter="jiancai_credit.approval_hours",
        default=24,
    )

    def _jiancai_credit_confirm_rule(self):
        return self.env.ref("jiancai_credit.gate_rule_confirm_credit", raise_if_not_found=False)

    def _compute_jiancai_credit_check_on_confirm(self):
        rule = self._jiancai_credit_confirm_rule()
        for settings in self:
            settings.jiancai_credit_check_on_confirm = bool(rule and rule.enabled)

    def _inverse_jiancai_credit_check_on_confirm(self):
        rule = self._jiancai_credit_confirm_rule()
        for settings in self:
            if rule and rule.enabled != settings.jiancai_credit_check_on_confirm:
                rule.sudo().enabled = settings.jiancai_credit_check_on_confirm
