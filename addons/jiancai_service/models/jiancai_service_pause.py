from odoo import fields, models


class JiancaiServicePause(models.Model):
    """A time the ticket waited for the customer: it does not count in the SLA."""

    _name = "jiancai.service.pause"
    _description = "SLA Pause"
    _order = "date_start, id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    date_start = fields.Datetime("From", required=True)
    date_end = fields.Datetime("To", help="Empty while the ticket is still waiting.")
