import base64

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import parse_id
from odoo.addons.purchase.controllers.portal import CustomerPortal


class JiancaiCustomPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "jiancai_custom_count" in counters:
            Line = request.env["purchase.order.line"]
            values["jiancai_custom_count"] = (
                Line.search_count(self._jiancai_open_custom_domain())
                if Line.has_access("read")
                else 0
            )
        return values

    def _jiancai_open_custom_domain(self):
        return [
            ("jiancai_custom", "=", True),
            ("order_id.state", "=", "purchase"),
            ("jiancai_production_state", "!=", "shipped"),
        ]

    def _jiancai_order(self, order_id, access_token):
        try:
            return self._document_check_access(
                "purchase.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            raise request.not_found() from None

    @http.route(
        "/my/purchase/<int:order_id>/custom/<int:line_id>",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def jiancai_custom_status(self, order_id, line_id, access_token=None, **post):
        order_sudo = self._jiancai_order(order_id, access_token)
        line = order_sudo.order_line.filtered(lambda pol: pol.id == line_id and pol.jiancai_custom)
        if not line:
            raise request.not_found()
        env = request.env
        ready_date = None
        message = None
        if post.get("ready_date"):
            try:
                ready_date = fields.Date.to_date(str(post["ready_date"]).strip()[:10])
            except ValueError:
                message = env._("The ready date is not a date (use the calendar).")
        if not message:
            try:
                line.with_env(env(su=True))._jiancai_factory_update(
                    str(post.get("state") or ""), ready_date, str(post.get("from_state") or "")
                )
            except UserError as error:
                message = error.args[0]
        if message:
            request.env.cr.rollback()
            values = self._purchase_order_get_page_view_values(order_sudo, access_token)
            values["jiancai_custom_error"] = message
            values["jiancai_custom_error_line"] = line.id
            return request.render("purchase.portal_my_purchase_order", values, status=409)
        url = order_sudo.get_portal_url(anchor=f"jiancai_custom_line_{line.id}")
        return request.redirect(url)

    @http.route(
        "/my/purchase/<int:order_id>/drawing/<int:line_id>/<string:attachment_id>",
        type="http",
        auth="public",
        website=True,
    )
    def jiancai_custom_drawing(self, order_id, line_id, attachment_id, access_token=None, **kw):
        order_sudo = self._jiancai_order(order_id, access_token)
        line = order_sudo.order_line.filtered(lambda pol: pol.id == line_id and pol.jiancai_custom)
        attachment = line.jiancai_sale_line_id.jiancai_drawing_ids.filtered(
            lambda a: a.id == parse_id(attachment_id)
        )
        if not attachment:
            raise request.not_found()
        data = base64.b64decode(attachment.datas or b"")
        return request.make_response(
            data,
            headers=[
                ("Content-Type", attachment.mimetype or "application/octet-stream"),
                ("Content-Disposition", http.content_disposition(attachment.name or "drawing")),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
