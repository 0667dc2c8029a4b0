from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_service_auto_installation = fields.Boolean(
        "Installation Ticket on Delivery",
        config_parameter="jiancai_service.auto_installation",
        help="Open an installation ticket when a delivery of products that need "
        "installation is delivered, and send the customer the booking link.",
    )
    jiancai_service_travel_buffer = fields.Integer(
        "Travel Buffer (minutes)",
        config_parameter="jiancai_service.travel_buffer_min",
        default=30,
    )
    jiancai_service_cutoff_hours = fields.Integer(
        "Reschedule Cut-off (hours)",
        config_parameter="jiancai_service.cutoff_hours",
        default=24,
        help="Customers may change their appointment until this many hours before it.",
    )
    jiancai_service_booking_days = fields.Integer(
        "Days Offered",
        config_parameter="jiancai_service.booking_days",
        default=14,
    )
    jiancai_service_low_rating = fields.Integer(
        "Low Rating (at most)",
        config_parameter="jiancai_service.low_rating",
        default=2,
        help="A rating at or below this (1-5) opens an activity for the service manager.",
    )
    jiancai_service_manager_id = fields.Many2one(
        related="company_id.jiancai_service_manager_id", readonly=False
    )
