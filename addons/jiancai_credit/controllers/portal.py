from odoo.fields import Domain
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

DISTRIBUTOR_GROUP = "jiancai_base.group_portal_distributor"


class JiancaiCreditPortal(CustomerPortal):
    """The distributor's statement and available credit under /my/credit."""

    def _jiancai_distributor(self):
        """The commercial partner of the logged-in distributor, or None."""
        user = request.env.user
        if user._is_public() or not user.has_group(DISTRIBUTOR_GROUP):
            return None
        return user.commercial_partner_id

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "jiancai_statement_count" in counters:
            partner = self._jiancai_distributor()
            values["jiancai_statement_count"] = (
                request.env["account.move.line"]
                .sudo()
                .search_count(self._jiancai_receivable_domain(partner))
                if partner
                else 0
            )
        return values

    # ---------------------------------------------------------------- data
    def _jiancai_receivable_domain(self, partner):
        return Domain(
            [
                ("partner_id", "child_of", partner.id),
                ("company_id", "=", request.env.company.id),
                ("parent_state", "=", "posted"),
                ("account_id.account_type", "=", "asset_receivable"),
            ]
        )

    def _jiancai_not_found(self):
        return request.render("jiancai_credit.portal_credit_not_found", {}, status=404)

    # ---------------------------------------------------------------- page
    @route(
        ["/my/credit", "/my/statement"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def portal_my_credit(self, partner_id=None, **kwargs):
        partner = self._jiancai_distributor()
        if partner is None:
            return self._jiancai_not_found()
        if partner_id not in (None, "") and partner_id != str(partner.id):
            return self._jiancai_not_found()
        partner = partner.sudo()
        lines, balance = request.env["jiancai.credit.service"].sudo()._receivable_statement(partner)
        currency = request.env.company.currency_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "jiancai_credit",
                "partner": partner,
                "lines": lines,
                "balance": balance,
                "limit": partner._jiancai_credit_limit_value(),
                "prepay": partner.jiancai_credit_prepay,
                "to_pay": max(partner.jiancai_exposure_total, 0.0),
                "fmt": currency.format,
            }
        )
        return request.render("jiancai_credit.portal_my_credit", values)
