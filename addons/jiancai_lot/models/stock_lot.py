from odoo import api, fields, models


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "jiancai.qr.mixin"]

    jiancai_colour_lot = fields.Boolean(related="product_id.jiancai_colour_lot")
    jiancai_shade = fields.Char(
        "Shade", index=True, tracking=True, help="Shade code of the production batch."
    )
    jiancai_caliber = fields.Char(
        "Caliber", index=True, tracking=True, help="Caliber (size class) code of the batch."
    )
    jiancai_grade = fields.Char(
        "Grade", index=True, tracking=True, help="Quality grade of the batch, e.g. AAA."
    )
    jiancai_production_date = fields.Date("Production Date")
    jiancai_colour_group = fields.Char(
        "Colour Group", compute="_compute_jiancai_colour_group", store=True
    )

    @api.depends("jiancai_shade", "jiancai_caliber", "jiancai_grade")
    def _compute_jiancai_colour_group(self):
        for lot in self:
            parts = (lot.jiancai_shade, lot.jiancai_caliber, lot.jiancai_grade)
            lot.jiancai_colour_group = " / ".join(p or "-" for p in parts) if any(parts) else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") and vals.get("jiancai_shade") and vals.get("product_id"):
                vals["name"] = self._jiancai_lot_name(vals)
            elif vals.get("name") and not vals.get("jiancai_shade") and vals.get("product_id"):
                product = self.env["product.product"].browse(vals["product_id"])
                if product.jiancai_colour_lot:
                    vals.update(self._jiancai_parse_lot_name(vals["name"]))
        return super().create(vals_list)

    @api.model
    def _jiancai_parse_lot_name(self, name):
        """Read shade, caliber, grade and date from a name typed or scanned at receipt.

        ``SHADE-CALIBER-GRADE-YYMMDD`` (the name this module gives lots); anything else is
        kept as it is, with no colour data.
        """
        parts = (name or "").strip().split("-")
        if len(parts) < 4 or not all(parts[:3]):
            return {}
        day = parts[3]
        values = {
            "jiancai_shade": parts[0],
            "jiancai_caliber": parts[1],
            "jiancai_grade": parts[2],
        }
        if len(day) == 6 and day.isdigit():
            try:
                values["jiancai_production_date"] = fields.Date.to_date(
                    f"20{day[:2]}-{day[2:4]}-{day[4:]}"
                )
            except ValueError:
                return values
        return values

    @api.model
    def _jiancai_lot_name(self, vals):
        """SHADE-CALIBER-GRADE-YYMMDD, with -2, -3... when that name is taken."""
        day = fields.Date.to_date(vals.get("jiancai_production_date")) or fields.Date.today()
        base = "-".join(
            str(vals.get(key) or "X").strip().upper().replace(" ", "")
            for key in ("jiancai_shade", "jiancai_caliber", "jiancai_grade")
        )
        base = f"{base}-{day:%y%m%d}"
        taken = set(
            self.search(
                [("product_id", "=", vals["product_id"]), ("name", "=like", f"{base}%")]
            ).mapped("name")
        )
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        return name

    def _jiancai_qr_value(self):
        """The phone page with the lot's live stock and its count."""
        self.ensure_one()
        return f"{self.get_base_url()}/jc/lot/count?lot={self.id}"
