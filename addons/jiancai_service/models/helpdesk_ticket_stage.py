from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    jiancai_phase = fields.Selection(
        [
            ("new", "New"),
            ("scheduled", "Scheduled"),
            ("on_site", "On Site"),
            ("waiting", "Waiting for the Customer"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
        ],
        "Service Phase",
        help="What the stage means for service tickets: 'Waiting for the Customer' pauses "
        "the SLA; 'Done' is the close checkpoint (evidence checked, follow-up, rating).",
    )
