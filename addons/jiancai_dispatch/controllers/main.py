import logging
import math

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.jiancai_base.controllers.main import JiancaiBaseController, tracking_document
from odoo.addons.jiancai_base.engine.numbers import parse_id
from odoo.addons.jiancai_base.exceptions import GateRefusal

from ..engine.mapview import place
from ..engine.receipt import CODE_LENGTH

_logger = logging.getLogger(__name__)

MAP_WIDTH, MAP_HEIGHT = 800, 500


def _refused(exc):
    """Page values for a refusal: a gate's rules and next steps, or the plain message."""
    if isinstance(exc, GateRefusal):
        return {"refusal": exc, "error": None}
    return {"refusal": None, "error": str(exc.args[0])}


def _position(latitude, longitude):
    """The phone's (lat, lng), or (None, None) when missing or not on Earth."""
    try:
        lat, lng = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None, None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or (lat == 0 and lng == 0):
        return None, None
    return lat, lng


class JiancaiDispatchController(http.Controller):
    """Phone pages of the driver; every page 404s on a trip of another driver."""

    def _check_driver(self):
        if not request.env.user.has_group("jiancai_base.group_driver"):
            raise NotFound()

    def _trip(self, trip_id):
        self._check_driver()
        trip = request.env["stock.picking.batch"].search(
            [("id", "=", trip_id), ("jiancai_driver_user_id", "=", request.env.uid)]
        )
        if not trip:
            raise NotFound()
        return trip

    def _stop(self, stop_id):
        self._check_driver()
        stop = request.env["stock.picking"].search(
            [("id", "=", stop_id), ("jiancai_trip_id.jiancai_driver_user_id", "=", request.env.uid)]
        )
        if not stop:
            raise NotFound()
        return stop

    def _render_trip(self, trip, error=None, message=None, status=200):
        return request.render(
            "jiancai_dispatch.driver_trip_page",
            {
                "trip": trip.sudo(),
                "stops": trip.sudo()._jiancai_stops(),
                "error": error,
                "message": message,
            },
            status=status,
        )

    def _render_stop(self, stop, error=None, message=None, status=200, refusal=None):
        return request.render(
            "jiancai_dispatch.driver_stop_page",
            {"stop": stop.sudo(), "error": error, "message": message, "refusal": refusal},
            status=status,
        )

    @http.route("/jc/driver", type="http", auth="user", website=True, sitemap=False)
    def driver_home(self, **kwargs):
        self._check_driver()
        today = fields.Date.context_today(request.env.user)
        trips = request.env["stock.picking.batch"].search(
            [
                ("jiancai_driver_user_id", "=", request.env.uid),
                "|",
                ("jiancai_trip_state", "=", "departed"),
                "&",
                ("jiancai_trip_state", "in", ("planned", "done")),
                ("scheduled_date", ">=", fields.Datetime.to_string(today)),
            ],
            order="scheduled_date, id",
        )
        trips = trips.filtered(
            lambda t: t.jiancai_trip_state == "departed"
            or (t.scheduled_date and fields.Date.context_today(t, t.scheduled_date) == today)
        )
        return request.render(
            "jiancai_dispatch.driver_home_page", {"trips": trips.sudo(), "today": today}
        )

    @http.route("/jc/driver/trip/<int:trip_id>", type="http", auth="user", website=True,
                sitemap=False)  # fmt: skip
    def driver_trip(self, trip_id, **kwargs):
        return self._render_trip(self._trip(trip_id))

    @http.route(
        "/jc/driver/depart/<int:trip_id>/<string:token>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def driver_depart_form(self, trip_id, token, **kwargs):
        trip = self._trip(trip_id)
        if not trip._jiancai_check_departure_token(token):
            raise NotFound()
        return request.render(
            "jiancai_dispatch.driver_depart_page", {"trip": trip.sudo(), "token": token}
        )

    @http.route(
        "/jc/driver/depart/<int:trip_id>/<string:token>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def driver_depart(self, trip_id, token, photo=None, latitude=None, longitude=None, **kw):
        trip = self._trip(trip_id)
        if not trip._jiancai_check_departure_token(token):
            raise NotFound()
        lat, lng = _position(latitude, longitude)
        try:
            # the photo and the departure are one step: a refused departure keeps no photo
            with request.env.cr.savepoint():
                if photo is not None and getattr(photo, "filename", None):
                    Photo = request.env["jiancai.field.photo"]
                    Photo.create_from_upload(
                        trip,
                        photo.read(Photo._max_bytes() + 1),
                        filename=photo.filename,
                        latitude=latitude,
                        longitude=longitude,
                        note=request.env._("Departure"),
                    )
                trip.action_jiancai_depart(lat, lng)
        except (UserError, ValidationError, AccessError) as exc:
            return request.render(
                "jiancai_dispatch.driver_depart_page",
                {"trip": trip.sudo(), "token": token, **_refused(exc)},
                status=409 if isinstance(exc, UserError) else 400,
            )
        return self._render_trip(trip, message=request.env._("Departed. Drive safely."))

    @http.route("/jc/driver/stop/<int:stop_id>", type="http", auth="user", methods=["GET"],
                website=True, sitemap=False)  # fmt: skip
    def driver_stop(self, stop_id, **kwargs):
        return self._render_stop(self._stop(stop_id))

    @http.route(
        "/jc/driver/stop/<int:stop_id>/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def driver_stop_action(
        self, stop_id, action, code=None, reason=None, latitude=None, longitude=None, **kw
    ):
        stop = self._stop(stop_id)
        if action not in ("arrive", "code", "deliver", "fail"):
            raise NotFound()
        lat, lng = _position(latitude, longitude)
        try:
            with request.env.cr.savepoint():
                if lat is not None:
                    request.env.user._jiancai_set_position(lat, lng)
                if action == "arrive":
                    stop.action_jiancai_arrive()
                    message = request.env._("Arrived. Take photos of the goods.")
                elif action == "code":
                    check = stop._jiancai_confirm_receipt_code(code)
                    if not check.ok:
                        # the wrong attempt is counted: keep it, then answer
                        request.env.cr.flush()
                        if check.malformed:
                            error = request.env._(
                                "A receipt code is %(n)s digits, as in the customer's SMS; "
                                "this did not use a try.",
                                n=CODE_LENGTH,
                            )
                        elif check.locked:
                            error = request.env._(
                                "Too many wrong codes: ask the customer to confirm on their "
                                "tracking page, or call the dispatcher."
                            )
                        else:
                            error = request.env._(
                                "Wrong code; %(n)s tries left.", n=check.remaining
                            )
                        return self._render_stop(stop, error=error, status=400)
                    message = request.env._("Receipt confirmed.")
                elif action == "deliver":
                    stop.action_jiancai_deliver()
                    return self._render_trip(
                        stop.jiancai_trip_id,
                        message=request.env._("%(name)s delivered.", name=stop.name),
                    )
                else:
                    stop.action_jiancai_fail(reason)
                    return self._render_trip(
                        stop.jiancai_trip_id,
                        message=request.env._("%(name)s sent back to planning.", name=stop.name),
                    )
        except (UserError, ValidationError, AccessError) as exc:
            return self._render_stop(stop, status=409, **_refused(exc))
        return self._render_stop(stop, message=message)


class JiancaiDispatchMapController(http.Controller):
    """The dispatcher's map of the drivers' last positions (SVG, no map tiles)."""

    @http.route("/jc/dispatch/map", type="http", auth="user", website=True, sitemap=False)
    def driver_map(self, **kwargs):
        if not request.env.user.has_group("jiancai_base.group_dispatcher"):
            raise NotFound()
        drivers = request.env["res.users"].search(
            [
                ("all_group_ids", "in", request.env.ref("jiancai_base.group_driver").ids),
                ("share", "=", False),
            ],
            order="name",
        )
        warehouse = request.env["stock.warehouse"].search(
            [("company_id", "=", request.env.company.id)], limit=1
        )
        origin = warehouse.partner_id or request.env.company.partner_id
        points = [(-1, (origin.partner_latitude, origin.partner_longitude))] + [
            (d.id, (d.jiancai_last_latitude, d.jiancai_last_longitude))
            for d in drivers
            if d.jiancai_last_position_at
        ]
        placed = {p.key: p for p in place(points, MAP_WIDTH, MAP_HEIGHT)}
        return request.render(
            "jiancai_dispatch.driver_map_page",
            {
                "drivers": drivers,
                "placed": placed,
                "origin": origin,
                "width": MAP_WIDTH,
                "height": MAP_HEIGHT,
            },
        )


class JiancaiDispatchTrackingController(JiancaiBaseController):
    def _tracking_stop(self, link_id, access_token):
        """The delivery behind a valid tracking link, or a 404."""
        return tracking_document(link_id, access_token, "stock.picking")

    @http.route(
        "/jc/t/<int:link_id>/book",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def tracking_book(self, link_id, access_token=None, slot_id=None, **kwargs):
        """The customer picks one of the offered slots on the tracking page."""
        link, stop = self._tracking_stop(link_id, access_token)
        # parse_id: int() took "١", "1_0" and ids the database cannot hold (a 500)
        slot = request.env["jiancai.delivery.slot"].sudo().browse(parse_id(slot_id) or [])
        try:
            with request.env.cr.savepoint():
                if not slot:
                    raise UserError(request.env._("Choose one of the offered slots."))
                stop._jiancai_book_slot(slot, by="customer")
        except (UserError, ValidationError) as exc:
            values = stop._jiancai_tracking_values(link)
            values["booking_error"] = str(exc.args[0])
            return request.render(
                stop._jiancai_tracking_template,
                {
                    "link": link,
                    "record": stop,
                    "values": values,
                    "rating_urls": stop._jiancai_rating_urls(link.partner_id),
                    "company": stop.company_id or request.env.company,
                },
                status=409,
            )
        return request.redirect(f"/jc/t/{link.id}?access_token={link.access_token}&booked=1")

    @http.route(
        "/jc/t/<int:link_id>/received",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def tracking_received(self, link_id, access_token=None, **kwargs):
        """The customer confirms on the tracking page that the goods arrived."""
        link, stop = self._tracking_stop(link_id, access_token)
        try:
            stop._jiancai_confirm_by_customer()
        except UserError as exc:
            # a phone is on the stop at this moment: the page shows the current state
            _logger.info("Receipt confirmation of %s skipped: %s", stop.name, exc)
        return request.redirect(f"/jc/t/{link.id}?access_token={link.access_token}")
