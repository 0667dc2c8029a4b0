from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.misc import format_datetime, formatLang, get_lang

from odoo.addons.jiancai_base.engine.numbers import is_finite

from ..engine.geo import site_km
from ..engine.lateness import StopWindow, late_stops
from ..engine.navigation import amap_url, baidu_url, tel_href
from ..engine.receipt import MAX_ATTEMPTS, verify_code

# one delivery: a full truck of tiles is some hundreds of m² on a few dozen pallets
MAX_AREA_M2 = 100_000
MAX_PALLETS = 1_000

# written by the stop's own steps (plan, depart, arrive, code, delivered, failed,
# back to planning) as superuser after their checks; never by a user over RPC
STOP_FIELDS = {
    "jiancai_stop_state",
    "jiancai_trip_id",
    "jiancai_arrived_at",
    "jiancai_delivered_at",
    "jiancai_fail_reason",
    "jiancai_receipt_code",
    "jiancai_receipt_attempts",
    "jiancai_receipt_by",
    "jiancai_freight_amount",
}

STOP_STATES = [
    ("planned", "Planned"),
    ("arrived", "Arrived"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
]


class StockPicking(models.Model):
    """A delivery booked for a site, and a stop of a trip."""

    _name = "stock.picking"
    _inherit = [
        "stock.picking",
        "jiancai.trackable.mixin",
        "jiancai.photo.mixin",
    ]

    _jiancai_tracking_template = "jiancai_dispatch.stop_tracking_page"
    _jiancai_tracking_rating = True

    # ------------------------------------------------------------------ booking
    jiancai_requested_date = fields.Date("Requested Date", tracking=True, copy=False)
    jiancai_window_start = fields.Float("From", help="Start of the time window (hours).")
    jiancai_window_end = fields.Float("To", help="End of the time window (hours).")
    jiancai_window_end_at = fields.Datetime(
        "Window Ends", compute="_compute_jiancai_window_end_at", store=True
    )
    jiancai_floor = fields.Integer("Floor", default=1)
    jiancai_has_lift = fields.Boolean("Lift Usable", default=True)
    jiancai_unloading = fields.Selection(
        [
            ("kerb", "At the kerb"),
            ("carry", "Carry in / upstairs"),
            ("forklift", "Forklift on site"),
            ("crane", "Crane needed"),
        ],
        "Unloading",
        default="kerb",
    )
    jiancai_unloading_note = fields.Text("Unloading Notes")
    jiancai_slot_id = fields.Many2one(
        "jiancai.delivery.slot",
        "Delivery Slot",
        copy=False,
        tracking=True,
        index="btree_not_null",
        domain="[('company_id', '=', company_id)]",
        help="The offered slot booked by staff or by the customer from the tracking link; "
        "it sets the requested date and time window.",
    )
    jiancai_booked_by = fields.Selection(
        [("staff", "Staff"), ("customer", "Customer (link)")],
        "Booked By",
        copy=False,
        readonly=True,
    )
    jiancai_site_km = fields.Float(
        "Km from Warehouse",
        compute="_compute_jiancai_site_km",
        digits=(10, 1),
        help="Straight-line distance from the warehouse to the geocoded site, times the road "
        "factor (system parameter jiancai_dispatch.road_factor, 1.3 by default); empty while "
        "either end is not geocoded.",
    )
    jiancai_site_contact = fields.Char("Site Contact")
    jiancai_site_phone = fields.Char("Site Phone")
    jiancai_pallet_count = fields.Integer("Pallets")
    jiancai_area_m2 = fields.Float("Area (m²)", help="Tiles, stone: square metres carried.")
    # ------------------------------------------------------------------ stop
    jiancai_stop_state = fields.Selection(
        STOP_STATES, "Stop Status", copy=False, tracking=True, index="btree_not_null"
    )
    jiancai_trip_id = fields.Many2one(
        "stock.picking.batch",
        "Trip",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The trip this delivery is a stop of; kept when the delivery is validated.",
    )
    jiancai_arrived_at = fields.Datetime("Arrived On", copy=False, readonly=True)
    jiancai_delivered_at = fields.Datetime("Delivered On", copy=False, readonly=True)
    jiancai_fail_reason = fields.Text("Failure Reason", copy=False, readonly=True)
    jiancai_receipt_code = fields.Char(
        "Receipt Code", copy=False, readonly=True, groups="jiancai_base.group_dispatcher"
    )
    jiancai_receipt_attempts = fields.Integer("Wrong Codes", copy=False, readonly=True)
    jiancai_receipt_by = fields.Selection(
        [("code", "Code read to the driver"), ("customer", "Customer on the tracking page")],
        "Receipt Confirmed By",
        copy=False,
        readonly=True,
    )
    jiancai_freight_amount = fields.Monetary(
        "Freight Share", currency_field="jiancai_currency_id", copy=False, readonly=True
    )
    jiancai_currency_id = fields.Many2one(related="company_id.currency_id")
    jiancai_is_late = fields.Boolean("Late", compute="_compute_jiancai_is_late")
    jiancai_release_warning = fields.Text(
        "Refused at Departure",
        compute="_compute_jiancai_release_warning",
        help="What would refuse the goods if the trip departed now (checks of the Goods "
        "released checkpoint, e.g. the credit limit). Planning goes on; the departure "
        "would be refused until it is solved.",
    )

    _jiancai_window_check = models.Constraint(
        "CHECK(jiancai_window_start >= 0 AND jiancai_window_end <= 24 "
        "AND (jiancai_window_end = 0 OR jiancai_window_end >= jiancai_window_start))",
        "The time window must lie within the day and end after it starts.",
    )

    @api.depends("jiancai_requested_date", "jiancai_window_end", "jiancai_window_start")
    def _compute_jiancai_window_end_at(self):
        for picking in self:
            if not picking.jiancai_requested_date:
                picking.jiancai_window_end_at = False
                continue
            hours = picking.jiancai_window_end or 24.0
            local = datetime.combine(picking.jiancai_requested_date, time()) + timedelta(
                hours=hours
            )
            tz = pytz.timezone(picking._jiancai_tz())
            picking.jiancai_window_end_at = (
                tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
            )

    def _jiancai_tz(self):
        return self.env.user.tz or self.company_id.partner_id.tz or "Asia/Shanghai"

    def _compute_jiancai_is_late(self):
        late = set(
            late_stops(
                [
                    StopWindow(
                        p.id,
                        p.jiancai_window_end_at or None,
                        finished=p.jiancai_stop_state in ("delivered", "failed")
                        or p.state in ("done", "cancel"),
                    )
                    for p in self
                    if p.jiancai_trip_id
                ],
                fields.Datetime.now(),
            )
        )
        for picking in self:
            picking.jiancai_is_late = picking.id in late

    @api.depends("state", "jiancai_released_at", "picking_type_code")
    def _compute_jiancai_release_warning(self):
        pending = self._jiancai_release_pending()
        previews = pending._jiancai_gate_preview("stock.picking.release") if pending else {}
        for picking in self:
            issues = previews.get(picking)
            picking.jiancai_release_warning = (
                "\n".join(dict.fromkeys(f"{i.rule}: {i.message}" for i in issues))
                if issues
                else False
            )

    def _jiancai_release_pending(self):
        """Deliveries still in planning: the goods have not passed the release checkpoint."""
        return self._jiancai_gated().filtered(
            lambda p: p.id
            and not p.jiancai_released_at
            and p.state not in ("done", "cancel")
            and p.jiancai_trip_id.jiancai_trip_state in (False, "draft", "planned")
        )

    def _jiancai_weight_kg(self):
        """Weight carried: the shipping weight when known, else the goods of the moves.

        Odoo's shipping weight counts what is reserved (and packages); before the goods
        are reserved it is 0. The moves' demand, in each product's own unit, gives the
        weight then, without stock_delivery (whose ``weight`` field is not installed).
        """
        self.ensure_one()
        if self.shipping_weight:
            return self.shipping_weight
        return sum(
            move.product_id.weight * move.product_qty
            for move in self.move_ids
            if move.state != "cancel"
        )

    def _jiancai_origin_partner(self):
        return self.picking_type_id.warehouse_id.partner_id or self.company_id.partner_id

    @api.model
    def _jiancai_point(self, partner):
        return (partner.partner_latitude, partner.partner_longitude) if partner else None

    @api.model
    def _jiancai_road_factor(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("jiancai_dispatch.road_factor", "1.3")
        )
        try:
            return max(float(value), 1.0)
        except ValueError:
            return 1.0

    @api.depends(
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "picking_type_id.warehouse_id.partner_id.partner_latitude",
        "picking_type_id.warehouse_id.partner_id.partner_longitude",
    )
    def _compute_jiancai_site_km(self):
        factor = self._jiancai_road_factor()
        for picking in self:
            km = site_km(
                self._jiancai_point(picking._jiancai_origin_partner()),
                self._jiancai_point(picking.partner_id),
                factor,
            )
            picking.jiancai_site_km = km or 0.0

    def _jiancai_geocode_sites(self):
        """Geocode the sites (and their warehouses) not geocoded yet, with Odoo's provider.

        The provider is the one of the General Settings (base_geolocalize). A failing
        geocoder never blocks the dispatcher: the trip keeps its entered distance.
        """
        partners = (self.partner_id | self.mapped(lambda p: p._jiancai_origin_partner())).filtered(
            lambda p: not (p.partner_latitude or p.partner_longitude)
        )
        if not partners:
            return True
        try:
            with self.env.cr.savepoint():
                partners.sudo().geo_localize()
        except UserError as exc:
            for picking in self:
                picking.sudo().message_post(
                    body=self.env._("The site could not be geocoded: %(err)s", err=exc.args[0])
                )
            return False
        return True

    def action_jiancai_geocode(self):
        self.check_access("write")
        self._jiancai_geocode_sites()
        return True

    # ------------------------------------------------------------------ slots
    def _jiancai_can_book(self):
        """Whether the delivery may still take (or change) a slot."""
        self.ensure_one()
        return (
            self.picking_type_code == "outgoing"
            and self.state not in ("done", "cancel")
            and not self.jiancai_stop_state
            and not (self.jiancai_trip_id and self.jiancai_trip_id.jiancai_trip_state != "draft")
        )

    def _jiancai_book_slot(self, slot, by="staff"):
        """Book ``slot`` for this delivery: date and window follow; full or past slots refused."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(
                self.env._("%(name)s is already delivered or cancelled.", name=self.name)
            )
        if not self._jiancai_can_book():
            raise UserError(
                self.env._(
                    "%(name)s is already planned on trip %(trip)s; call us to change the date.",
                    name=self.name,
                    trip=self.jiancai_trip_id.name or self.batch_id.name or "",
                )
            )
        slot = slot.sudo()
        if not slot.exists() or slot.company_id != self.company_id:
            raise UserError(self.env._("This slot is not offered for this delivery."))
        if slot == self.jiancai_slot_id:
            return True
        slot._lock_and_check()
        self.sudo().write(
            {
                "jiancai_slot_id": slot.id,
                "jiancai_booked_by": by,
                "jiancai_requested_date": slot.date,
                "jiancai_window_start": slot.hour_from,
                "jiancai_window_end": slot.hour_to,
            }
        )
        if by == "customer":
            self.sudo().message_post(
                body=self.env._("The customer booked the slot %(slot)s.", slot=slot.name)
            )
        return True

    @api.onchange("jiancai_slot_id")
    def _onchange_jiancai_slot_id(self):
        if self.jiancai_slot_id:
            self.jiancai_requested_date = self.jiancai_slot_id.date
            self.jiancai_window_start = self.jiancai_slot_id.hour_from
            self.jiancai_window_end = self.jiancai_slot_id.hour_to

    @api.constrains("jiancai_slot_id")
    def _check_jiancai_slot_id(self):
        for slot in self.jiancai_slot_id:
            slot.invalidate_recordset(["booked_count"])
            if slot.booked_count > slot.capacity:
                raise ValidationError(
                    self.env._(
                        "The slot %(slot)s is full (%(n)s deliveries); choose another one.",
                        slot=slot.name,
                        n=slot.capacity,
                    )
                )

    @api.constrains(
        "jiancai_floor",
        "jiancai_pallet_count",
        "jiancai_area_m2",
        "jiancai_window_start",
        "jiancai_window_end",
    )
    def _check_jiancai_booking(self):
        for picking in self:
            if picking.jiancai_floor < -5 or picking.jiancai_floor > 200:
                raise ValidationError(self.env._("The floor must be between -5 and 200."))
            if picking.jiancai_pallet_count < 0 or picking.jiancai_area_m2 < 0:
                raise ValidationError(self.env._("Pallets and area cannot be negative."))
            # NaN passes "< 0" (and the SQL checks): test for real, sensible numbers
            area, pallets = picking.jiancai_area_m2, picking.jiancai_pallet_count
            if not is_finite(area) or area > MAX_AREA_M2 or pallets > MAX_PALLETS:
                raise ValidationError(
                    self.env._(
                        "One delivery carries at most %(pallets)s pallets and %(area)s m².",
                        pallets=MAX_PALLETS,
                        area=f"{MAX_AREA_M2:,}",
                    )
                )
            window = (picking.jiancai_window_start, picking.jiancai_window_end)
            if not all(is_finite(hour) and 0 <= hour <= 24 for hour in window):
                raise ValidationError(
                    self.env._("The time window is given in hours, from 0 to 24.")
                )

    def _jiancai_protected_fields(self):
        return super()._jiancai_protected_fields() | STOP_FIELDS

    def write(self, vals):
        if vals.get("jiancai_slot_id") and "jiancai_booked_by" not in vals:
            vals = dict(vals, jiancai_booked_by="staff")
        return super().write(vals)

    # ------------------------------------------------------------------ display
    def _jiancai_window_label(self):
        self.ensure_one()
        if not self.jiancai_requested_date:
            return ""

        def hhmm(value):
            return "%02d:%02d" % (int(value), round((value % 1) * 60))

        label = fields.Date.to_string(self.jiancai_requested_date)
        if self.jiancai_window_end:
            label += f" {hhmm(self.jiancai_window_start)}-{hhmm(self.jiancai_window_end)}"
        return label

    def _jiancai_customer_tz(self):
        """The customer's time zone, else the company's, else Shanghai (public pages, SMS)."""
        self.ensure_one()
        return self.partner_id.tz or self.company_id.partner_id.tz or "Asia/Shanghai"

    def _jiancai_local_time(self, value):
        """A UTC datetime as the customer reads it (their time zone, the page's language)."""
        return format_datetime(self.env, value, tz=self._jiancai_customer_tz(), dt_format="short")

    def _jiancai_when_label(self):
        """When the goods come, as far as it is known: the booked window, else the trip's day.

        Empty when neither is known; the customer is then told that we will call.
        """
        self.ensure_one()
        label = self._jiancai_window_label()
        trip = self.jiancai_trip_id or self.batch_id
        if label or not trip.scheduled_date:
            return label
        tz = pytz.timezone(self._jiancai_customer_tz())
        day = pytz.utc.localize(trip.scheduled_date).astimezone(tz).date()
        return fields.Date.to_string(day)

    def _jiancai_timeline(self):
        """The steps of the delivery as (label, when, done); the status is the last one done."""
        self.ensure_one()
        trip = self.jiancai_trip_id
        steps = [(self.env._("Booked"), self.create_date, True)]
        if trip.jiancai_trip_state in ("planned", "departed", "done"):
            steps.append((self.env._("Trip planned"), trip.jiancai_planned_at, True))
        steps.append(
            (self.env._("On its way"), trip.jiancai_departed_at, bool(trip.jiancai_departed_at))
        )
        steps.append(
            (self.env._("Arrived"), self.jiancai_arrived_at, bool(self.jiancai_arrived_at))
        )
        if self.jiancai_stop_state == "failed":
            steps.append((self.env._("Not delivered"), self.write_date, True))
        else:
            delivered = self.jiancai_delivered_at or (
                self.date_done if self.state == "done" else False
            )
            steps.append((self.env._("Delivered"), delivered, bool(delivered)))
        return steps

    def _jiancai_sheet_goods(self):
        """The goods lines of the dispatch sheet and the driver's stop: product, quantity
        with its unit, boxes and pieces (tiles), lots.

        ``boxes`` is the quantity in whole boxes and loose pieces for a product sold in
        boxes ('30 boxes (90 pcs)'), '' otherwise. Lots are those reserved (or picked) on
        the move lines, by their display name (which a colour-lot module may enrich with
        the shade), each with its boxes when boxed; none before reservation.
        """
        self.ensure_one()
        lines = []
        for move in self.move_ids.filtered(lambda m: m.state != "cancel"):
            template = move.product_id.product_tmpl_id
            lots = []
            for lot in move.move_line_ids.lot_id:
                lot_lines = move.move_line_ids.filtered(lambda ml, lot=lot: ml.lot_id == lot)
                boxes = template._jiancai_box_label(
                    sum(lot_lines.mapped("quantity")), move.product_uom, with_area=False
                )
                lots.append(f"{lot.display_name}: {boxes}" if boxes else lot.display_name)
            lines.append(
                {
                    "product": move.product_id.display_name,
                    "quantity": f"{self._jiancai_short_number(move.product_uom_qty)} "
                    f"{move.product_uom.name}",
                    "boxes": template._jiancai_box_label(
                        move.product_uom_qty, move.product_uom, with_area=False
                    ),
                    "lots": ", ".join(lots),
                }
            )
        return lines

    def _jiancai_short_number(self, quantity):
        """``quantity`` in the user's language without trailing zeros: 20, 12.5, 57.6."""
        text = formatLang(self.env, quantity, dp="Product Unit")
        point = get_lang(self.env).decimal_point
        if point in text:  # 20.00 -> 20, 12.50 -> 12.5
            text = text.rstrip("0").rstrip(point)
        return text

    def _jiancai_tracking_values(self, link):
        values = super()._jiancai_tracking_values(link)
        trip = self.jiancai_trip_id
        steps = self._jiancai_timeline()
        driver = trip.jiancai_driver_user_id
        driver_phone = driver.partner_id.phone or ""
        values.update(
            title=self.env._("Delivery %(name)s", name=self.name),
            # one source of truth: the badge says the last step the timeline shows done
            status=[label for label, _when, done in steps if done][-1],
            rows=[
                (label, value)
                for label, value in (
                    (self.env._("Time window"), self._jiancai_window_label()),
                    (self.env._("Driver"), driver.name or ""),
                    (self.env._("Driver phone"), self._jiancai_tel_link(driver_phone)),
                    (self.env._("Vehicle"), trip.vehicle_id.license_plate or ""),
                )
                if value  # nothing to say before the trip is planned
            ],
            timeline=[
                (label, self._jiancai_local_time(when) if done and when else "", done)
                for label, when, done in steps
            ],
            position=(
                driver.jiancai_last_latitude,
                driver.jiancai_last_longitude,
                self._jiancai_local_time(driver.jiancai_last_position_at),
            )
            if driver.jiancai_last_position_at and trip.jiancai_trip_state == "departed"
            else None,
            can_confirm=self.jiancai_stop_state == "arrived" and not self.jiancai_receipt_by,
            can_book=self._jiancai_can_book(),
            slot=self.jiancai_slot_id.name or "",
            slots=self.env["jiancai.delivery.slot"]._offered(self.company_id) - self.jiancai_slot_id
            if self._jiancai_can_book()
            else self.env["jiancai.delivery.slot"],
        )
        return values

    @api.model
    def _jiancai_tel_href(self, phone):
        """``tel:`` URI of a phone as written, or "" (for templates)."""
        return tel_href(phone)

    @api.model
    def _jiancai_tel_link(self, phone):
        """A phone number people can tap (HTML), or the text as it is when it has no digit."""
        href = tel_href(phone)
        if not href:
            return phone or ""
        return Markup('<a href="%s" class="o_jiancai_dispatch_tel">%s</a>') % (href, phone)

    def _jiancai_site_address(self):
        """The site's address, one line per part, without the empty lines of the format."""
        self.ensure_one()
        lines = (self.partner_id.contact_address or "").splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())

    def _jiancai_navigation_urls(self):
        """(Amap, Baidu) links to the site: a marker when geocoded, else an address search."""
        self.ensure_one()
        partner = self.partner_id
        address = ", ".join(
            part for part in (partner.state_id.name, partner.city, partner.street, partner.street2)
            if part
        )  # fmt: skip
        args = (partner.partner_latitude, partner.partner_longitude, partner.name or "", address)
        return amap_url(*args), baidu_url(*args)

    def _jiancai_rating_urls(self, partner):
        # the customer rates once the goods are there, not before
        if self.jiancai_stop_state != "delivered":
            return []
        return super()._jiancai_rating_urls(partner)

    # ------------------------------------------------------------------ notice
    def _jiancai_notify_planned(self):
        """Tell the customer: time window, driver, receipt code and a tracking link."""
        self.ensure_one()
        partner = self.partner_id
        if not partner:
            return self.env["jiancai.notification"]
        sudo = self.sudo()
        link = sudo._jiancai_tracking_link(partner=partner)
        driver = self.jiancai_trip_id.jiancai_driver_user_id
        when = self._jiancai_when_label()
        params = {
            "name": partner.name,
            # never empty: an SMS template cannot leave a hole where the time should be
            "window": when or self.env._("a time we will agree with you by phone"),
            "driver": driver.name or "",
            "phone": driver.partner_id.phone or "",
            "code": sudo.jiancai_receipt_code or "",
            "url": link.url,
        }
        others = {k: v for k, v in params.items() if k not in ("name", "window")}
        if when:
            body = self.env._(
                "Your delivery %(ref)s is planned for %(window)s. Driver: %(driver)s %(phone)s. "
                "Give the driver the receipt code %(code)s when the goods are there. "
                "Follow it here: %(url)s",
                ref=self.name,
                window=when,
                **others,
            )
        else:
            body = self.env._(
                "Your delivery %(ref)s is planned; we will call you to agree on the time. "
                "Driver: %(driver)s %(phone)s. Give the driver the receipt code %(code)s when "
                "the goods are there. Follow it here: %(url)s",
                ref=self.name,
                **others,
            )
        return self.env["jiancai.notification"].notify(
            partner,
            self.env._("Delivery planned"),
            body,
            record=sudo,
            channels=("inbox", "sms"),
            sms_template="dispatch_planned",
            sms_params=params,
        )

    # ------------------------------------------------------------------ stop flow
    def _jiancai_lock(self):
        """Lock the stop row; a second phone doing the same at once gets a clear error.

        ``SKIP LOCKED`` answers at once, without an error in the log: no row means that
        another transaction holds the stop. A stop changed and committed by another phone
        since this transaction began raises a serialization failure, which Odoo retries:
        the retry then sees the new state.
        """
        self.ensure_one()
        self.check_access("write")
        self.env.cr.execute(
            SQL("SELECT id FROM stock_picking WHERE id = %s FOR UPDATE SKIP LOCKED", self.id)
        )
        if not self.env.cr.fetchone():
            raise UserError(self.env._("Someone else is updating this stop right now; try again."))
        self.invalidate_recordset()

    def _jiancai_begin(self, states):
        """Check the stop may do this, lock it, and check again under the lock."""
        self._jiancai_check_stop(states)
        self._jiancai_lock()
        self._jiancai_check_stop(states)

    def _jiancai_check_stop(self, states):
        self.ensure_one()
        if self.jiancai_stop_state not in states:
            labels = dict(self._fields["jiancai_stop_state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(name)s is already %(state)s.",
                    name=self.name,
                    state=labels.get(self.jiancai_stop_state, ""),
                )
            )
        if self.jiancai_trip_id.jiancai_trip_state != "departed":
            raise UserError(self.env._("The trip of %(name)s has not departed.", name=self.name))

    def action_jiancai_arrive(self):
        for picking in self:
            picking._jiancai_begin(("planned",))
            picking.sudo().write(
                {"jiancai_stop_state": "arrived", "jiancai_arrived_at": fields.Datetime.now()}
            )
        return True

    def _jiancai_confirm_receipt_code(self, entered):
        """Check the code the customer read out; wrong codes are counted and limited."""
        self.ensure_one()
        self._jiancai_begin(("arrived",))
        picking = self.sudo()
        check = verify_code(
            picking.jiancai_receipt_code, entered, picking.jiancai_receipt_attempts, MAX_ATTEMPTS
        )
        if check.ok:
            picking.jiancai_receipt_by = "code"
            return check
        picking.jiancai_receipt_attempts = check.attempts
        return check

    def _jiancai_confirm_by_customer(self):
        """The customer pressed "received" on the tracking page (called after the token)."""
        self.ensure_one()
        self._jiancai_lock()
        if self.jiancai_stop_state != "arrived" or self.jiancai_receipt_by:
            return False
        self.sudo().jiancai_receipt_by = "customer"
        self.sudo().message_post(body=self.env._("The customer confirmed the receipt."))
        return True

    def action_jiancai_deliver(self):
        """Delivered: validate the Odoo delivery with its reserved quantities."""
        for picking in self:
            picking._jiancai_begin(("arrived",))
            if not picking.jiancai_receipt_by:
                raise UserError(
                    self.env._(
                        "Confirm the receipt first: the customer's code or the customer's "
                        "confirmation on the tracking page."
                    )
                )
            if not picking.jiancai_photo_ids:
                raise UserError(self.env._("Take at least one photo of the delivered goods."))
            # the customer has the goods: the checks of the delivered checkpoint decide
            # (validation below neither passes it again nor the release, passed at departure)
            picking._jiancai_gate_check("stock.picking.delivered")
            sudo = picking.sudo()
            if sudo.state not in ("done", "cancel"):
                if sudo.state != "assigned":
                    raise UserError(
                        self.env._(
                            "%(name)s is not ready: its goods are not reserved. Ask the warehouse.",
                            name=picking.name,
                        )
                    )
                sudo.move_ids.filtered(lambda m: m.state not in ("done", "cancel")).picked = True
                # stock_picking_batch detaches a transfer validated before its
                # batch-mates: the stop keeps its trip in jiancai_trip_id
                result = sudo.with_context(skip_backorder=True, skip_sms=True).button_validate()
                if result is not True or sudo.state != "done":
                    raise UserError(
                        self.env._(
                            "%(name)s could not be validated; ask the warehouse.", name=picking.name
                        )
                    )
            sudo.write(
                {"jiancai_stop_state": "delivered", "jiancai_delivered_at": fields.Datetime.now()}
            )
            by = dict(sudo._fields["jiancai_receipt_by"]._description_selection(self.env))
            sudo.message_post(
                body=self.env._(
                    "Delivered by %(driver)s; receipt: %(by)s; %(photos)s photo(s).",
                    driver=self.env.user.name,
                    by=by[sudo.jiancai_receipt_by],
                    photos=len(sudo.jiancai_photo_ids),
                )
            )
            picking._jiancai_gate_notify("stock.picking.delivered")
            picking.jiancai_trip_id._jiancai_finish_if_done()
        return True

    def action_jiancai_fail(self, reason):
        """The stop could not be delivered: back to planning, out of the trip."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the delivery failed."))
        for picking in self:
            picking._jiancai_begin(("planned", "arrived"))
            trip = picking.jiancai_trip_id
            picking.sudo().message_post(
                body=self.env._(
                    "Delivery failed on trip %(trip)s: %(reason)s", trip=trip.name, reason=reason
                )
            )
            picking.sudo().write(
                {
                    "jiancai_stop_state": "failed",
                    "jiancai_fail_reason": reason,
                }
            )
            trip.sudo().message_post(
                body=self.env._("%(name)s failed: %(reason)s", name=picking.name, reason=reason)
            )
            trip._jiancai_finish_if_done()
        return True

    def action_jiancai_replan(self):
        """A failed stop leaves its trip and waits for a new one."""
        self.check_access("write")
        failed = self.filtered(lambda p: p.jiancai_stop_state == "failed")
        failed.write({"batch_id": False})
        failed._jiancai_leave_trip()
        return True

    def _jiancai_leave_trip(self):
        """The delivery is no stop any more: it waits for a trip, or is on none."""
        self.sudo().write(
            {
                "jiancai_trip_id": False,
                "jiancai_stop_state": False,
                "jiancai_arrived_at": False,
                "jiancai_receipt_by": False,
                "jiancai_receipt_attempts": 0,
                "jiancai_freight_amount": 0.0,
            }
        )

    # ------------------------------------------------------------------ gates
    def _jiancai_delivered_on_validation(self):
        # a stop of a trip is delivered at the driver's Delivered (action_jiancai_deliver),
        # not by the validation alone
        return super()._jiancai_delivered_on_validation().filtered(lambda p: not p.jiancai_trip_id)

    def _action_done(self):
        """Validated in the warehouse before its trip left: the delivery leaves the trip.

        Its goods go now (the validation releases them) and the customer has them (the
        validation delivers them): the driver has nothing to take. A stop the driver
        reported failed leaves its trip the same way. Odoo's stock_picking_batch takes
        it out of the batch after validation, as for any transfer validated before its
        batch-mates.
        """
        leaving = self.filtered(
            lambda p: p.jiancai_trip_id
            and (
                p.jiancai_stop_state == "failed"
                or p.jiancai_trip_id.jiancai_trip_state in ("draft", "planned")
            )
        )
        for picking in leaving:
            picking.jiancai_trip_id.sudo().message_post(
                body=self.env._(
                    "%(name)s was validated in the warehouse: it left the trip.",
                    name=picking.name,
                )
            )
        trips = leaving.jiancai_trip_id.filtered(lambda t: t.jiancai_trip_state == "planned")
        leaving._jiancai_leave_trip()
        trips.sudo().action_jiancai_compute_freight()
        return super()._action_done()

    # ------------------------------------------------------------------ rating
    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        rating = super().rating_apply(rate, token=token, rating=rating, feedback=feedback, **kwargs)
        if rating and rating.rating <= 2:
            for picking in self:
                dispatcher = picking.jiancai_trip_id.user_id or picking.jiancai_trip_id.create_uid
                picking.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Low delivery rating"),
                    note=self.env._(
                        "The customer rated %(name)s %(rate)s/5: %(feedback)s",
                        name=picking.name,
                        rate=int(rating.rating),
                        feedback=feedback or "",
                    ),
                    user_id=dispatcher.id or self.env.ref("base.user_admin").id,
                )
        return rating
