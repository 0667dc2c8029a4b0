import hmac
import json
import logging

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import parse_id

_logger = logging.getLogger(__name__)

MAX_BODY = 16 * 1024
FIELDS = ("name", "phone", "community", "building", "room", "campaign", "notes", "store")


def _json(status, payload):
    return request.make_response(
        json.dumps(payload, ensure_ascii=False),
        headers=[("Content-Type", "application/json; charset=utf-8")],
        status=status,
    )


class JiancaiCrmController(http.Controller):
    # ------------------------------------------------------------------ import template
    @http.route("/jc/crm/lead_template.xlsx", type="http", auth="user", methods=["GET"])
    def lead_template(self, **kwargs):
        if not request.env.user.has_group("jiancai_base.group_sales_guide"):
            raise NotFound()
        data = request.env["jiancai.crm.lead.import"]._template_xlsx()
        return request.make_response(
            data,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", 'attachment; filename="leads_template.xlsx"'),
            ],
        )

    # ------------------------------------------------------------------ the guide's phone page
    def _check_guide(self):
        if not request.env.user.has_group("jiancai_base.group_sales_guide"):
            raise NotFound()

    def _render_leads(self, error=None, message=None, status=200):
        Pool = request.env["jiancai.crm.pool.lead"]
        pool = Pool.search([], limit=50)
        mine = request.env["crm.lead"].search(
            [("user_id", "=", request.env.uid)], order="jiancai_protected_until", limit=50
        )
        return request.render(
            "jiancai_crm.leads_page",
            {"pool": pool, "mine": mine, "error": error, "message": message},
            status=status,
        )

    @http.route("/jc/leads", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)  # fmt: skip
    def leads_page(self, **kwargs):
        self._check_guide()
        message = None
        if kwargs.get("claimed"):
            message = request.env._("Lead claimed: it is yours now, call the customer.")
        return self._render_leads(message=message)

    @http.route("/jc/leads/claim", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)  # fmt: skip
    def leads_claim(self, lead_id=None, **kwargs):
        self._check_guide()
        lead_id = parse_id(lead_id)
        # a lead of another store, or no lead at all, looks the same: not in your pool
        if not lead_id or not request.env["jiancai.crm.pool.lead"].search_count(
            [("id", "=", lead_id)]
        ):
            return self._render_leads(
                error=request.env._("This lead is no longer in your pool."), status=404
            )
        try:
            with request.env.cr.savepoint():
                request.env["crm.lead"].browse(lead_id)._jiancai_claim(request.env.user)
        except UserError as exc:
            return self._render_leads(error=exc.args[0], status=409)
        return request.redirect("/jc/leads?claimed=1")

    # ------------------------------------------------------------------ online sources
    def _api_token_ok(self):
        expected = request.env["ir.config_parameter"].sudo().get_param("jiancai_crm.api_token")
        if not expected:
            return False
        header = request.httprequest.headers.get("Authorization", "")
        given = header[7:] if header.startswith("Bearer ") else ""
        given = given or request.httprequest.headers.get("X-Jiancai-Token", "")
        return bool(given) and hmac.compare_digest(given.encode(), expected.encode())

    @http.route("/jc/crm/api/lead", type="http", auth="public", methods=["POST"], csrf=False,
                save_session=False)  # fmt: skip
    def api_lead(self, **kwargs):
        """Campaign leads as JSON: {"name", "phone", "community", "building", "room",
        "campaign", "notes", "store"}; a bearer token of jiancai_crm.api_token."""
        if not self._api_token_ok():
            return _json(401, {"error": "unauthorized"})
        body = request.httprequest.get_data(cache=False)
        if len(body) > MAX_BODY:
            return _json(413, {"error": "too_large"})
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return _json(400, {"error": "invalid_json"})
        if not isinstance(payload, dict):
            return _json(400, {"error": "invalid_json", "detail": "an object is expected"})
        values = {}
        for key in FIELDS:
            value = payload.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                return _json(400, {"error": "invalid_field", "field": key})
            values[key] = value
        result = request.env["crm.lead"].sudo()._jiancai_online_lead(values, via="api")
        if result["status"] == "invalid":
            return _json(
                400,
                {"error": "invalid_field", "field": result["field"], "detail": result["detail"]},
            )
        return _json(201 if result["status"] == "created" else 200, result)

    def _render_signup(self, values=None, error=None, done=False, status=200):
        return request.render(
            "jiancai_crm.signup_page",
            {"values": values or {}, "error": error, "done": done},
            status=status,
        )

    @http.route("/jc/signup", type="http", auth="public", methods=["GET"], website=True,
                sitemap=False)  # fmt: skip
    def signup_form(self, campaign=None, **kwargs):
        return self._render_signup({"campaign": (campaign or "")[:64]})

    @http.route("/jc/signup", type="http", auth="public", methods=["POST"], website=True,
                sitemap=False)  # fmt: skip
    def signup_post(self, **post):
        values = {key: (post.get(key) or "")[:500] for key in FIELDS}
        values["store"] = ""  # the public does not choose the store
        if post.get("website"):  # a honeypot field people never see
            return self._render_signup(done=True)
        ip = request.httprequest.remote_addr or ""
        Lead = request.env["crm.lead"].sudo()
        if Lead._jiancai_signup_rate_exceeded(ip):
            return self._render_signup(
                values,
                error=request.env._("Too many sign-ups from this network; try again in an hour."),
                status=429,
            )
        result = Lead._jiancai_online_lead(values, via="form", ip=ip)
        if result["status"] == "invalid":
            return self._render_signup(values, error=result["message"], status=400)
        # a duplicate is thanked the same way: the form tells nobody who is a customer
        return self._render_signup(done=True)
