from odoo import fields, models


class JiancaiServiceEscalation(models.Model):
    """One escalation step: when a share of the resolution target is used, act."""

    _name = "jiancai.service.escalation"
    _description = "SLA Escalation Step"
    _order = "percent, id"

    sla_id = fields.Many2one("jiancai.service.sla", required=True, ondelete="cascade")
    percent = fields.Integer(
        "At % of Target", required=True, default=100, help="100 = when the deadline passes."
    )
    action = fields.Selection(
        [
            ("notify", "Notify"),
            ("priority", "Raise Priority"),
            ("reassign", "Reassign"),
        ],
        required=True,
        default="notify",
    )
    user_id = fields.Many2one(
        "res.users",
        "Person",
        help="Notify: who is told (empty: the service manager). Reassign: the new owner.",
    )

    _percent_positive = models.Constraint(
        "CHECK(percent >= 0)", "An escalation step cannot be at a negative share."
    )
