from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _jiancai_tracking_values(self, link):
        """The delivery's page also lists the customer's visits opened for these goods
        (installation after delivery, repair), each with the link where they book it."""
        values = super()._jiancai_tracking_values(link)
        customer = self.partner_id.commercial_partner_id
        visits = []
        tickets = self.sudo().jiancai_service_ticket_ids.filtered(
            lambda t: t.partner_id.commercial_partner_id == customer
        )
        for ticket in tickets.sorted("id"):
            booking = ticket._jiancai_customer_booking()
            if booking:
                visits.append({"title": ticket.jiancai_type_id.name or ticket.name, **booking})
        values["service_visits"] = visits
        return values
