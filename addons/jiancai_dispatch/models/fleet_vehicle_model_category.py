from odoo import fields, models


class FleetVehicleModelCategory(models.Model):
    _inherit = "fleet.vehicle.model.category"

    jiancai_pallet_capacity = fields.Integer(
        "Max Pallets", help="How many pallets fit on the vehicle; 0 means not limited."
    )
    jiancai_freight_rule_id = fields.Many2one(
        "jiancai.freight.rule",
        "Freight Rule",
        help="How the freight of a trip with this type of vehicle is priced.",
    )
