from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    def _jiancai_service_dispatch_link(self):
        """The customer's valid link of this ticket (the one of the booking SMS when there
        is one), else a new one."""
        self.ensure_one()
        Link = self.env["jiancai.tracking.link"].sudo()
        link = Link.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("partner_id", "=", self.partner_id.id),
                "|",
                ("expires_at", "=", False),
                ("expires_at", ">", fields.Datetime.now()),
            ],
            order="id desc",
            limit=1,
        )
        return link or self.sudo()._jiancai_tracking_link(partner=self.partner_id)
