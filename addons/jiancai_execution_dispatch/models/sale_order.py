from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # stored so that a rule counts trips in one SQL query (jiancai_dispatch's own
    # count is computed on the fly)
    jiancai_execution_trip_count = fields.Integer(
        "Trips (stored)",
        compute="_compute_jiancai_execution_trip_count",
        store=True,
        help="Trips that carried goods of this order.",
    )

    @api.depends("picking_ids.jiancai_trip_id")
    def _compute_jiancai_execution_trip_count(self):
        for order in self:
            order.jiancai_execution_trip_count = len(order.picking_ids.jiancai_trip_id)
