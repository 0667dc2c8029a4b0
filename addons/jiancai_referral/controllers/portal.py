from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)

from ..models.jiancai_referral import TIMELINES

FORM_FIELDS = (
    "customer_name",
    "customer_phone",
    "community",
    "building",
    "unit",
    "room",
    "district",
    "spaces",
    "timeline",
)


class ReferralPortal(CustomerPortal):
    """Designers submit referrals and follow their own; nobody else's exists for them."""

    def _is_referrer(self):
        return request.env.user.has_group("jiancai_base.group_portal_designer")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "referral_count" in counters:
            Referral = request.env["jiancai.referral"]
            values["referral_count"] = (
                Referral.search_count([]) if Referral.has_access("read") else 0
            )
        return values

    def _referral_stores(self):
        return request.env["crm.team"].sudo().search([("jiancai_is_store", "=", True)])

    @http.route(
        ["/my/referrals", "/my/referrals/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_referrals(self, page=1, **kw):
        Referral = request.env["jiancai.referral"]
        if not self._is_referrer() or not Referral.has_access("read"):
            raise request.not_found()
        count = Referral.search_count([])
        pager = portal_pager(url="/my/referrals", total=count, page=page, step=20)
        referrals = Referral.search([], limit=20, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "referrals": referrals,
                "pager": pager,
                "page_name": "referral",
                "default_url": "/my/referrals",
            }
        )
        return request.render("jiancai_referral.portal_my_referrals", values)

    def _form_values(self, post, error=None, referral=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "referral_new",
                "post": post,
                "error": error,
                "stores": self._referral_stores(),
                "timelines": request.env["jiancai.referral"]
                ._fields["timeline"]
                ._description_selection(request.env),
                "draft": referral,
            }
        )
        return values

    @http.route(
        "/my/referrals/new", type="http", auth="user", methods=["GET", "POST"], website=True
    )
    def portal_referral_new(self, **post):
        if not self._is_referrer():
            raise request.not_found()
        if request.httprequest.method == "GET":
            return request.render("jiancai_referral.portal_referral_form", self._form_values({}))
        vals = {name: (post.get(name) or "").strip() or False for name in FORM_FIELDS}
        if vals["timeline"] not in dict(TIMELINES):
            vals["timeline"] = False  # a crafted value made the ORM raise: a 500
        store = self._referral_stores().filtered(lambda s: str(s.id) == post.get("team_id"))
        if not store:
            return request.render(
                "jiancai_referral.portal_referral_form",
                self._form_values(post, request.env._("Choose the store the customer will visit.")),
                status=400,
            )
        partner = request.env.user.partner_id
        vals.update(
            {
                "referrer_id": partner.id,
                "team_id": store.id,
                "user_id": (partner.user_id or partner.commercial_partner_id.user_id).id or False,
                "company_id": store.company_id.id or request.env.company.id,
            }
        )
        try:
            with request.env.cr.savepoint():
                referral = request.env["jiancai.referral"].sudo().create(vals)
        except ValidationError as error:
            return request.render(
                "jiancai_referral.portal_referral_form",
                self._form_values(post, error.args[0]),
                status=400,
            )
        try:
            with request.env.cr.savepoint():
                referral._check_can_submit(request.env.user)
                referral.action_submit()
        except UserError as error:
            # the draft is kept: the designer may dispute ownership from it
            return request.render(
                "jiancai_referral.portal_referral_form",
                self._form_values(post, error.args[0], referral=referral),
                status=409,
            )
        return request.redirect(f"/my/referrals/{referral.id}?submitted=1")

    def _own_referral(self, referral_id, access_token=None):
        if not self._is_referrer():
            raise AccessError(request.env._("Only designers have referrals."))
        return self._document_check_access("jiancai.referral", referral_id, access_token)

    @http.route("/my/referrals/<int:referral_id>", type="http", auth="user", website=True)
    def portal_referral_page(self, referral_id, access_token=None, **kw):
        try:
            referral = self._own_referral(referral_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "referral": referral,
                "page_name": "referral",
                "submitted": kw.get("submitted"),
                "disputed": kw.get("disputed"),
            }
        )
        return request.render("jiancai_referral.portal_referral_page", values)

    @http.route(
        "/my/referrals/<int:referral_id>/dispute",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_referral_dispute(self, referral_id, **kw):
        try:
            referral = self._own_referral(referral_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        try:
            with request.env.cr.savepoint():
                referral.action_dispute()
        except UserError as error:
            values = self._prepare_portal_layout_values()
            values.update({"referral": referral, "page_name": "referral", "error": error.args[0]})
            return request.render("jiancai_referral.portal_referral_page", values, status=409)
        return request.redirect(f"/my/referrals/{referral.id}?disputed=1")
