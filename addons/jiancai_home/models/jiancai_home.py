import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.jiancai_referral.engine.keys import Property, PropertyError, property_key

MAX_AREA = 10_000.0


class JiancaiHome(models.Model):
    """The customer's home (房屋档案): where it is, its rooms as measured, and what was
    bought for it. One home per flat and company (the referral engine's property key)."""

    _name = "jiancai.home"
    _description = "Customer's Home"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "jiancai.photo.mixin",
    ]
    _order = "id desc"
    _rec_names_search = ["name", "partner_id", "community"]

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", "Homeowner", required=True, index=True, tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    store_id = fields.Many2one(
        "crm.team",
        domain=[("jiancai_is_store", "=", True)],
        default=lambda self: self.env["crm.team"]._jiancai_store_of_user(),
        tracking=True,
    )
    community = fields.Char(required=True, tracking=True, help="小区")
    building = fields.Char(tracking=True, help="栋 / 号楼")
    unit = fields.Char(tracking=True, help="单元")
    room = fields.Char("Flat", required=True, tracking=True, help="室: the flat's number")
    district = fields.Char(help="区")
    property_key = fields.Char(
        compute="_compute_property_key",
        store=True,
        index=True,
        help="The flat as the referral engine keys it (community|building|unit|flat).",
    )
    layout = fields.Char(help="户型, e.g. 3室2厅2卫")
    area = fields.Float("Floor Area (m²)", help="建筑面积 as on the deed.", tracking=True)
    measured_at = fields.Date("Measured On", tracking=True)
    measurer_id = fields.Many2one("res.users", "Measured By", tracking=True)
    floor_plan = fields.Binary(attachment=True)
    floor_plan_name = fields.Char()
    note = fields.Text()
    room_ids = fields.One2many("jiancai.home.room", "home_id", "Rooms", copy=True)
    room_count = fields.Integer(compute="_compute_totals", store=True)
    floor_total = fields.Float("Floors (m²)", compute="_compute_totals", store=True)
    wall_total = fields.Float("Walls (m²)", compute="_compute_totals", store=True)
    order_ids = fields.One2many("sale.order", "jiancai_home_id", "Orders")
    order_count = fields.Integer(compute="_compute_order_count")

    _property_unique = models.UniqueIndex(
        "(company_id, property_key) WHERE property_key IS NOT NULL",
        "This flat already has a home file: open it instead of creating a second one.",
    )

    @api.depends("community", "building", "unit", "room")
    def _compute_name(self):
        for home in self:
            parts = [home.community, home.building, home.unit, home.room]
            home.name = " ".join(p.strip() for p in parts if p and p.strip())

    @api.depends("community", "building", "unit", "room")
    def _compute_property_key(self):
        for home in self:
            try:
                home.property_key = property_key(
                    Property(
                        community=home.community or "",
                        building=home.building or "",
                        unit=home.unit or "",
                        room=home.room or "",
                    )
                )
            except PropertyError:
                home.property_key = False

    @api.depends("room_ids.floor_area", "room_ids.wall_area")
    def _compute_totals(self):
        for home in self:
            home.room_count = len(home.room_ids)
            home.floor_total = sum(home.room_ids.mapped("floor_area"))
            home.wall_total = sum(home.room_ids.mapped("wall_area"))

    def _compute_order_count(self):
        counts = {
            home.id: count
            for home, count in self.env["sale.order"]._read_group(
                [("jiancai_home_id", "in", self.ids)], ["jiancai_home_id"], ["__count"]
            )
        }
        for home in self:
            home.order_count = counts.get(home.id, 0)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for home in self:
            home.access_url = f"/my/home/{home.id}"
        return result

    @api.constrains("community", "room")
    def _check_property(self):
        for home in self:
            if not home.property_key:
                raise ValidationError(
                    self.env._(
                        "Give the community and the flat's number (e.g. Lakeside Garden, 501): "
                        "without them the home cannot be told from its neighbours."
                    )
                )

    @api.constrains("area")
    def _check_area(self):
        for home in self:
            if not math.isfinite(home.area) or not 0 <= home.area <= MAX_AREA:
                raise ValidationError(
                    self.env._("The floor area is in m², from 0 to %(max)s.", max=int(MAX_AREA))
                )

    def action_open_orders(self):
        self.ensure_one()
        # the translated name first: the term extractor reads tuples after a _() call
        name = self.env._("Orders")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("jiancai_home_id", "=", self.id)],
            "context": {
                "default_jiancai_home_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }

    def action_quote(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Quote the Tiles"),
            "res_model": "jiancai.home.quote",
            "view_mode": "form",
            "target": "new",
            "context": {"default_home_id": self.id},
        }

    def _jiancai_measure_url(self):
        self.ensure_one()
        return f"/jc/home/{self.id}"

    def action_measure_on_phone(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self._jiancai_measure_url(), "target": "self"}
