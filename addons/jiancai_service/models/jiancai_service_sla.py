from odoo import fields, models

from .helpdesk_ticket import AFTER_SALES_CLASSES, PRIORITIES


class JiancaiServiceSla(models.Model):
    """Response and resolution targets in working time, and what happens when late.

    The first policy in sequence order that matches a ticket's type, priority, after-sales
    class and customer class (the customer's tags, e.g. VIP) applies.
    """

    _name = "jiancai.service.sla"
    _description = "Service Level Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    type_ids = fields.Many2many("jiancai.service.type", string="Ticket Types")
    priority = fields.Selection(PRIORITIES, help="Empty: every priority.")
    after_sales_class = fields.Selection(AFTER_SALES_CLASSES, help="Empty: every class.")
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Class",
        help="Customers with one of these tags (or whose company has one), e.g. VIP. "
        "Empty: every customer.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        "Working Hours",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
        help="Working hours, lunch break and public holidays (global time off).",
    )
    response_hours = fields.Float("Response Target (working hours)", default=4.0)
    resolution_hours = fields.Float("Resolution Target (working hours)", default=24.0)
    escalation_ids = fields.One2many("jiancai.service.escalation", "sla_id", "Escalation Steps")

    def _matches(self, ticket):
        self.ensure_one()
        return (
            (not self.type_ids or ticket.jiancai_type_id in self.type_ids)
            and (not self.priority or self.priority == ticket.priority)
            and (
                not self.after_sales_class
                or self.after_sales_class == ticket.jiancai_after_sales_class
            )
            and (
                not self.partner_category_ids
                or self.partner_category_ids
                & (
                    ticket.partner_id.category_id
                    | ticket.partner_id.commercial_partner_id.category_id
                )
            )
        )
