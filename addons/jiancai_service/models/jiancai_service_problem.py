from odoo import fields, models


class JiancaiServiceProblem(models.Model):
    """What the customer complains about (外观, 缝隙大, 色差, 破损, 漏水 ...)."""

    _name = "jiancai.service.problem"
    _description = "After-sales Problem Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
