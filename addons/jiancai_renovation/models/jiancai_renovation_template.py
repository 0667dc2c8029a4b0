from odoo import fields, models


class JiancaiRenovationTemplate(models.Model):
    """A renovation's plan: the phases a new renovation gets, in order."""

    _name = "jiancai.renovation.template"
    _description = "Renovation Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    phase_ids = fields.One2many(
        "jiancai.renovation.phase.template", "template_id", "Phases", copy=True
    )
    total_days = fields.Integer("Working Days", compute="_compute_total_days")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    def _compute_total_days(self):
        for template in self:
            template.total_days = sum(max(p.planned_days, 1) for p in template.phase_ids)
