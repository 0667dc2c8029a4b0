from odoo import fields, models


class JiancaiRegion(models.Model):
    _name = "jiancai.region"
    _description = "Sales Region"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    store_ids = fields.One2many("crm.team", "jiancai_region_id", string="Stores")

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)", "A region with this name already exists."
    )
