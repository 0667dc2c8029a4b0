from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    jiancai_lot_joint_earlier = fields.Boolean(
        "Match with Earlier Deliveries",
        config_parameter="jiancai_lot.joint_earlier",
        help="Matching a delivery also re-plans the colour-lot lines of confirmed "
        "deliveries from the same location with earlier scheduled dates, so all compete "
        "for the same lots and the earlier ones keep one group per line.",
    )
    jiancai_lot_time_budget = fields.Float(
        "Matching Time Budget (s)",
        config_parameter="jiancai_lot.time_budget",
        default=2.0,
        help="Beyond this, matching returns its best allocation with the bound it proved.",
    )
