import logging
from datetime import datetime, time, timedelta

import pytz
from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import SQL

from odoo.addons.jiancai_base.controllers.main import tracking_document
from odoo.addons.jiancai_base.engine.drawing import (
    MAX_BYTES as DRAWING_MAX_BYTES,
    DrawingError,
    drawing_mimetype,
)
from odoo.addons.jiancai_base.engine.numbers import NumberError, parse_finite, parse_id
from odoo.addons.jiancai_base.engine.phone import PhoneError, normalize_cn_phone
from odoo.addons.jiancai_base.exceptions import GateRefusal

from ..engine.code import CODE_LENGTH
from ..engine.signature import SignatureError, parse_signature
from ..engine.warranty import warranty_end
from ..models.helpdesk_ticket import slot_from_value
from ..models.resource_calendar import to_utc

_logger = logging.getLogger(__name__)


class BadInput(Exception):
    """A value the phone page refuses with a 400 and this message; nothing is written."""


def _refused(exc):
    if isinstance(exc, GateRefusal):
        return {"refusal": exc, "error": None}
    return {"refusal": None, "error": str(exc.args[0])}


def _position(latitude, longitude):
    try:
        lat = parse_finite(latitude, -90, 90, decimal_comma=False)
        lng = parse_finite(longitude, -180, 180, decimal_comma=False)
    except NumberError:
        return None, None
    if lat == 0 and lng == 0:
        return None, None
    return lat, lng


class JiancaiServiceController(http.Controller):
    """The technician's phone pages; every page 404s on another technician's job."""

    def _check_technician(self):
        if not request.env.user.has_group("jiancai_base.group_technician"):
            raise NotFound()

    def _job(self, ticket_id):
        self._check_technician()
        job = request.env["helpdesk.ticket"].search(
            [
                ("id", "=", ticket_id),
                ("jiancai_technician_id.user_id", "=", request.env.uid),
                ("jiancai_type_id", "!=", False),
            ]
        )
        if not job:
            raise NotFound()
        return job

    def _render_job(self, job, error=None, message=None, refusal=None, status=200):
        return request.render(
            "jiancai_service.technician_job_page",
            {
                "job": job.sudo(),
                "error": error,
                "message": message,
                "refusal": refusal,
                "code_length": CODE_LENGTH,
            },
            status=status,
        )

    @http.route("/jc/service", type="http", auth="user", website=True, sitemap=False)
    def technician_home(self, **kwargs):
        self._check_technician()
        user = request.env.user
        tz = user.tz or "Asia/Shanghai"
        today = fields.Date.context_today(user)
        zone = pytz.timezone(tz)
        day_start = to_utc(datetime.combine(today, time.min), zone)
        jobs = request.env["helpdesk.ticket"].search(
            [
                ("jiancai_technician_id.user_id", "=", user.id),
                "|",
                ("jiancai_phase", "=", "on_site"),
                "&",
                ("jiancai_start", ">=", day_start),
                ("jiancai_start", "<", day_start + timedelta(days=1)),
            ],
            order="jiancai_start, id",
        )
        return request.render(
            "jiancai_service.technician_home_page", {"jobs": jobs.sudo(), "today": today}
        )

    @http.route("/jc/service/job/<int:ticket_id>", type="http", auth="user", methods=["GET"],
                website=True, sitemap=False)  # fmt: skip
    def technician_job(self, ticket_id, **kwargs):
        return self._render_job(self._job(ticket_id))

    @http.route(
        "/jc/service/job/<int:ticket_id>/<string:action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def technician_action(
        self, ticket_id, action, latitude=None, longitude=None, code=None, check_id=None,
        photo=None, signature=None, drawing=None, product_id=None, quantity=None, **kw
    ):  # fmt: skip
        job = self._job(ticket_id)
        if action not in (
            "checkin", "check", "photo", "drawing", "part", "code", "sign", "complete"
        ):  # fmt: skip
            raise NotFound()
        lat, lng = _position(latitude, longitude)
        message = None
        try:
            with request.env.cr.savepoint():
                if action == "checkin":
                    job.action_jiancai_check_in(lat, lng)
                    message = request.env._("Checked in. Work through the checklist.")
                elif action == "check":
                    job.action_jiancai_toggle_check(parse_id(check_id) or 0)
                elif action == "photo":
                    Photo = request.env["jiancai.field.photo"]
                    if photo is None or not getattr(photo, "filename", None):
                        raise UserError(request.env._("Choose or take a photo first."))
                    Photo.create_from_upload(
                        job,
                        photo.read(Photo._max_bytes() + 1),
                        filename=photo.filename,
                        latitude=latitude,
                        longitude=longitude,
                    )
                    message = request.env._("Photo saved.")
                elif action in ("drawing", "part", "sign"):
                    handler = getattr(self, f"_job_{action}")
                    message = handler(job, drawing=drawing, signature=signature,
                                      product_id=product_id, quantity=quantity)  # fmt: skip
                elif action == "code":
                    check = job._jiancai_confirm_code(code)
                    if not check.ok:
                        request.env.cr.flush()  # the try used is kept
                        if check.locked:
                            error = request.env._(
                                "Too many wrong codes: customer service can send the "
                                "customer a new one."
                            )
                        elif check.malformed:
                            error = request.env._(
                                "The code is %(n)s digits, as in the customer's SMS; this "
                                "did not use a try.",
                                n=CODE_LENGTH,
                            )
                        else:
                            error = request.env._(
                                "Wrong code; %(n)s tries left.", n=check.remaining
                            )
                        return self._render_job(job, error=error, status=400)
                    message = request.env._("The customer confirmed.")
                else:
                    job.action_jiancai_complete()
                    message = request.env._("Job completed. Thank you!")
        except BadInput as exc:
            return self._render_job(job, error=str(exc), status=400)
        except (UserError, ValidationError, AccessError) as exc:
            return self._render_job(job, status=409, **_refused(exc))
        return self._render_job(job, message=message)

    def _job_drawing(self, job, drawing=None, **_kw):
        if drawing is None or not getattr(drawing, "filename", None):
            raise UserError(request.env._("Choose the drawing's file first."))
        data = drawing.read(DRAWING_MAX_BYTES + 1)
        try:
            mimetype = drawing_mimetype(data)
        except DrawingError as exc:
            raise BadInput(self._drawing_refusal(exc.code)) from exc
        job.action_jiancai_add_drawing(data, drawing.filename, mimetype)
        return request.env._("Drawing saved.")

    def _job_part(self, job, product_id=None, quantity=None, **_kw):
        try:
            qty = parse_finite(quantity, minimum=0.001, maximum=10000)
        except NumberError as exc:
            raise BadInput(
                request.env._("Type the quantity used, a number above 0 (e.g. 2 or 1.5).")
            ) from exc
        job.action_jiancai_use_part(parse_id(product_id) or 0, qty)
        return request.env._("Part recorded.")

    def _job_sign(self, job, signature=None, **_kw):
        try:
            png = parse_signature(signature)
        except SignatureError as exc:
            raise BadInput(job._jiancai_signature_refusal(exc.code)) from exc
        job.action_jiancai_sign(png)
        return request.env._("Signature saved.")

    def _drawing_refusal(self, code):
        env = request.env
        if code == "empty":
            return env._("The file is empty.")
        if code == "too_big":
            return env._("The drawing is larger than 20 MB; export it smaller.")
        return env._("This file is not a drawing (PDF, DWG, or a photo of the sketch).")


class JiancaiServiceBookingController(http.Controller):
    """The customer's booking from the link of their ticket."""

    def _tracking_ticket(self, link_id, access_token):
        return tracking_document(link_id, access_token, "helpdesk.ticket")

    @http.route(
        "/jc/t/<int:link_id>/service/book",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def tracking_book(self, link_id, access_token=None, slot=None, **kwargs):
        link, ticket = self._tracking_ticket(link_id, access_token)
        parsed = slot_from_value(slot)
        try:
            with request.env.cr.savepoint():
                offered = {
                    (tech.id, start): tech for tech, start, _end in ticket._jiancai_offered_slots()
                }
                if parsed is None or (parsed not in offered and not (
                    ticket.jiancai_technician_id.id == parsed[0]
                    and ticket.jiancai_start == parsed[1]
                )):  # fmt: skip
                    raise UserError(request.env._("Choose one of the offered times."))
                technician = offered.get(parsed) or ticket.jiancai_technician_id
                ticket._jiancai_book(technician, parsed[1], by="customer")
        except (UserError, ValidationError) as exc:
            values = ticket._jiancai_tracking_values(link)
            values["booking_error"] = str(exc.args[0])
            return request.render(
                ticket._jiancai_tracking_template,
                {
                    "link": link,
                    "record": ticket,
                    "values": values,
                    "rating_urls": ticket._jiancai_rating_urls(link.partner_id),
                    "company": ticket.company_id or request.env.company,
                },
                status=409,
            )
        return request.redirect(f"/jc/t/{link.id}?access_token={link.access_token}&booked=1")


class JiancaiServiceCallController(http.Controller):
    """Caller lookup for customer service: a softphone opens /jc/call?phone=..."""

    @http.route("/jc/call", type="http", auth="user", website=True, sitemap=False)
    def caller_lookup(self, phone=None, **kwargs):
        user = request.env.user
        if not (
            user.has_group("jiancai_base.group_customer_service")
            or user.has_group("jiancai_base.group_store_manager")
        ):
            raise NotFound()
        values = {"phone": phone or "", "error": None, "partners": None}
        if phone:
            try:
                number = normalize_cn_phone(phone)
            except PhoneError:
                values["error"] = request.env._(
                    "%(phone)s is not a phone number (11-digit mobile or landline with area "
                    "code, digits 0-9).",
                    phone=phone,
                )
                return request.render("jiancai_service.caller_page", values, status=400)
            values["partners"] = self._partners_by_phone(number)
            values["cards"] = [self._card(p) for p in values["partners"]]
        return request.render("jiancai_service.caller_page", values)

    def _partners_by_phone(self, number):
        """Partners whose phone, written any way, is this number (rights apply)."""
        request.env.cr.execute(
            SQL(
                """SELECT id FROM res_partner
                    WHERE active AND right(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'),
                                           %s) = %s
                    LIMIT 20""",
                len(number),
                number,
            )
        )
        ids = [row[0] for row in request.env.cr.fetchall()]
        partners = request.env["res.partner"].search([("id", "in", ids)])
        return partners.commercial_partner_id | partners

    def _card(self, partner):
        env = request.env
        family = [("partner_id", "child_of", partner.commercial_partner_id.id)]
        orders = env["sale.order"].search(family, order="date_order desc", limit=5)
        deliveries = env["stock.picking"].search(
            [*family, ("picking_type_code", "=", "outgoing")], order="id desc", limit=5
        )
        done_moves = env["stock.move"].search(
            [
                ("picking_id.partner_id", "child_of", partner.commercial_partner_id.id),
                ("picking_id.picking_type_code", "=", "outgoing"),
                ("state", "=", "done"),
            ],
            order="date desc",
            limit=10,
        )
        products = [
            (
                move.product_id,
                move.date and move.date.date(),
                warranty_end(
                    move.date and move.date.date(), move.product_id.jiancai_warranty_months
                ),
            )
            for move in done_moves
        ]
        tickets = env["helpdesk.ticket"].search(
            [*family, ("closed", "=", False)], order="id desc", limit=10
        )
        return {
            "partner": partner,
            "orders": orders,
            "deliveries": deliveries,
            "products": products,
            "tickets": tickets,
        }
