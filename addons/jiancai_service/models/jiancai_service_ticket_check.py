from odoo import fields, models


class JiancaiServiceTicketCheck(models.Model):
    """A checklist item of one ticket, ticked by the technician on site."""

    _name = "jiancai.service.ticket.check"
    _description = "Service Ticket Checklist Item"
    _order = "sequence, id"

    ticket_id = fields.Many2one("helpdesk.ticket", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    # the item of the ticket type it was copied from: its name follows the reader's
    # language even when the ticket was created before the translations were loaded
    # (tickets created while the module and its demo data install)
    type_check_id = fields.Many2one("jiancai.service.type.check", ondelete="set null")
    required = fields.Boolean(default=True)
    done = fields.Boolean()
    done_at = fields.Datetime(readonly=True)
