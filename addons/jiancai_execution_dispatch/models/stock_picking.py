from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # who answers for booking the delivery: the order's salesperson and store, stored
    # so that an execution rule groups deliveries by them in one query
    jiancai_execution_salesperson_id = fields.Many2one(
        "res.users", "Order Salesperson", related="sale_id.user_id", store=True
    )
    jiancai_execution_team_id = fields.Many2one(
        "crm.team", "Order Store", related="sale_id.team_id", store=True
    )
