from odoo import api, fields, models
from odoo.exceptions import ValidationError


class JiancaiSmsTemplate(models.Model):
    """An SMS template as approved by the SMS provider.

    Chinese carriers only deliver template messages: the provider holds the approved text,
    we send its code plus parameters. ``preview`` is our copy of that text, used for the
    Odoo inbox copy and the notification log.
    """

    _name = "jiancai.sms.template"
    _description = "SMS Template"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        "Key",
        required=True,
        help="Key used by the modules to pick this template (e.g. delivery_departed).",
    )
    provider_template_code = fields.Char(
        help="The template code approved by the SMS provider, e.g. SMS_123456789.",
    )
    preview = fields.Text(
        translate=True,
        help="The approved text with ${param} placeholders, e.g. "
        "'Your order ${order} left the warehouse, track it: ${url}'.",
    )
    param_names = fields.Char(
        "Parameters", help="Comma separated parameter names the template expects."
    )
    active = fields.Boolean(default=True)

    _code_uniq = models.Constraint("UNIQUE(code)", "An SMS template with this key exists.")

    @api.constrains("provider_template_code")
    def _check_provider_template_code(self):
        for template in self:
            code = template.provider_template_code
            if code and (" " in code or len(code) > 64):
                raise ValidationError(
                    self.env._(
                        "The provider template code %(code)s looks wrong: copy it exactly "
                        "from the SMS console (no spaces).",
                        code=code,
                    )
                )

    def _render_preview(self, params):
        self.ensure_one()
        text = self.preview or self.name
        for key, value in (params or {}).items():
            text = text.replace("${%s}" % key, str(value))
        return text

    def _missing_params(self, params):
        self.ensure_one()
        wanted = [p.strip() for p in (self.param_names or "").split(",") if p.strip()]
        return [p for p in wanted if p not in (params or {})]
