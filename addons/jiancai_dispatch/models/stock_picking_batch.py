import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, consteq

from ..engine.capacity import Capacity, Load, check_capacity
from ..engine.freight import FreightStop, split_amount, stop_split_weights, trip_freight
from ..engine.geo import farthest_km
from ..engine.receipt import new_code

# written by the trip's own steps (plan, depart, stops, freight) as superuser
TRIP_FIELDS = {
    "jiancai_trip_state",
    "jiancai_planned_at",
    "jiancai_departed_at",
    "jiancai_done_at",
    "jiancai_departure_token",
    "jiancai_freight_amount",
}

TRIP_STATES = [
    ("draft", "Draft"),
    ("planned", "Planned"),
    ("departed", "Departed"),
    ("done", "Done"),
]


class StockPickingBatch(models.Model):
    """A trip (派车单): stock_fleet's batch with a driver, stops, departure and freight."""

    _name = "stock.picking.batch"
    _inherit = [
        "stock.picking.batch",
        "jiancai.qr.mixin",
        "jiancai.photo.mixin",
        "jiancai.gate.mixin",
    ]

    jiancai_trip_state = fields.Selection(
        TRIP_STATES,
        "Trip Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Changed by the buttons (plan) and the driver's phone (depart, stops), never by hand.",
    )
    jiancai_driver_user_id = fields.Many2one(
        "res.users",
        "Driver User",
        domain=lambda self: [
            ("all_group_ids", "in", self.env.ref("jiancai_base.group_driver").ids)
        ],
        index="btree_not_null",
        tracking=True,
        help="The driver who takes the trip on the phone.",
    )
    jiancai_planned_at = fields.Datetime("Planned On", readonly=True, copy=False)
    jiancai_departed_at = fields.Datetime("Departed On", readonly=True, copy=False)
    jiancai_done_at = fields.Datetime("Finished On", readonly=True, copy=False)
    jiancai_departure_token = fields.Char(
        copy=False, readonly=True, groups="jiancai_base.group_dispatcher,jiancai_base.group_driver"
    )
    jiancai_pallet_count = fields.Integer("Pallets", compute="_compute_jiancai_load")
    jiancai_pallet_capacity = fields.Integer(
        related="vehicle_category_id.jiancai_pallet_capacity", string="Max Pallets"
    )
    jiancai_capacity_warning = fields.Char("Capacity Warning", compute="_compute_jiancai_load")
    jiancai_distance_km = fields.Float(
        "Distance (km)", help="From the warehouse to the farthest stop, by road."
    )
    jiancai_geo_distance_km = fields.Float(
        "Geocoded Distance (km)",
        compute="_compute_jiancai_geo_distance_km",
        digits=(10, 1),
        help="From the warehouse to the farthest geocoded stop (straight line times the road "
        "factor); used for the freight when no distance is entered.",
    )
    jiancai_freight_amount = fields.Monetary(
        "Freight", currency_field="jiancai_currency_id", readonly=True, copy=False
    )
    jiancai_currency_id = fields.Many2one(related="company_id.currency_id")
    jiancai_stop_ids = fields.One2many("stock.picking", "jiancai_trip_id", "Stops", readonly=True)
    jiancai_stop_count = fields.Integer("Number of Stops", compute="_compute_jiancai_stop_count")
    jiancai_late_count = fields.Integer("Late Stops", compute="_compute_jiancai_stop_count")
    jiancai_release_warning = fields.Text(
        "Refused at Departure",
        compute="_compute_jiancai_release_warning",
        help="Deliveries of the trip that the checks of the Goods released checkpoint would "
        "refuse if it departed now; the driver could not depart until they are solved.",
    )

    @api.depends(
        "picking_ids.jiancai_pallet_count",
        "picking_ids.shipping_weight",
        "estimated_shipping_weight",
        "estimated_shipping_volume",
        "vehicle_category_id",
    )
    def _compute_jiancai_load(self):
        names = {
            "weight": self.env._("weight"),
            "volume": self.env._("volume"),
            "pallets": self.env._("pallets"),
        }
        for trip in self:
            trip.jiancai_pallet_count = sum(trip.picking_ids.mapped("jiancai_pallet_count"))
            category = trip.vehicle_category_id
            over = check_capacity(
                [
                    Load(
                        trip.estimated_shipping_weight,
                        trip.estimated_shipping_volume,
                        trip.jiancai_pallet_count,
                    )
                ],
                Capacity(
                    category.weight_capacity,
                    category.volume_capacity,
                    category.jiancai_pallet_capacity,
                ),
            )
            trip.jiancai_capacity_warning = (
                self.env._(
                    "Over the vehicle's capacity: %(what)s.",
                    what=", ".join("%s %.0f%%" % (names[o.dimension], o.percent) for o in over),
                )
                if over
                else False
            )

    @api.depends(
        "picking_ids.partner_id.partner_latitude",
        "picking_ids.partner_id.partner_longitude",
        "jiancai_stop_ids",
    )
    def _compute_jiancai_geo_distance_km(self):
        Picking = self.env["stock.picking"]
        factor = Picking._jiancai_road_factor()
        for trip in self:
            stops = trip._jiancai_stops()
            km = farthest_km(
                Picking._jiancai_point(stops[:1]._jiancai_origin_partner()) if stops else None,
                [Picking._jiancai_point(p.partner_id) for p in stops],
                factor,
            )
            trip.jiancai_geo_distance_km = km or 0.0

    def _jiancai_freight_km(self):
        """The entered distance, else the geocoded one."""
        self.ensure_one()
        return self.jiancai_distance_km or self.jiancai_geo_distance_km

    @api.depends("picking_ids", "jiancai_stop_ids")
    def _compute_jiancai_stop_count(self):
        for trip in self:
            stops = trip._jiancai_stops()
            trip.jiancai_stop_count = len(stops)
            trip.jiancai_late_count = len(stops.filtered("jiancai_is_late"))

    @api.depends("picking_ids", "jiancai_stop_ids", "jiancai_trip_state")
    def _compute_jiancai_release_warning(self):
        for trip in self:
            flagged = (
                trip._jiancai_stops().filtered("jiancai_release_warning")
                if trip.jiancai_trip_state in ("draft", "planned")
                else trip.picking_ids.browse()
            )
            if not flagged:
                trip.jiancai_release_warning = False
                continue
            lines = [f"{p.name} ({p.partner_id.name or ''}): {p.jiancai_release_warning}"
                     for p in flagged]  # fmt: skip
            head = (
                self.env._("1 delivery would be refused at departure:")
                if len(flagged) == 1
                else self.env._(
                    "%(count)s deliveries would be refused at departure:", count=len(flagged)
                )
            )
            trip.jiancai_release_warning = "\n".join([head, *lines])

    def _jiancai_protected_fields(self):
        return super()._jiancai_protected_fields() | TRIP_FIELDS

    def _jiancai_qr_value(self):
        """The sheet's code: the driver scans it to depart (secret token in the URL)."""
        self.ensure_one()
        token = self.sudo().jiancai_departure_token
        if not token:
            return f"{self.get_base_url()}/odoo/jiancai-trips/{self.id}"
        return f"{self.get_base_url()}/jc/driver/depart/{self.id}/{token}"

    def _jiancai_stops(self):
        # once planned, the stops are the deliveries planned on it (validated ones
        # leave the batch, see stock_picking_batch's button_validate)
        stops = self.jiancai_stop_ids if self.jiancai_trip_state != "draft" else self.picking_ids
        return stops.sorted(lambda p: (p.batch_sequence, p.id))

    # ------------------------------------------------------------------ planning
    def action_jiancai_plan(self):
        """Plan the trip; deliveries a check would refuse at departure are only flagged."""
        self.check_access("write")
        for trip in self:
            if trip.jiancai_trip_state != "draft":
                raise UserError(self.env._("%(trip)s is already planned.", trip=trip.name))
            if not trip.vehicle_id or not trip.jiancai_driver_user_id:
                raise UserError(self.env._("Choose a vehicle and a driver before planning."))
            if not trip.picking_ids:
                raise UserError(self.env._("Add at least one delivery to the trip."))
            if trip.jiancai_capacity_warning:
                raise UserError(trip.jiancai_capacity_warning)
            stops = trip._jiancai_stops()
            stops._jiancai_geocode_sites()
            trip.sudo().write(
                {
                    "jiancai_trip_state": "planned",
                    "jiancai_planned_at": fields.Datetime.now(),
                    "jiancai_departure_token": secrets.token_urlsafe(16),
                    "driver_id": trip.jiancai_driver_user_id.partner_id.id,
                }
            )
            for stop in stops:
                stop.sudo().write(
                    {
                        "jiancai_trip_id": trip.id,
                        "jiancai_stop_state": "planned",
                        "jiancai_receipt_code": new_code(),
                        "jiancai_receipt_attempts": 0,
                        "jiancai_receipt_by": False,
                    }
                )
                stop._jiancai_notify_planned()
            trip.action_jiancai_compute_freight()
        return True

    def _jiancai_check_departure_token(self, token):
        self.ensure_one()
        expected = self.sudo().jiancai_departure_token
        return bool(expected and token and consteq(expected.encode(), str(token).encode()))

    def action_jiancai_depart(self, latitude=None, longitude=None):
        """Mark the trip departed (from the QR of its sheet); never twice."""
        self.ensure_one()
        self.check_access("write")
        self.env.cr.execute(
            SQL("SELECT id FROM stock_picking_batch WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset()
        if self.jiancai_trip_state != "planned":
            raise UserError(
                self.env._("%(trip)s cannot depart: it is not planned.", trip=self.name)
                if self.jiancai_trip_state == "draft"
                else self.env._("%(trip)s has already departed.", trip=self.name)
            )
        # the goods of every stop leave the warehouse now: the checks of the release
        # checkpoint refuse the departure as a whole (nothing is written before)
        self._jiancai_stops()._jiancai_release()
        self.sudo().write(
            {"jiancai_trip_state": "departed", "jiancai_departed_at": fields.Datetime.now()}
        )
        if latitude is not None:
            self.jiancai_driver_user_id._jiancai_set_position(latitude, longitude)
        self.sudo().message_post(body=self.env._("Departed, driver %(d)s.", d=self.env.user.name))
        return True

    def _jiancai_finish_if_done(self):
        for trip in self:
            stops = trip._jiancai_stops()
            if stops and all(p.jiancai_stop_state in ("delivered", "failed") for p in stops):
                trip.sudo().write(
                    {"jiancai_trip_state": "done", "jiancai_done_at": fields.Datetime.now()}
                )

    # ------------------------------------------------------------------ freight
    def _jiancai_freight_stops(self):
        return [
            FreightStop(
                key=p.id,
                # picking.weight is stock_delivery's (not a dependency): the moves' weight
                # until something is picked
                weight_kg=p.shipping_weight
                or sum(m.product_qty * m.product_id.weight for m in p.move_ids),
                area_m2=p.jiancai_area_m2,
                floor=max(p.jiancai_floor, 0),
                has_lift=p.jiancai_has_lift,
            )
            for p in self._jiancai_stops()
        ]

    def action_jiancai_compute_freight(self):
        """Price the trip with its vehicle type's rule and split it over the stops."""
        self.check_access("write")
        for trip in self:
            rule = trip.vehicle_category_id.jiancai_freight_rule_id
            if not rule:
                continue
            stops = trip._jiancai_freight_stops()
            cost = trip_freight(rule._engine_rule(), trip._jiancai_freight_km(), stops)
            trip.sudo().jiancai_freight_amount = cost.total
            parts = split_amount(cost.total, stop_split_weights(stops))
            for picking in trip._jiancai_stops():
                picking.sudo().jiancai_freight_amount = parts.get(picking.id, 0.0)
        return True

    def action_jiancai_charge_freight(self):
        """Add each order's freight share as a service line on its sale order."""
        product = self.env.ref("jiancai_dispatch.product_freight", raise_if_not_found=False)
        if not product:
            raise UserError(self.env._("The freight service product is missing."))
        for trip in self:
            for order, pickings in trip._jiancai_stops().grouped("sale_id").items():
                if not order:
                    continue
                amount = sum(pickings.mapped("jiancai_freight_amount"))
                if amount <= 0:
                    continue
                order.sudo().write(
                    {
                        "order_line": [
                            fields.Command.create(
                                {
                                    "product_id": product.id,
                                    "name": self.env._("Freight, trip %(trip)s", trip=trip.name),
                                    "product_uom_qty": 1,
                                    "price_unit": amount,
                                }
                            )
                        ]
                    }
                )
        return True

    def action_jiancai_geocode(self):
        """Geocode the stops' sites, then price the trip again."""
        self.check_access("write")
        for trip in self:
            trip._jiancai_stops()._jiancai_geocode_sites()
        self.invalidate_recordset(["jiancai_geo_distance_km"])
        return self.action_jiancai_compute_freight()

    def action_jiancai_print_sheet(self):
        return self.env.ref("jiancai_dispatch.action_report_dispatch_sheet").report_action(self)
