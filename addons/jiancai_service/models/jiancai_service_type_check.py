from odoo import fields, models


class JiancaiServiceTypeCheck(models.Model):
    """A step the technician ticks on site (copied to each ticket of the type)."""

    _name = "jiancai.service.type.check"
    _description = "Service Type Checklist Item"
    _order = "sequence, id"

    type_id = fields.Many2one("jiancai.service.type", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    required = fields.Boolean(default=True, help="Must be ticked before the ticket closes.")
