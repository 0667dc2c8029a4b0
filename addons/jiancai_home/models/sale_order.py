from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jiancai_home_id = fields.Many2one(
        "jiancai.home",
        "Home",
        index="btree_not_null",
        domain="[('partner_id', 'child_of', jiancai_commercial_partner_id)]",
        help="The customer's home the goods are for.",
    )
    jiancai_commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")

    @api.constrains("jiancai_home_id", "partner_id")
    def _check_jiancai_home(self):
        for order in self.filtered("jiancai_home_id"):
            owner = order.jiancai_home_id.partner_id.commercial_partner_id
            if owner != order.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The home %(home)s is not %(customer)s's.",
                        home=order.jiancai_home_id.display_name,
                        customer=order.partner_id.display_name,
                    )
                )
