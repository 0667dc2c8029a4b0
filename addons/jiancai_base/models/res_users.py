from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    jiancai_wecom_userid = fields.Char(
        "WeCom User ID",
        help="The user's account ID in WeCom (企业微信), for app messages.",
        copy=False,
    )

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["jiancai_wecom_userid"]

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["jiancai_wecom_userid"]
