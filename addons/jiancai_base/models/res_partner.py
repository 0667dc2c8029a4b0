from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    jiancai_partner_role = fields.Selection(
        [
            ("customer", "End Customer"),
            ("designer", "Designer"),
            ("decorator", "Decoration Company"),
            ("distributor", "Distributor"),
        ],
        "Dealer Role",
        index="btree_not_null",
        help="What this contact is to the dealer: the portal and referrals depend on it.",
    )
