from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    jiancai_service_ticket_id = fields.Many2one(
        "helpdesk.ticket", "Service Ticket", index="btree_not_null", readonly=True, copy=False
    )
