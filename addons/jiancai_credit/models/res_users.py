from odoo import api, fields, models


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

    @api.constrains("jiancai_credit_limit")
    def _check_jiancai_credit_limit(self):
        self._jiancai_check_limit_not_negative("jiancai_credit_limit")

    def _jiancai_credit_kind(self):
        return "salesperson"

    def _jiancai_credit_limit_value(self):
        limit = self.sudo().jiancai_credit_limit
        return limit if limit > 0 else None
