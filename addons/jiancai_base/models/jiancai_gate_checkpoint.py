from odoo import api, fields, models


class JiancaiGateCheckpoint(models.Model):
    """A named moment of a business document where modules' rules are checked."""

    _name = "jiancai.gate.checkpoint"
    _description = "Business Gate Checkpoint"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        readonly=True,
        help="Technical name the code passes, e.g. stock.picking.release.",
    )
    sequence = fields.Integer(default=10)
    model_id = fields.Many2one(
        "ir.model",
        "Document",
        required=True,
        ondelete="cascade",
        readonly=True,
        help="The kind of document that passes this checkpoint.",
    )
    document_name = fields.Char(
        "Documents",
        translate=True,
        help="The documents that pass it, in the words of their users.",
    )
    description = fields.Text(translate=True, help="When the checkpoint is passed.")
    rule_ids = fields.One2many("jiancai.gate.rule", "checkpoint_id", "Rules")
    check_count = fields.Integer("Checks", compute="_compute_counts")
    listener_count = fields.Integer("Listeners", compute="_compute_counts")
    module = fields.Char("Added by", compute="_compute_module")

    _code_unique = models.Constraint("UNIQUE(code)", "A checkpoint code must be unique.")

    @api.depends("rule_ids.kind", "rule_ids.enabled")
    def _compute_counts(self):
        for checkpoint in self:
            rules = checkpoint.rule_ids
            checkpoint.check_count = len(rules.filtered(lambda r: r.kind == "check"))
            checkpoint.listener_count = len(rules.filtered(lambda r: r.kind == "listener"))

    def _compute_module(self):
        modules = self.env["ir.model.data"]._jiancai_modules_of(self)
        for checkpoint in self:
            checkpoint.module = modules.get(checkpoint.id, "")

    @api.model
    def _jiancai_get(self, code):
        checkpoint = self.sudo().search([("code", "=", code)], limit=1)
        return checkpoint
