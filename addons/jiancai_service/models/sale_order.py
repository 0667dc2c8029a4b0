from markupsafe import Markup

from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jiancai_service_ticket_count = fields.Integer(
        "Service Tickets Count",
        compute="_compute_jiancai_service_ticket_count",
        groups="helpdesk_mgmt.group_helpdesk_user",
    )

    def _compute_jiancai_service_ticket_count(self):
        Ticket = self.env["helpdesk.ticket"]
        by_order = ["jiancai_sale_order_id"]
        counts = dict(Ticket._read_group([(by_order[0], "in", self.ids)], by_order, ["__count"]))
        for order in self:
            order.jiancai_service_ticket_count = counts.get(order, 0)

    def action_jiancai_service_tickets(self):
        """The order's tickets; *New* there opens a ticket for this customer and order
        (measurement before the quotation, installation or repair after delivery)."""
        self.ensure_one()
        delivered = self.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done"
        ).sorted("date_done", reverse=True)[:1]
        name = self.env._("Service Tickets")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "helpdesk.ticket",
            "view_mode": "list,kanban,form",
            "domain": [("jiancai_sale_order_id", "=", self.id)],
            "context": {
                "default_jiancai_sale_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_jiancai_picking_id": delivered.id,
                "default_description": self._jiancai_service_description(),
            },
        }

    def action_jiancai_new_service_ticket(self):
        """Header button: a new ticket form for this order."""
        action = self.action_jiancai_service_tickets()
        action.update({"view_mode": "form", "views": [(False, "form")], "target": "current"})
        return action

    def _jiancai_service_description(self):
        """What the order says to the technician: its number and the goods sold."""
        self.ensure_one()
        goods = self.order_line.filtered(lambda line: line.product_id and not line.display_type)
        items = Markup("").join(
            Markup("<li>%s × %s %s</li>")
            % (line.product_id.display_name, line.product_uom_qty, line.product_uom_id.name)
            for line in goods[:20]
        )
        header = Markup("<p>%s</p>") % self.env._("Order %(order)s", order=self.name)
        return header + (Markup("<ul>%s</ul>") % items if items else Markup(""))
