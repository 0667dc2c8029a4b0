from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_sms_provider = fields.Selection(
        [("none", "Not configured"), ("aliyun", "Alibaba Cloud SMS (阿里云短信)")],
        "SMS Provider",
        default="none",
        config_parameter="jiancai_base.sms_provider",
    )
    jiancai_sms_sign_name = fields.Char(
        "SMS Sign Name",
        config_parameter="jiancai_base.sms_sign_name",
        help="The approved signature (签名) shown at the start of every SMS.",
    )
    jiancai_aliyun_access_key_id = fields.Char(
        "AccessKey ID", config_parameter="jiancai_base.aliyun_access_key_id"
    )
    jiancai_aliyun_access_key_secret = fields.Char(
        "AccessKey Secret", config_parameter="jiancai_base.aliyun_access_key_secret"
    )
    jiancai_aliyun_endpoint = fields.Char(
        "SMS Endpoint",
        config_parameter="jiancai_base.aliyun_endpoint",
        help="Leave empty for https://dysmsapi.aliyuncs.com/",
    )
    jiancai_wecom_corp_id = fields.Char(
        "WeCom Corp ID", config_parameter="jiancai_base.wecom_corp_id"
    )
    jiancai_wecom_secret = fields.Char(
        "WeCom App Secret", config_parameter="jiancai_base.wecom_secret"
    )
    jiancai_wecom_agent_id = fields.Char(
        "WeCom Agent ID", config_parameter="jiancai_base.wecom_agent_id"
    )
    jiancai_wecom_robot_key = fields.Char(
        "WeCom Robot Key",
        config_parameter="jiancai_base.wecom_robot_key",
        help="The key= part of the group robot's webhook URL.",
    )
    jiancai_notify_max_attempts = fields.Integer(
        "Send Attempts",
        config_parameter="jiancai_base.notify_max_attempts",
        default=5,
        help="SMS and WeCom messages are tried this many times before they are marked failed.",
    )
    jiancai_tracking_link_days = fields.Integer(
        "Tracking Links Valid (days)",
        config_parameter="jiancai_base.tracking_link_days",
        default=30,
    )
    jiancai_photo_max_mb = fields.Integer(
        "Largest Photo (MB)", config_parameter="jiancai_base.photo_max_mb", default=15
    )
