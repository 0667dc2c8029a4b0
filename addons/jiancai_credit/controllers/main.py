from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.jiancai_base.exceptions import GateRefusal


class JiancaiCreditController(http.Controller):
    def _approval(self, approval_id):
        """The request as the current user, or None when it is not theirs to see."""
        approval = request.env["jiancai.credit.approval"].browse(approval_id)
        try:
            if not approval.exists():
                return None
            approval.check_access("read")
        except (AccessError, MissingError):
            return None
        return approval

    def _page(self, approval, error=None, status=200, refusal=None):
        service = request.env["jiancai.credit.service"]
        levels = service.sudo()._levels_for(approval.partner_id)
        values = {
            "approval": approval,
            "levels": levels,
            "label": service._level_label,
            "fmt": approval.currency_id.format,
            "error": error,
            "refusal": refusal,
        }
        return request.render("jiancai_credit.approval_phone_page", values, status=status)

    def _not_found(self):
        return request.render("jiancai_credit.approval_not_found", {}, status=404)

    @http.route(
        "/jc/credit/approval/<int:approval_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def approval_page(self, approval_id, **kwargs):
        approval = self._approval(approval_id)
        if approval is None:
            return self._not_found()
        return self._page(approval)

    @http.route(
        "/jc/credit/approval/<int:approval_id>/<string:decision>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def approval_decide(self, approval_id, decision, reason=None, **kwargs):
        approval = self._approval(approval_id)
        if approval is None or decision not in ("approve", "reject"):
            return self._not_found()
        try:
            if decision == "approve":
                approval.action_approve()
            else:
                approval.action_reject(reason)
        except (UserError, AccessError) as exc:
            request.env.cr.rollback()
            if isinstance(exc, GateRefusal):
                return self._page(approval, refusal=exc, status=409)
            return self._page(approval, error=str(exc.args[0]), status=400)
        return request.redirect(f"/jc/credit/approval/{approval.id}")
