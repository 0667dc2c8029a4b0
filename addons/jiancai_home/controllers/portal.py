from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class HomePortal(CustomerPortal):
    """The homeowner's home file: rooms as measured and what was bought for it."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "home_count" in counters:
            Home = request.env["jiancai.home"]
            values["home_count"] = Home.search_count([]) if Home.has_access("read") else 0
        return values

    @http.route("/my/homes", type="http", auth="user", website=True)
    def portal_my_homes(self, **kw):
        Home = request.env["jiancai.home"]
        if not Home.has_access("read"):
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({"homes": Home.search([], limit=50), "page_name": "home"})
        return request.render("jiancai_home.portal_my_homes", values)

    @http.route("/my/home/<int:home_id>", type="http", auth="public", website=True)
    def portal_my_home_file(self, home_id, access_token=None, **kw):
        try:
            home = self._document_check_access("jiancai.home", home_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        orders = home.sudo().order_ids.filtered(lambda o: o.state == "sale")
        values.update({"home": home, "orders": orders, "page_name": "home"})
        return request.render("jiancai_home.portal_home_file", values)
