import secrets

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)

from ..engine.keys import Property, phone_key, property_key
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
# the forms a designer already submitted in this session: {form token: referral id}
SUBMITTED_FORMS = "jiancai_referral_forms"


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

    def _form_values(self, post, error=None, referral=None, studio_referral=None):
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
                "studio_referral": studio_referral,
                # one token per form shown: a second post of the same form is the same report
                "form_token": secrets.token_urlsafe(16),
            }
        )
        return values

    def _render_form(self, post, status, error=None, **kw):
        return request.render(
            "jiancai_referral.portal_referral_form",
            self._form_values(post, error, **kw),
            status=status,
        )

    def _answered_form(self, token):
        """The referral a form with this token already led to (Back and submit again)."""
        referral_id = (request.session.get(SUBMITTED_FORMS) or {}).get(token) if token else None
        if not referral_id:
            return None
        referral = request.env["jiancai.referral"].browse(referral_id).exists()
        return referral if referral and referral.has_access("read") else None

    def _remember_form(self, token, referral):
        if not token:
            return
        forms = dict(request.session.get(SUBMITTED_FORMS) or {})
        forms[token] = referral.id
        request.session[SUBMITTED_FORMS] = dict(list(forms.items())[-20:])

    def _log_report(self, vals, shown, referral):
        """Log the report like a lookup: what was entered and what the designer was told."""
        prop = Property(*(vals[name] or "" for name in ("community", "building", "unit", "room")))
        entered = " ".join(
            filter(
                None, [vals[n] for n in ("customer_phone", "community", "building", "unit", "room")]
            )
        )
        request.env["jiancai.referral.lookup.log"]._record(
            "report",
            entered,
            f"{phone_key(vals['customer_phone'])} {property_key(prop)}",
            shown,
            referral,
        )

    @http.route(
        "/my/referrals/new", type="http", auth="user", methods=["GET", "POST"], website=True
    )
    def portal_referral_new(self, **post):
        if not self._is_referrer():
            raise request.not_found()
        if request.httprequest.method == "GET":
            return self._render_form({}, 200)
        token = post.get("form_token") or ""
        answered = self._answered_form(token)
        if answered:
            # the same form posted again: nothing new, the designer sees what it led to
            return request.redirect(answered.access_url)
        vals = {name: (post.get(name) or "").strip() or False for name in FORM_FIELDS}
        if vals["timeline"] not in dict(TIMELINES):
            vals["timeline"] = False  # a crafted value made the ORM raise: a 500
        store = self._referral_stores().filtered(lambda s: str(s.id) == post.get("team_id"))
        if not store:
            return self._render_form(
                post, 400, request.env._("Choose the store the customer will visit.")
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
        Referral = request.env["jiancai.referral"].sudo()
        try:
            # bad input is refused before it counts, as in the lookup
            draft = Referral.new(vals)
            draft._check_customer_phone()
            draft._check_property()
        except ValidationError as error:
            return self._render_form(post, 400, error.args[0])
        try:
            # a report answers "is this customer reported?": it counts like a lookup
            request.env["jiancai.referral.lookup.quota"].sudo()._take()
        except UserError as error:
            return self._render_form(post, 429, error.args[0])
        # the designer's own draft of the same customer is reported again, not copied
        own_draft = Referral.search(
            [
                ("referrer_id", "=", partner.id),
                ("state", "=", "draft"),
                ("phone_key", "=", draft.phone_key),
                ("property_key", "=", draft.property_key),
            ],
            limit=1,
        )
        try:
            with request.env.cr.savepoint():
                if own_draft:
                    own_draft.write(vals)
                referral = own_draft or Referral.create(vals)
        except ValidationError as error:
            return self._render_form(post, 400, error.args[0])
        try:
            with request.env.cr.savepoint():
                referral.action_submit()
        except UserError as error:
            message = error.args[0]
            holder = referral._claiming(referral.phone_key, referral.property_key, referral)
            if holder and holder._is_of_studio(request.env.user):
                # the studio holds it already: no draft of the designer's own customer
                referral.unlink()
                self._log_report(vals, message, holder)
                self._remember_form(token, holder)
                return self._render_form(post, 409, message, studio_referral=holder)
            # the draft is kept: the designer may dispute ownership from it
            self._log_report(vals, message, holder)
            self._remember_form(token, referral)
            return self._render_form(post, 409, message, referral=referral)
        self._log_report(
            vals, request.env._("Referral %(ref)s submitted.", ref=referral.name), referral
        )
        self._remember_form(token, referral)
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
