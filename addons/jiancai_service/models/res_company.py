from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    jiancai_service_manager_id = fields.Many2one(
        "res.users",
        "Service Manager",
        domain=[("share", "=", False)],
        help="Told about escalations and low ratings.",
    )
