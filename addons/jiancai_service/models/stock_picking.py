from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    jiancai_service_ticket_ids = fields.One2many(
        "helpdesk.ticket", "jiancai_picking_id", "Service Tickets"
    )
    jiancai_service_ticket_count = fields.Integer(
        "Service Tickets Count", compute="_compute_jiancai_service_ticket_count"
    )

    def _compute_jiancai_service_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("jiancai_picking_id", "in", self.ids)], ["jiancai_picking_id"], ["__count"]
            )
        )
        for picking in self:
            picking.jiancai_service_ticket_count = counts.get(picking, 0)

    def _jiancai_gate_service_installation(self, gate):
        """Listener of *goods delivered*: open the installation ticket and send the link.

        Only when enabled in the settings, for customer deliveries with a product that
        needs installation, once per delivery.
        """
        enabled = (
            self.env["ir.config_parameter"].sudo().get_param("jiancai_service.auto_installation")
        )
        if not enabled or enabled in ("False", "0"):
            return
        installation = self.env.ref(
            "jiancai_service.service_type_installation", raise_if_not_found=False
        )
        if not installation or not installation.active:
            return
        Ticket = self.env["helpdesk.ticket"].sudo()
        for picking in self.sudo():
            if picking.picking_type_code != "outgoing" or not picking.partner_id:
                continue
            products = picking.move_ids.filtered(
                lambda m: m.quantity and m.product_id.jiancai_needs_installation
            ).product_id
            if not products:
                continue
            if Ticket.search_count(
                [("jiancai_picking_id", "=", picking.id), ("jiancai_kind", "=", "installation")]
            ):
                continue
            ticket = Ticket.create(
                {
                    "jiancai_type_id": installation.id,
                    "name": self.env._(
                        "Installation: %(products)s",
                        products=", ".join(products.mapped("display_name")[:3]),
                    ),
                    "partner_id": picking.partner_id.id,
                    "jiancai_picking_id": picking.id,
                    "jiancai_sale_order_id": picking.sale_id.id,
                    "jiancai_product_id": products[:1].id,
                    "company_id": picking.company_id.id,
                    "channel_id": self.env.ref("jiancai_service.channel_automatic").id,
                }
            )
            ticket._jiancai_send_booking_link()
            picking.message_post(
                body=self.env._("Installation ticket %(number)s opened.", number=ticket.number),
                subtype_xmlid="mail.mt_note",
            )

    def action_jiancai_service_tickets(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Service Tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("jiancai_picking_id", "=", self.id)],
            "context": {
                "default_jiancai_picking_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_jiancai_sale_order_id": self.sale_id.id,
            },
        }
