from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_credit_check_on_confirm = fields.Boolean(
        "Check Credit at Order Confirmation",
        config_parameter="jiancai_credit.check_on_confirm",
    )
    jiancai_credit_approval_hours = fields.Integer(
        "Approval Valid (hours)",
        config_parameter="jiancai_credit.approval_hours",
        default=24,
    )
