from odoo import fields, models


class JiancaiLotMatchWizardLine(models.TransientModel):
    _name = "jiancai.lot.match.wizard.line"
    _description = "Candidate Colour Lot"
    _order = "move_id, colour_group, lot_id"

    wizard_id = fields.Many2one("jiancai.lot.match.wizard", required=True, ondelete="cascade")
    move_id = fields.Many2one("stock.move", "Line", required=True, ondelete="cascade")
    product_id = fields.Many2one(related="move_id.product_id")
    quant_id = fields.Many2one("stock.quant", required=True, ondelete="cascade")
    lot_id = fields.Many2one(related="quant_id.lot_id")
    location_id = fields.Many2one(related="quant_id.location_id")
    package_id = fields.Many2one(related="quant_id.package_id")
    colour_group = fields.Char(related="quant_id.lot_id.jiancai_colour_group", store=True)
    available_qty = fields.Float("Available", digits="Product Unit", readonly=True)
    qty = fields.Float("Quantity", digits="Product Unit")
