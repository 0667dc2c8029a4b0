from odoo import fields, models


class JiancaiServiceTechnician(models.Model):
    """An installer or repairer: skills, working hours, the store they work for."""

    _name = "jiancai.service.technician"
    _description = "Service Technician"
    _inherit = ["mail.thread"]
    _order = "name, id"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        ondelete="cascade",
        domain=[("share", "=", False)],
        help="The technician's login (Installer / Technician role) for the phone pages.",
    )
    name = fields.Char(related="user_id.name", store=True)
    phone = fields.Char(help="Given to customers in the appointment SMS.")
    active = fields.Boolean(default=True)
    color = fields.Integer()
    skill_ids = fields.Many2many("jiancai.service.skill", string="Skills")
    calendar_id = fields.Many2one(
        "resource.calendar",
        "Working Hours",
        required=True,
        default=lambda self: self.env.company.resource_calendar_id,
    )
    store_id = fields.Many2one("crm.team", domain=[("jiancai_is_store", "=", True)])
    van_location_id = fields.Many2one(
        "stock.location",
        "Van Stock",
        domain=[("usage", "=", "internal")],
        help="Where the parts the technician uses on site come from (an internal location "
        "for the van). Empty: the stock of the company's warehouse.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    ticket_ids = fields.One2many("helpdesk.ticket", "jiancai_technician_id", "Jobs")
    booking_seq = fields.Integer(
        "Bookings", readonly=True, copy=False, help="Bumped by every booking (a lock)."
    )

    _user_unique = models.Constraint("UNIQUE(user_id)", "This user is already a technician.")
