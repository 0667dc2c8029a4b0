from odoo import fields, models


class CrmTeam(models.Model):
    _name = "crm.team"
    _inherit = ["crm.team", "jiancai.credit.level.mixin"]

    jiancai_credit_limit = fields.Float(
        "Store Credit Limit",
        tracking=True,
        help="Total exposure allowed for the customers of this store. 0: none.",
    )
    jiancai_credit_check_count = fields.Integer(
        "Credit Checks", readonly=True, copy=False, groups="base.group_system"
    )

    def _jiancai_credit_kind(self):
        return "store"
