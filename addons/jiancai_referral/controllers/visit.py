from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..engine.visit import position


class DesignerVisitController(http.Controller):
    """The salesperson's phone page: check in at a designer, check out with notes."""

    def _check_salesperson(self):
        if not request.env.user.has_group("jiancai_base.group_sales_guide"):
            raise NotFound()

    def _designers(self):
        """Designers and decoration companies; the salesperson's own first."""
        designers = request.env["res.partner"].search(
            [("jiancai_is_referrer", "=", True)], order="name", limit=300
        )
        return designers.sorted(lambda p: (p.user_id != request.env.user, p.name or ""))

    def _render(self, error=None, message=None, status=200, post=None):
        Visit = request.env["jiancai.designer.visit"]
        today = fields.Date.context_today(request.env.user)
        # the user's midnight in UTC (check_in is stored in UTC): after 16:00 UTC it is
        # already tomorrow in Shanghai, and midnight UTC would hide the night's visits
        try:
            zone = ZoneInfo(request.env.user.tz or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        start = (
            datetime.combine(today, time.min, tzinfo=zone)
            .astimezone(ZoneInfo("UTC"))
            .replace(tzinfo=None)
        )
        open_visit = Visit.search(
            [("user_id", "=", request.env.uid), ("check_out", "=", False)], limit=1
        )
        recent = Visit.search(
            [("user_id", "=", request.env.uid), ("check_in", ">=", start)], limit=20
        )
        return request.render(
            "jiancai_referral.designer_visit_page",
            {
                "open_visit": open_visit,
                "recent": recent - open_visit,
                "designers": self._designers(),
                "outcomes": Visit._fields["outcome"]._description_selection(request.env),
                "today": fields.Date.to_string(today),
                "error": error,
                "message": message,
                "post": post or {},
            },
            status=status,
        )

    @http.route("/jc/visit", type="http", auth="user", methods=["GET"], website=True,
                sitemap=False)  # fmt: skip
    def visit_page(self, **kwargs):
        self._check_salesperson()
        return self._render(message=kwargs.get("done") and request.env._("Checked out."))

    @http.route("/jc/visit/check-in", type="http", auth="user", methods=["POST"], website=True,
                sitemap=False)  # fmt: skip
    def visit_check_in(self, partner_id=None, latitude=None, longitude=None, **kwargs):
        self._check_salesperson()
        designer = self._designers().filtered(lambda p: str(p.id) == (partner_id or ""))
        if not designer:
            return self._render(
                error=request.env._("Choose the designer you are visiting."), status=400
            )
        if not position(latitude, longitude):
            return self._render(
                error=request.env._(
                    "The phone did not give its location, and a check-in needs it. Allow "
                    "this site to use your location in the browser settings, then reload."
                ),
                status=400,
            )
        try:
            with request.env.cr.savepoint():
                request.env["jiancai.designer.visit"].action_check_in(designer, latitude, longitude)
        except (UserError, ValidationError) as error:
            return self._render(error=error.args[0], status=409)
        return request.redirect("/jc/visit")

    @http.route("/jc/visit/<int:visit_id>/check-out", type="http", auth="user",
                methods=["POST"], website=True, sitemap=False)  # fmt: skip
    def visit_check_out(self, visit_id, latitude=None, longitude=None, **post):
        self._check_salesperson()
        visit = request.env["jiancai.designer.visit"].sudo().browse(visit_id).exists()
        # someone else's visit is answered like a missing one (as every other route does)
        if not visit or visit.user_id != request.env.user:
            raise NotFound()
        outcomes = dict(visit._fields["outcome"].selection)
        outcome = post.get("outcome") if post.get("outcome") in outcomes else None
        next_date = post.get("next_followup_date") or None
        try:
            if next_date:
                next_date = fields.Date.to_date(next_date)
        except ValueError:
            return self._render(
                error=request.env._("The next follow-up date is not a date."),
                status=400,
                post=post,
            )
        try:
            with request.env.cr.savepoint():
                visit.with_env(request.env).action_check_out(
                    latitude=latitude,
                    longitude=longitude,
                    note=(post.get("note") or "").strip() or None,
                    outcome=outcome,
                    next_followup_date=next_date,
                )
        except (UserError, ValidationError) as error:
            return self._render(error=error.args[0], status=409, post=post)
        return request.redirect("/jc/visit?done=1")
