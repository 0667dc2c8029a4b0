from odoo import api, models
from odoo.exceptions import UserError

GUIDE_GROUP = "jiancai_base.group_sales_guide"
ALL_ORDERS_GROUP = "sales_team.group_sale_salesman_all_leads"


class SaleOrder(models.Model):
    """A guide quotes for their own customers.

    Odoo sets the order's salesperson from the customer's; a guide who picks another
    guide's customer would then make an order they cannot read (Odoo's access error
    page). Guides who are not store managers get a clear refusal instead.
    """

    _inherit = "sale.order"

    @api.onchange("partner_id")
    def _onchange_partner_id_jiancai_owner(self):
        if not self._jiancai_is_plain_guide():
            return None
        owner = self._jiancai_customer_owner(self.partner_id)
        if owner and owner != self.env.user:
            return {
                "warning": {
                    "title": self.env._("Another guide's customer"),
                    "message": self._jiancai_foreign_customer_message(self.partner_id, owner),
                }
            }
        return None

    @api.model_create_multi
    def create(self, vals_list):
        if self._jiancai_is_plain_guide():
            for vals in vals_list:
                partner = self.env["res.partner"].browse(vals.get("partner_id"))
                if "user_id" in vals:
                    salesperson = self.env["res.users"].browse(vals["user_id"])
                else:
                    salesperson = self._jiancai_customer_owner(partner) or self.env.user
                self._jiancai_check_salesperson(partner, salesperson)
        return super().create(vals_list)

    def write(self, vals):
        if ("partner_id" in vals or "user_id" in vals) and self._jiancai_is_plain_guide():
            for order in self:
                # a customer the order already had is not checked again
                partner = self.env["res.partner"].browse(vals.get("partner_id"))
                if partner == order.partner_id:
                    partner = self.env["res.partner"]
                salesperson = (
                    self.env["res.users"].browse(vals["user_id"])
                    if "user_id" in vals
                    else order.user_id
                )
                self._jiancai_check_salesperson(partner, salesperson)
        return super().write(vals)

    @api.model
    def _jiancai_is_plain_guide(self):
        """A sales guide who sees only their own orders (not a store manager)."""
        user = self.env.user
        return (
            not self.env.su and user.has_group(GUIDE_GROUP) and not user.has_group(ALL_ORDERS_GROUP)
        )

    @api.model
    def _jiancai_customer_owner(self, partner):
        """The salesperson the customer belongs to, as Odoo picks it for an order."""
        partner = partner.sudo()
        return (partner.user_id or partner.commercial_partner_id.user_id).with_env(self.env)

    @api.model
    def _jiancai_foreign_customer_message(self, partner, owner):
        return self.env._(
            "%(customer)s is %(owner)s's customer: ask %(owner)s or your store manager.",
            customer=partner.sudo().display_name,
            owner=owner.sudo().name,
        )

    @api.model
    def _jiancai_check_salesperson(self, partner, salesperson):
        """Refuse an order a guide would make for another guide's customer, or give to
        another salesperson."""
        owner = self._jiancai_customer_owner(partner)
        if owner and owner != self.env.user:
            raise UserError(self._jiancai_foreign_customer_message(partner, owner))
        if salesperson and salesperson != self.env.user:
            raise UserError(
                self.env._(
                    "Only your store manager can give a quotation to another salesperson (%s).",
                    salesperson.sudo().name,
                )
            )
