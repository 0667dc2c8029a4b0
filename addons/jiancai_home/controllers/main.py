from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import NumberError, parse_finite, parse_id

MAX_NAME = 60
# the form's inputs -> the room's fields
NUMBERS = {
    "length": "length_m",
    "width": "width_m",
    "height": "height_m",
    "openings": "openings_m2",
}


class BadInput(Exception):
    """A refusal worded for the measurer at the phone (answered 400)."""


class JiancaiHomeController(http.Controller):
    """The measurer's phone pages: find the home, add the rooms as measured (量房)."""

    def _staff(self):
        if request.env.user.share:
            raise NotFound()

    def _home(self, home_id):
        home = request.env["jiancai.home"].search([("id", "=", home_id)])
        if not home:
            raise NotFound()
        return home

    def _render(self, home, error=None, message=None, status=200, typed=None):
        return request.render(
            "jiancai_home.measure_phone_page",
            {
                "home": home,
                "kinds": home.room_ids._fields["kind"]._description_selection(request.env),
                "typed": typed or {},
                "error": error,
                "message": message,
            },
            status=status,
        )

    @http.route("/jc/home", type="http", auth="user", methods=["GET"], sitemap=False)
    def homes(self, q=None, **kwargs):
        self._staff()
        q = (q or "").strip()[:60]
        domain = []
        if q:
            domain = [
                "|",
                "|",
                ("name", "ilike", q),
                ("partner_id.name", "ilike", q),
                ("partner_id.phone", "ilike", q),
            ]
        homes = request.env["jiancai.home"].search(domain, limit=30)
        return request.render("jiancai_home.homes_phone_page", {"homes": homes, "q": q})

    @http.route("/jc/home/<int:home_id>", type="http", auth="user", methods=["GET"], sitemap=False)
    def home(self, home_id, **kwargs):
        self._staff()
        return self._render(self._home(home_id))

    def _room_values(self, post):
        env = request.env
        name = (post.get("name") or "").strip()
        if not name or len(name) > MAX_NAME:
            raise BadInput(
                env._(
                    "Name the room (e.g. Master bedroom), in at most %(n)s characters.",
                    n=MAX_NAME,
                )
            )
        kinds = dict(env["jiancai.home.room"]._fields["kind"]._description_selection(env))
        kind = post.get("kind") or "other"
        if kind not in kinds:
            raise BadInput(env._("Choose what kind of room it is."))
        labels = {
            "length": env._("Length"),
            "width": env._("Width"),
            "height": env._("Tiled height"),
            "openings": env._("Doors and windows"),
        }
        values = {"name": name, "kind": kind}
        for field, fname in NUMBERS.items():
            raw = post.get(field)
            if field in ("height", "openings") and not (raw or "").strip():
                values[fname] = 0.0
                continue
            try:
                values[fname] = parse_finite(raw, 0, 1000)
            except NumberError as exc:
                raise BadInput(
                    env._(
                        "%(what)s: type metres (m² for doors and windows) with digits, e.g. 3.6.",
                        what=labels[field],
                    )
                ) from exc
        return values

    @http.route(
        "/jc/home/<int:home_id>/room",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def add_room(self, home_id, **post):
        self._staff()
        home = self._home(home_id)
        try:
            values = self._room_values(post)
            home.write({"room_ids": [(0, 0, values)]})
            request.env.flush_all()
        except BadInput as exc:
            return self._render(home, error=str(exc), status=400, typed=post)
        except (ValidationError, UserError, AccessError) as exc:
            request.env.cr.rollback()
            return self._render(home.exists(), error=str(exc.args[0]), status=409, typed=post)
        return self._render(home, message=request.env._("Room added."))

    @http.route(
        "/jc/home/<int:home_id>/room/<string:room_id>/delete",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def delete_room(self, home_id, room_id, **post):
        self._staff()
        home = self._home(home_id)
        room = home.room_ids.filtered(lambda r: r.id == parse_id(room_id))
        if not room:
            raise NotFound()
        try:
            room.unlink()
        except AccessError as exc:
            request.env.cr.rollback()
            return self._render(home, error=str(exc.args[0]), status=409)
        return self._render(home, message=request.env._("Room removed."))
