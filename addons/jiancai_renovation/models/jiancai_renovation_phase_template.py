from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.schedule import MAX_PHASE_DAYS


class JiancaiRenovationPhaseTemplate(models.Model):
    """One phase of a renovation template (水电改造, 泥瓦 ...): its length, the photos and
    the checklist the supervisor needs before asking the homeowner to accept it."""

    _name = "jiancai.renovation.phase.template"
    _description = "Renovation Phase Template"
    _order = "template_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    template_id = fields.Many2one(
        "jiancai.renovation.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    planned_days = fields.Integer("Planned Working Days", default=1, required=True)
    min_photo_count = fields.Integer(
        "Minimum Photos",
        default=3,
        help="Photos the supervisor adds to the phase before asking the homeowner to accept it.",
    )
    check_ids = fields.One2many(
        "jiancai.renovation.phase.template.check", "phase_template_id", "Checklist", copy=True
    )
    description = fields.Html(translate=True)

    @api.constrains("planned_days", "min_photo_count")
    def _check_numbers(self):
        for phase in self:
            if not 0 <= phase.planned_days <= MAX_PHASE_DAYS:
                raise ValidationError(
                    self.env._(
                        "A phase lasts 0 to %(max)s working days (%(phase)s).",
                        max=MAX_PHASE_DAYS,
                        phase=phase.name,
                    )
                )
            if not 0 <= phase.min_photo_count <= 100:
                raise ValidationError(
                    self.env._("A phase asks for 0 to 100 photos (%(phase)s).", phase=phase.name)
                )
