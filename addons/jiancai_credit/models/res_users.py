from odoo import fields, models


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "jiancai.credit.level.mixin"]

    jiancai_credit_limit = fields.Float(
        "Salesperson Credit Limit",
        help="Total exposure allowed for the customers this salesperson owns. 0: none.",
    )
    jiancai_credit_check_count = fields.Integer(
        "Credit Checks", readonly=True, copy=False, groups="base.group_system"
    )

    def _jiancai_credit_kind(self):
        return "salesperson"
