from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    jiancai_custom = fields.Boolean(
        "Made to measure",
        help="Built by a factory for each order (cabinets, vanities, doors): the sales line "
        "carries the sizes and finish, and confirming the order buys it from the factory "
        "(routes Replenish on Order + Buy, set automatically).",
    )

    @api.model
    def _jiancai_custom_routes(self):
        routes = self.env["stock.route"]
        for xmlid in ("stock.route_warehouse0_mto", "purchase_stock.route_warehouse0_buy"):
            routes |= self.env.ref(xmlid, raise_if_not_found=False) or routes
        return routes.sudo().with_context(active_test=False)

    @api.constrains("jiancai_custom", "route_ids", "type")
    def _check_jiancai_custom_routes(self):
        routes = self._jiancai_custom_routes()
        for template in self.filtered("jiancai_custom"):
            if template.type != "consu":
                raise ValidationError(
                    self.env._("A made-to-measure product must be a goods product.")
                )
            if routes - template.route_ids:
                raise ValidationError(
                    self.env._(
                        "%(product)s is made to measure: it needs the routes "
                        "%(routes)s so that confirming a sale orders it from the factory.",
                        product=template.display_name,
                        routes=", ".join(routes.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("jiancai_custom"):
                vals["route_ids"] = list(vals.get("route_ids") or []) + [
                    Command.link(r.id) for r in self._jiancai_custom_routes()
                ]
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("jiancai_custom"):
            vals = dict(vals)
            vals["route_ids"] = list(vals.get("route_ids") or []) + [
                Command.link(r.id) for r in self._jiancai_custom_routes()
            ]
        return super().write(vals)
