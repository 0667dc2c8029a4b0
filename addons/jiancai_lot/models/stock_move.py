from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    jiancai_lot_by_hand = fields.Boolean(
        "Colour Lots Matched by Hand",
        copy=False,
        help="Set by the hand override: joint matching of later deliveries leaves this "
        "line's lots alone.",
    )
