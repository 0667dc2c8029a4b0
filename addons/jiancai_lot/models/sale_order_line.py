from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.jiancai_base.engine.numbers import parse_id

from ..engine import resolve_code, same_code
from .stock_move import PIN_FIELDS


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    jiancai_colour_lot = fields.Boolean(related="product_id.jiancai_colour_lot")
    jiancai_shade = fields.Char(
        "Shade",
        help="Pin the shade the customer chose from a sample, one of the shades in stock; "
        "empty = any shade.",
    )
    jiancai_caliber = fields.Char("Caliber")
    jiancai_grade = fields.Char("Grade")
    jiancai_mixing_allowed = fields.Boolean(
        "Mixing Allowed",
        help="Ship this line from several shade/caliber/grade groups (e.g. two rooms).",
    )
    jiancai_mixing_reason = fields.Char("Mixing Reason")

    @api.constrains("jiancai_mixing_allowed", "jiancai_mixing_reason")
    def _check_jiancai_mixing_reason(self):
        for line in self:
            if line.jiancai_mixing_allowed and not (line.jiancai_mixing_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Line %(line)s allows mixing colour lots: say why (for example "
                        "'two separate rooms').",
                        line=line.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._jiancai_resolve_pins()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if vals.keys() & {*PIN_FIELDS, "product_id"}:
            changed = self._jiancai_resolve_pins()
            if vals.keys() & set(PIN_FIELDS):
                changed.sudo().move_ids._jiancai_reserve_within_pins()
        return result

    # ------------------------------------------------------------------ business

    @api.model
    def jiancai_shade_choices(self, product_id, company_id=None):
        """Shades of a colour-lot product in stock, for the pin's drop-down: a list of
        ``[shade, label]`` (label: the caliber/grade groups and quantities), most stocked
        first. Only for those who may write order lines."""
        self.check_access("create")
        product = self.env["product.product"].browse(parse_id(product_id)).exists()
        if not product or not product.jiancai_colour_lot:
            return []
        company_id = parse_id(company_id)
        company = self.env["res.company"].browse(company_id).exists() if company_id else None
        if not company or company not in self.env.user.company_ids:
            company = self.env.company
        by_shade, unit = {}, product.uom_id.name
        for (shade, caliber, grade), qty in self._jiancai_stock_groups(product, company).items():
            if shade:
                entry = by_shade.setdefault(shade, [0.0, []])
                entry[0] += qty
                entry[1].append(f"{caliber or '-'} / {grade or '-'}: {qty:g} {unit}")
        ordered = sorted(by_shade.items(), key=lambda item: (-item[1][0], item[0]))
        return [[shade, "; ".join(parts)] for shade, (_qty, parts) in ordered]

    @api.model
    def _jiancai_stock_groups(self, product, company):
        """{(shade, caliber, grade): quantity on hand} of a product's lots in the internal
        locations of a company."""
        quants = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "=", product.id),
                    ("location_id.usage", "=", "internal"),
                    ("company_id", "=", company.id),
                    ("lot_id", "!=", False),
                    ("quantity", ">", 0),
                ],
                ["jiancai_shade", "jiancai_caliber", "jiancai_grade"],
                ["quantity:sum"],
            )
        )
        return {(shade, caliber, grade): qty for shade, caliber, grade, qty in quants}

    def _jiancai_resolve_pins(self):
        """Check every pin against the lots in stock and store it as the lots spell it.

        A pin must name a shade (caliber, grade) of which a lot of the product is on hand;
        full-width input and case are folded, anything else is refused with the shades
        there are. Returns the lines whose pins are set.
        """
        pinned = self.filtered(
            lambda line: line.jiancai_colour_lot and any(line[f] for f in PIN_FIELDS)
        )
        for line in pinned:
            company = line.company_id or self.env.company
            groups = list(self._jiancai_stock_groups(line.product_id, company))
            matching = [
                group
                for group in groups
                if all(
                    same_code(code, line[field])
                    for code, field in zip(group, PIN_FIELDS, strict=True)
                    if line[field]
                )
            ]
            if not matching:
                raise ValidationError(line._jiancai_unknown_pin_message(groups))
            spelt = {
                field: resolve_code(line[field], [group[i] for group in matching])
                for i, field in enumerate(PIN_FIELDS)
                if line[field]
            }
            spelt = {field: code for field, code in spelt.items() if code != line[field]}
            if spelt:
                super(SaleOrderLine, line).write(spelt)
        return pinned

    def _jiancai_unknown_pin_message(self, groups):
        self.ensure_one()
        pinned = " / ".join(
            f"{self._fields[field]._description_string(self.env)}: {self[field]}"
            for field in PIN_FIELDS
            if self[field]
        )
        if not groups:
            return self.env._(
                "%(product)s has no colour lot in stock: %(pinned)s cannot be pinned. Leave "
                "the pin empty or receive the tiles first.",
                product=self.product_id.display_name,
                pinned=pinned,
            )
        in_stock = ", ".join(
            " / ".join(code or "-" for code in group) for group in sorted(groups, key=str)
        )
        return self.env._(
            "%(product)s has no lot in stock with %(pinned)s. In stock (shade / caliber / "
            "grade): %(in_stock)s. Pick one of those or leave the pin empty.",
            product=self.product_id.display_name,
            pinned=pinned,
            in_stock=in_stock,
        )
