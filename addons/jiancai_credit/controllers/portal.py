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

    def _jiancai_statement_lines(self, partner):
        """Receivable entries of ``partner`` (and its contacts), oldest first.

        Read with sudo, restricted to this one commercial partner and the
        current company: invoices, credit notes and payments as they hit the
        receivable account, plus payments registered without a journal entry.
        """
        env = request.env
        company = env.company
        move_lines = (
            env["account.move.line"]
            .sudo()
            .search(self._jiancai_receivable_domain(partner), order="date, id")
        )
        lines = []
        for line in move_lines:
            move = line.move_id
            if move.move_type == "out_invoice":
                kind = env._("Invoice")
            elif move.move_type == "out_refund":
                kind = env._("Credit Note")
            elif move.origin_payment_id or line.payment_id:
                kind = env._("Payment")
            else:
                kind = env._("Other")
            lines.append(
                {
                    "date": line.date,
                    "kind": kind,
                    "name": move.name,
                    "due": line.date_maturity if move.is_invoice() else False,
                    "amount": line.balance,
                }
            )
        payments = (
            env["account.payment"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partner.id),
                    ("company_id", "=", company.id),
                    ("partner_type", "=", "customer"),
                    ("move_id", "=", False),
                    ("state", "in", ("in_process", "paid")),
                ]
            )
        )
        for payment in payments:
            lines.append(
                {
                    "date": payment.date,
                    "kind": env._("Payment"),
                    "name": payment.name,
                    "due": False,
                    "amount": -payment.amount_company_currency_signed,
                }
            )
        lines.sort(key=lambda row: row["date"])
        balance = 0.0
        for row in lines:
            balance += row["amount"]
            row["balance"] = balance
        return lines

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
        lines = self._jiancai_statement_lines(partner)
        currency = request.env.company.currency_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "jiancai_credit",
                "partner": partner,
                "lines": lines,
                "balance": lines[-1]["balance"] if lines else 0.0,
                "limit": partner._jiancai_credit_limit_value(),
                "prepay": partner.jiancai_credit_prepay,
                "to_pay": max(partner.jiancai_exposure_total, 0.0),
                "fmt": currency.format,
            }
        )
        return request.render("jiancai_credit.portal_my_credit", values)
