from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.pool import DEFAULT_FOLLOW_UP_DAYS, DEFAULT_STAGE_DAYS

# field -> (system parameter, least, most). The pool reads these parameters through
# crm.lead._jiancai_param(); a value it would not use is refused here, naming the field.
DAYS = 365
BOUNDS = {
    "jiancai_crm_daily_claim_limit": ("daily_claim_limit", 1, 1000),
    "jiancai_crm_held_limit": ("held_limit", 1, 100000),
    "jiancai_crm_protection_days_default": ("protection_days_default", 1, DAYS),
    **{
        f"jiancai_crm_protection_days_{stage}": (f"protection_days_{stage}", 1, DAYS)
        for stage in DEFAULT_STAGE_DAYS
    },
    "jiancai_crm_max_protection_days": ("max_protection_days", 1, DAYS),
    "jiancai_crm_extension_days": ("extension_days", 0, DAYS),
    "jiancai_crm_reminder_days": ("reminder_days", 0, DAYS),
    "jiancai_crm_cooldown_days": ("cooldown_days", 0, DAYS),
    **{
        f"jiancai_crm_follow_up_days_{level}": (f"follow_up_days_{level}", 1, DAYS)
        for level in DEFAULT_FOLLOW_UP_DAYS
    },
    "jiancai_crm_import_max_mb": ("import_max_mb", 1, 100),
    "jiancai_crm_import_max_rows": ("import_max_rows", 1, 100000),
    "jiancai_crm_signup_hourly_limit": ("signup_hourly_limit", 1, 1000),
}
API_TOKEN_MIN_LENGTH = 16


def _number(string, key, default):
    """An integer setting stored in the system parameter jiancai_crm.<key>."""
    return fields.Integer(string, config_parameter=f"jiancai_crm.{key}", default=default)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_crm_daily_claim_limit = _number("Claims per Guide per Day", "daily_claim_limit", 20)
    jiancai_crm_held_limit = _number("Leads Held at Once", "held_limit", 200)
    jiancai_crm_protection_days_default = _number(
        "Protection without Stage (days)", "protection_days_default", 10
    )
    jiancai_crm_protection_days_undelivered = _number(
        "Protection: Not Handed Over (days)", "protection_days_undelivered", 30
    )
    jiancai_crm_protection_days_shell = _number(
        "Protection: Bare Shell (days)", "protection_days_shell", 15
    )
    jiancai_crm_protection_days_plumbing = _number(
        "Protection: Plumbing and Wiring (days)", "protection_days_plumbing", 10
    )
    jiancai_crm_protection_days_tiling = _number(
        "Protection: Tiling (days)", "protection_days_tiling", 7
    )
    jiancai_crm_protection_days_carpentry = _number(
        "Protection: Carpentry (days)", "protection_days_carpentry", 7
    )
    jiancai_crm_protection_days_painting = _number(
        "Protection: Painting (days)", "protection_days_painting", 7
    )
    jiancai_crm_protection_days_installation = _number(
        "Protection: Installation (days)", "protection_days_installation", 5
    )
    jiancai_crm_protection_days_finished = _number(
        "Protection: Finished (days)", "protection_days_finished", 5
    )
    jiancai_crm_max_protection_days = _number(
        "Longest Protection (days)", "max_protection_days", 60
    )
    jiancai_crm_extension_days = _number("Extension per Activity (days)", "extension_days", 7)
    jiancai_crm_reminder_days = _number("Reminder before Reclaim (days)", "reminder_days", 2)
    jiancai_crm_cooldown_days = _number("Cool-down (days)", "cooldown_days", 7)
    jiancai_crm_follow_up_days_a = _number("Follow-up Cycle A (days)", "follow_up_days_a", 2)
    jiancai_crm_follow_up_days_b = _number("Follow-up Cycle B (days)", "follow_up_days_b", 7)
    jiancai_crm_follow_up_days_c = _number("Follow-up Cycle C (days)", "follow_up_days_c", 30)
    jiancai_crm_import_max_mb = _number("Largest Import File (MB)", "import_max_mb", 10)
    jiancai_crm_import_max_rows = _number("Most Rows per Import", "import_max_rows", 20000)
    jiancai_crm_signup_hourly_limit = _number(
        "Sign-ups per Address per Hour", "signup_hourly_limit", 5
    )
    jiancai_crm_api_token = fields.Char(
        "Lead API Token",
        config_parameter="jiancai_crm.api_token",
        help="Campaign tools send it as 'Authorization: Bearer <token>' to "
        "/jc/crm/api/lead. Empty: the endpoint refuses every request.",
    )

    @api.constrains(*BOUNDS)
    def _check_jiancai_crm_numbers(self):
        for settings in self:
            for name, (_key, least, most) in BOUNDS.items():
                value = settings[name]
                if not least <= value <= most and settings._jiancai_crm_changed(name):
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be a whole number from %(least)s to %(most)s "
                            "(not %(value)s).",
                            field=settings._jiancai_crm_label(name),
                            least=least,
                            most=most,
                            value=value,
                        )
                    )
            longest = settings.jiancai_crm_max_protection_days
            for stage in ("default", *DEFAULT_STAGE_DAYS):
                name = f"jiancai_crm_protection_days_{stage}"
                if settings[name] > longest and (
                    settings._jiancai_crm_changed(name)
                    or settings._jiancai_crm_changed("jiancai_crm_max_protection_days")
                ):
                    raise ValidationError(
                        self.env._(
                            "%(field)s (%(days)s) is longer than %(longest_field)s "
                            "(%(longest)s): raise the longest protection or shorten this one.",
                            field=settings._jiancai_crm_label(name),
                            days=settings[name],
                            longest_field=settings._jiancai_crm_label(
                                "jiancai_crm_max_protection_days"
                            ),
                            longest=longest,
                        )
                    )

    @api.constrains("jiancai_crm_api_token")
    def _check_jiancai_crm_api_token(self):
        for settings in self:
            token = (settings.jiancai_crm_api_token or "").strip()
            weak = len(token) < API_TOKEN_MIN_LENGTH or any(c.isspace() for c in token)
            if token and weak and settings._jiancai_crm_changed("jiancai_crm_api_token"):
                raise ValidationError(
                    self.env._(
                        "%(field)s must be at least %(length)s characters without spaces "
                        "(or empty, to turn the endpoint off).",
                        field=settings._jiancai_crm_label("jiancai_crm_api_token"),
                        length=API_TOKEN_MIN_LENGTH,
                    )
                )

    def set_values(self):
        """Odoo removes an integer parameter set to 0 (the pool would then read its
        default): keep a 0 where 0 means something (no extension, no reminder, no
        cool-down)."""
        result = super().set_values()
        Param = self.env["ir.config_parameter"].sudo()
        for name, (key, least, _most) in BOUNDS.items():
            if least == 0 and self[name] == 0:
                Param.set_param(f"jiancai_crm.{key}", "0")
        return result

    def _jiancai_crm_changed(self, name):
        """Whether the page changes this parameter (from what it showed: the stored value,
        or the default). A value stored by hand in System Parameters that is out of range
        does not block saving other settings; it is refused once the field is changed."""
        field = self._fields[name]
        shown = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(field.config_parameter, field.default(self) if field.default else False)
        )
        value = self[name]
        return ("" if value is False else str(value)).strip() != (
            "" if shown is False else str(shown)
        ).strip()

    def _jiancai_crm_label(self, name):
        return f'"{self._fields[name]._description_string(self.env)}"'
