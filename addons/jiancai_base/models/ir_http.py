import logging

from werkzeug.exceptions import HTTPException

from odoo import models
from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError
from odoo.http import Response, SessionExpiredException, request

from ..exceptions import GateRefusal

_logger = logging.getLogger(__name__)

PHONE_PREFIX = "/jc/"


class IrHttp(models.AbstractModel):
    """Phone and public pages (``/jc/...``) never show a server error page.

    A refusal the page did not handle itself becomes a page that says what to do next;
    anything unexpected becomes a polite page (the error is logged by Odoo as usual).
    Either way the transaction is rolled back: nothing half-written is kept.
    """

    _inherit = "ir.http"

    @classmethod
    def _handle_error(cls, exception):
        if cls._jiancai_handles(exception):
            try:
                return cls._jiancai_error_response(exception)
            except Exception:
                _logger.exception("Could not render the Jiancai error page")
        return super()._handle_error(exception)

    @classmethod
    def _jiancai_handles(cls, exception):
        if not request or not getattr(request, "env", None) or not request.db:
            return False
        if getattr(request.dispatcher, "routing_type", None) != "http":
            return False
        if not request.httprequest.path.startswith(PHONE_PREFIX):
            return False
        return not isinstance(exception, HTTPException | SessionExpiredException | AccessDenied)

    @classmethod
    def _jiancai_error_response(cls, exception):
        env = request.env
        env.cr.rollback()
        env.invalidate_all()
        if isinstance(exception, AccessError | MissingError):
            # someone else's document, or one that no longer exists: nothing to show
            status, message, refusal = 404, env._("This page does not exist."), None
        elif isinstance(exception, UserError):
            status, message = 409, str(exception.args[0])
            refusal = exception if isinstance(exception, GateRefusal) else None
        else:
            status, refusal = 500, None
            message = env._(
                "Something went wrong on our side. Nothing was saved; please try again in a "
                "moment, or call the store."
            )
        html = env["ir.qweb"]._render(
            "jiancai_base.error_page",
            {"message": message, "refusal": refusal, "status": status},
        )
        return Response(html, status=status, content_type="text/html; charset=utf-8")
