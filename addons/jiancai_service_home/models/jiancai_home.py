from odoo import fields, models


class JiancaiHome(models.Model):
    _inherit = "jiancai.home"

    jiancai_ticket_ids = fields.One2many("helpdesk.ticket", "jiancai_home_id", "Service Tickets")
