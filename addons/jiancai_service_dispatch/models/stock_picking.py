from odoo import models

# phases in which the customer still chooses or changes the time of a visit
BOOKABLE_PHASES = (False, "new", "scheduled", "waiting")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _jiancai_tracking_values(self, link):
        """The delivery's page also lists the customer's visits opened for these goods
        (installation after delivery, repair), each with the link where they book it."""
        values = super()._jiancai_tracking_values(link)
        customer = self.partner_id.commercial_partner_id
        visits = []
        tickets = self.sudo().jiancai_service_ticket_ids.filtered(
            lambda t: t.jiancai_type_id.on_site
            and t.jiancai_phase in BOOKABLE_PHASES
            and t.partner_id.commercial_partner_id == customer
        )
        for ticket in tickets.sorted("id"):
            visits.append(
                {
                    "title": ticket.jiancai_type_id.name or ticket.name,
                    "appointment": ticket._jiancai_appointment_label()
                    if ticket.jiancai_start
                    else "",
                    "url": ticket._jiancai_service_dispatch_link().url,
                }
            )
        values["service_visits"] = visits
        return values
