from odoo import fields, models


class JiancaiRenovationPhaseTemplateCheck(models.Model):
    """A checklist item of a phase template (闭水试验48小时, 管线走向拍照 ...)."""

    _name = "jiancai.renovation.phase.template.check"
    _description = "Renovation Phase Template Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    phase_template_id = fields.Many2one(
        "jiancai.renovation.phase.template", "Phase", required=True, ondelete="cascade", index=True
    )
