from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

MAX_REASON = 4000


class JiancaiExecutionController(http.Controller):
    """Phone pages of the person charged: their violations and the appeal form.

    Every page answers 404 for a violation that is not the user's own.
    """

    def _own_violation(self, violation_id):
        violation = request.env["jiancai.execution.violation"].search(
            [("id", "=", violation_id), ("user_id", "=", request.env.uid)]
        )
        if not violation:
            raise NotFound()
        return violation

    def _render(self, violation, error=None, message=None, status=200):
        return request.render(
            "jiancai_execution.violation_phone_page",
            {"violation": violation, "error": error, "message": message},
            status=status,
        )

    @http.route("/jc/execution", type="http", auth="user", website=True, sitemap=False)
    def my_violations(self, **kwargs):
        if request.env.user.share:
            raise NotFound()
        violations = request.env["jiancai.execution.violation"].search(
            [("user_id", "=", request.env.uid)], limit=100
        )
        points = sum(violations.mapped("points_counted"))
        return request.render(
            "jiancai_execution.violations_phone_page",
            {"violations": violations, "points": points},
        )

    @http.route(
        "/jc/execution/<int:violation_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def violation(self, violation_id, **kwargs):
        return self._render(self._own_violation(violation_id))

    @http.route(
        "/jc/execution/<int:violation_id>/appeal",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def appeal(self, violation_id, reason=None, **kwargs):
        violation = self._own_violation(violation_id)
        reason = (reason or "").strip()
        if len(reason) > MAX_REASON:
            return self._render(
                violation,
                error=request.env._("Keep the reason under %(n)s characters.", n=MAX_REASON),
                status=400,
            )
        try:
            violation.action_appeal(reason=reason)
        except (UserError, AccessError) as exc:
            request.env.cr.rollback()
            return self._render(violation.exists(), error=str(exc.args[0]), status=409)
        return self._render(violation, message=request.env._("Your appeal was sent."))
