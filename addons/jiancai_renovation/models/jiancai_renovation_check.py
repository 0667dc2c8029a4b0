from odoo import fields, models


class JiancaiRenovationCheck(models.Model):
    """A checklist item of one phase of one renovation, ticked by its supervisor."""

    _name = "jiancai.renovation.check"
    _description = "Renovation Phase Checklist Item"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    required = fields.Boolean(default=True)
    task_id = fields.Many2one(
        "project.task", "Phase", required=True, ondelete="cascade", index=True
    )
    done = fields.Boolean(readonly=True)
    done_by_id = fields.Many2one("res.users", "Ticked By", readonly=True)
    done_at = fields.Datetime("Ticked On", readonly=True)
