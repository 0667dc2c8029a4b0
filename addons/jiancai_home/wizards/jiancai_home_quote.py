from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..engine.measure import MeasureError, with_waste
from ..models.jiancai_home_room import PATTERNS


class JiancaiHomeQuote(models.TransientModel):
    """Quote the tiles of a measured home: a product per room and surface, the area with
    the waste of its laying pattern, added to a quotation (rounded up to whole boxes by
    the order line, as every tile line)."""

    _name = "jiancai.home.quote"
    _description = "Quote the Tiles of a Home"

    home_id = fields.Many2one("jiancai.home", required=True, readonly=True)
    partner_id = fields.Many2one(related="home_id.partner_id")
    order_id = fields.Many2one(
        "sale.order",
        "Add to Quotation",
        domain="[('partner_id', 'child_of', partner_id), ('state', 'in', ('draft', 'sent'))]",
        help="Leave empty to start a new quotation.",
    )
    line_ids = fields.One2many("jiancai.home.quote.line", "wizard_id", "Surfaces")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        home = self.env["jiancai.home"].browse(values.get("home_id"))
        if home and "line_ids" in fields_list:
            lines = []
            for room in home.room_ids:
                lines.append(Command.create({"room_id": room.id, "surface": "floor"}))
                if room.wall_area:
                    lines.append(Command.create({"room_id": room.id, "surface": "wall"}))
            values["line_ids"] = lines
        return values

    def action_quote(self):
        self.ensure_one()
        lines = self.line_ids.filtered("product_id")
        if not lines:
            raise UserError(self.env._("Choose a tile for at least one room."))
        order = self.order_id
        if order and order.state not in ("draft", "sent"):
            raise UserError(self.env._("Only a quotation takes new lines."))
        if not order:
            order = self.env["sale.order"].create(
                {"partner_id": self.home_id.partner_id.id, "jiancai_home_id": self.home_id.id}
            )
        elif not order.jiancai_home_id:
            order.jiancai_home_id = self.home_id
        order.write(
            {
                "order_line": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "product_uom_qty": line.quantity,
                            "name": f"{line.product_id.display_name}\n{line.description}",
                        }
                    )
                    for line in lines
                ]
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
        }


class JiancaiHomeQuoteLine(models.TransientModel):
    _name = "jiancai.home.quote.line"
    _description = "A Surface to Quote"

    wizard_id = fields.Many2one("jiancai.home.quote", required=True, ondelete="cascade")
    room_id = fields.Many2one("jiancai.home.room", required=True)
    surface = fields.Selection([("floor", "Floor"), ("wall", "Walls")], required=True)
    product_id = fields.Many2one("product.product", "Tile", domain=[("sale_ok", "=", True)])
    pattern = fields.Selection(PATTERNS, compute="_compute_pattern", store=True, readonly=False)
    area = fields.Float("Area (m²)", compute="_compute_quantity")
    quantity = fields.Float("With Waste (m²)", compute="_compute_quantity")
    description = fields.Char(compute="_compute_quantity")

    @api.depends("room_id", "surface")
    def _compute_pattern(self):
        for line in self:
            room = line.room_id
            line.pattern = room.wall_pattern if line.surface == "wall" else room.floor_pattern

    @api.depends("room_id", "surface", "pattern")
    def _compute_quantity(self):
        for line in self:
            room = line.room_id
            area = room.wall_area if line.surface == "wall" else room.floor_area
            try:
                quantity = float(with_waste(area, line.pattern or "straight"))
            except MeasureError:
                quantity = 0.0
            line.area = area
            line.quantity = quantity
            surface = dict(self._fields["surface"]._description_selection(self.env)).get(
                line.surface, ""
            )
            line.description = self.env._(
                "%(room)s, %(surface)s: %(area).2f m² + waste = %(quantity).2f m²",
                room=room.name or "",
                surface=surface,
                area=area,
                quantity=quantity,
            )
