import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.measure import MeasureError, floor_area, wall_area

# model field -> the engine's name of the measurement
MEASURES = {
    "length_m": "length",
    "width_m": "width",
    "height_m": "height",
    "openings_m2": "openings",
}

PATTERNS = [
    ("straight", "Straight (5%)"),
    ("large", "Large slabs (8%)"),
    ("diagonal", "Diagonal (12%)"),
    ("herringbone", "Herringbone (15%)"),
]


class JiancaiHomeRoom(models.Model):
    _name = "jiancai.home.room"
    _description = "Room of a Customer's Home"
    _order = "home_id, sequence, id"

    home_id = fields.Many2one("jiancai.home", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="home_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="home_id.partner_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("Room", required=True)
    kind = fields.Selection(
        [
            ("living", "Living / Dining"),
            ("bedroom", "Bedroom"),
            ("kitchen", "Kitchen"),
            ("bathroom", "Bathroom"),
            ("balcony", "Balcony"),
            ("other", "Other"),
        ],
        required=True,
        default="living",
    )
    length_m = fields.Float("Length (m)", digits=(6, 3), required=True)
    width_m = fields.Float("Width (m)", digits=(6, 3), required=True)
    height_m = fields.Float(
        "Tiled Height (m)", digits=(6, 3), help="Up to where the walls are tiled; 0 = floor only."
    )
    openings_m2 = fields.Float(
        "Doors and Windows (m²)", digits=(6, 2), help="Wall area not tiled (doors, windows)."
    )
    floor_area = fields.Float("Floor (m²)", compute="_compute_areas", store=True)
    wall_area = fields.Float("Walls (m²)", compute="_compute_areas", store=True)
    floor_pattern = fields.Selection(PATTERNS, default="straight", required=True)
    wall_pattern = fields.Selection(PATTERNS, default="straight", required=True)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_finite(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_finite(vals)
        return super().write(vals)

    def _check_finite(self, vals):
        """NaN and infinities never reach the database (Odoo's rounding of the digits
        would fail on them with a bare ValueError): refused like any bad measurement."""
        for field, measure in MEASURES.items():
            value = vals.get(field)
            if isinstance(value, float) and not math.isfinite(value):
                room = self.new({"name": vals.get("name") or self[:1].name or ""})
                raise ValidationError(room._measure_refusal(MeasureError("not_number", measure)))

    @api.depends("length_m", "width_m", "height_m", "openings_m2")
    def _compute_areas(self):
        for room in self:
            try:
                room.floor_area = float(floor_area(room.length_m, room.width_m))
                room.wall_area = float(
                    wall_area(room.length_m, room.width_m, room.height_m, room.openings_m2)
                )
            except MeasureError:
                room.floor_area = room.wall_area = 0.0

    @api.constrains("length_m", "width_m", "height_m", "openings_m2")
    def _check_measures(self):
        for room in self:
            try:
                floor_area(room.length_m, room.width_m)
                wall_area(room.length_m, room.width_m, room.height_m, room.openings_m2)
            except MeasureError as exc:
                raise ValidationError(room._measure_refusal(exc)) from exc

    def _measure_refusal(self, exc):
        label = {
            "length": self.env._("Length"),
            "width": self.env._("Width"),
            "height": self.env._("Tiled height"),
            "openings": self.env._("Doors and windows"),
        }.get(exc.field, exc.field)
        if exc.code == "openings":
            return self.env._(
                "%(room)s: the doors and windows are larger than the walls.",
                room=self.name or "",
            )
        if exc.code == "too_large":
            return self.env._(
                "%(room)s: %(what)s is too large (metres: a side up to 100 m, a height "
                "up to 10 m).",
                room=self.name or "",
                what=label,
            )
        return self.env._(
            "%(room)s: %(what)s must be a number of metres above 0.",
            room=self.name or "",
            what=label,
        )
