from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_referral_protection_days = fields.Integer(
        "Protection Period (days)",
        config_parameter="jiancai_referral.protection_days",
        default=90,
    )
    jiancai_referral_no_visit_days = fields.Integer(
        "Reminder Without Store Visit (days)",
        config_parameter="jiancai_referral.no_visit_days",
        default=28,
    )
    jiancai_referral_lookup_limit = fields.Integer(
        "Lookups per User per Day",
        config_parameter="jiancai_referral.lookup_daily_limit",
        default=20,
    )
    jiancai_referral_sms_designer = fields.Boolean(
        "Text Milestones to Designers", config_parameter="jiancai_referral.sms_designer"
    )
