from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jiancai_trip_count = fields.Integer(
        "Trips", compute="_compute_jiancai_trip_count", help="Trips that carried its goods."
    )

    def _compute_jiancai_trip_count(self):
        for order in self:
            order.jiancai_trip_count = len(order.picking_ids.jiancai_trip_id)

    def action_jiancai_trips(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Trips"),
            "res_model": "stock.picking.batch",
            "view_mode": "list,form",
            "domain": [("id", "in", self.picking_ids.jiancai_trip_id.ids)],
        }
