from odoo import fields, models


class JiancaiLotSplitWizardLine(models.TransientModel):
    _name = "jiancai.lot.split.wizard.line"
    _description = "Colour Lot Split Proposal"

    wizard_id = fields.Many2one("jiancai.lot.split.wizard", required=True, ondelete="cascade")
    move_id = fields.Many2one("stock.move", "Line", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="move_id.product_id")
    product_qty = fields.Float(related="move_id.product_uom_qty", string="Quantity")
    group_count = fields.Integer("Groups")
    proposal = fields.Char("Proposed Split", readonly=True)
