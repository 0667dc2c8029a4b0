from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    jiancai_custom = fields.Boolean(
        "Made to measure",
        help="Built by a factory for each order (cabinets, vanities, doors): the sales line "
        "carries the sizes and finish, and confirming the order buys it from the factory "
        "(route Replenish on Order set automatically; the warehouse buys it from the "
        "vendor).",
    )

    @api.model
    def _jiancai_custom_routes(self):
        routes = self.env["stock.route"]
        # Buy is a warehouse route in Odoo 19 (not selectable on products): the product
        # needs MTO and a vendor; the warehouse's Buy rule then orders it from the factory.
        mto = self.env.ref("stock.route_warehouse0_mto", raise_if_not_found=False)
        return (mto or routes).sudo().with_context(active_test=False)

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
                        "%(product)s is made to measure: it needs the route %(routes)s "
                        "so that confirming a sale orders it from the factory.",
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
