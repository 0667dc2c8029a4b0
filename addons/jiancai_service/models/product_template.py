from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    jiancai_warranty_months = fields.Integer(
        "Warranty (months)", help="From the delivery date; 0 = no warranty."
    )
    jiancai_needs_installation = fields.Boolean(
        "Needs Installation",
        help="When a delivery of this product is done, an installation ticket is opened "
        "(if enabled in the settings).",
    )
