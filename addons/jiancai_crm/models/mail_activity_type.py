from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    jiancai_extends_protection = fields.Boolean(
        "Extends Lead Protection",
        help="Done on a lead, this activity (a call, a store visit, a measurement) counts as "
        "real follow-up and extends the guide's protection of the lead.",
    )
