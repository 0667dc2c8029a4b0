from odoo import api, fields, models

KINDS = [
    ("measurement", "Measurement"),
    ("design", "Design"),
    ("installation", "Installation"),
    ("repair", "Repair"),
    ("followup", "Follow-up Visit"),
]


class JiancaiServiceType(models.Model):
    """A kind of service ticket and what it takes to close one."""

    _name = "jiancai.service.type"
    _description = "Service Ticket Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(KINDS, required=True, default="repair")
    on_site = fields.Boolean(
        "Visit at the Customer's",
        default=True,
        help="Booked with a technician and a time; a follow-up by phone is not.",
    )
    duration_hours = fields.Float("Default Duration (hours)", default=2.0)
    skill_ids = fields.Many2many("jiancai.service.skill", string="Skills Needed")
    check_ids = fields.One2many("jiancai.service.type.check", "type_id", "Checklist")
    min_photo_count = fields.Integer(
        "Photos Required", default=0, help="Field photos needed before the ticket closes."
    )
    require_code = fields.Boolean(
        "Customer Code Required",
        help="The technician types the code the customer received by SMS.",
    )
    require_signature = fields.Boolean("Customer Signature Required")
    require_drawing = fields.Boolean(
        "Drawings Required", help="A drawing (an attached file) is needed to close."
    )
    drawing_days = fields.Integer(
        "Drawings Due (days)", help="Design tickets: drawings are due this many days after."
    )
    followup_type_id = fields.Many2one(
        "jiancai.service.type",
        "Follow-up Type",
        help="Closing a ticket of this type opens a follow-up ticket of that type for "
        "customer service and sends the customer the rating link.",
    )
    piece_rate = fields.Monetary(
        currency_field="currency_id", help="Paid to the technician per job."
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    ticket_count = fields.Integer("Tickets", compute="_compute_ticket_count")

    def _compute_ticket_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("jiancai_type_id", "in", self.ids)], ["jiancai_type_id"], ["__count"]
            )
        )
        for service_type in self:
            service_type.ticket_count = counts.get(service_type, 0)

    @api.constrains("duration_hours", "min_photo_count")
    def _check_positive(self):
        for service_type in self:
            if service_type.duration_hours < 0 or service_type.min_photo_count < 0:
                raise models.ValidationError(
                    self.env._("Durations and photo counts cannot be negative.")
                )
