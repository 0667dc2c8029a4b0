from odoo import fields, models


class JiancaiServiceSkill(models.Model):
    """What a technician can do: tiling, cabinet fitting, sanitary ware, measuring ..."""

    _name = "jiancai.service.skill"
    _description = "Technician Skill"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)

    _name_unique = models.Constraint("UNIQUE(name)", "A skill with this name already exists.")
