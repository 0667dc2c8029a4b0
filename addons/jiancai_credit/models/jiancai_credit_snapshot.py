from odoo import api, fields, models
from odoo.fields import Domain

from ..engine.decision import CUSTOMER, SALESPERSON, STORE

LEVELS = [(CUSTOMER, "Customer"), (SALESPERSON, "Salesperson"), (STORE, "Store")]


class JiancaiCreditSnapshot(models.Model):
    """The exposure of one credit level on one day, stored for lists, pivots and exports.

    Filled by :meth:`_refresh` from the same exposure function as the live fields
    (``jiancai.credit.service``); a refresh replaces the rows of the same day and company.
    """

    _name = "jiancai.credit.snapshot"
    _description = "Credit exposure snapshot"
    _order = "date desc, level, exposure desc, id"
    _rec_name = "level_name"
    _check_company_auto = True

    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    level = fields.Selection(LEVELS, required=True, index=True)
    level_name = fields.Char("Name", required=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", index="btree_not_null", ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", "Salesperson", index="btree_not_null", ondelete="cascade"
    )
    team_id = fields.Many2one("crm.team", "Store", index="btree_not_null", ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one("res.currency", required=True)
    open_invoices = fields.Monetary("Unpaid Invoices")
    open_orders = fields.Monetary("Confirmed Orders Not Invoiced")
    delivered = fields.Monetary("Delivered Not Invoiced")
    payments = fields.Monetary("Unallocated Payments")
    exposure = fields.Monetary("Credit Exposure")
    credit_limit = fields.Monetary("Limit", aggregator=None, help="0: no limit.")
    available = fields.Monetary(
        "Available Credit", aggregator=None, help="Limit minus exposure, if a limit is set."
    )
    excess = fields.Monetary("Over Limit By")
    over_limit = fields.Boolean(index=True)

    _unique_level = models.UniqueIndex(
        "(date, company_id, level, COALESCE(partner_id, 0), COALESCE(user_id, 0), "
        "COALESCE(team_id, 0))"
    )

    # ---------------------------------------------------------------- actions
    def action_refresh(self):
        """Refresh today's snapshot of the current company now (list button)."""
        self.check_access("create")
        self.env["jiancai.credit.snapshot"]._refresh(self.env.company)
        return {"type": "ir.actions.client", "tag": "reload"}

    @api.model
    def _cron_refresh(self):
        for company in self.env["res.company"].search([("active", "=", True)]):
            self._refresh(company)

    # ---------------------------------------------------------------- business
    @api.model
    def _refresh(self, company, date=None):
        """Replace the snapshot of ``date`` (today) for ``company``; returns the new rows."""
        self = self.with_company(company)
        date = date or fields.Date.context_today(self)
        service = self.env["jiancai.credit.service"]
        self.search([("date", "=", date), ("company_id", "=", company.id)]).unlink()
        partners = self._snapshot_partners(service)
        users = partners.user_id | self.env["res.users"].search(
            [("jiancai_credit_limit", ">", 0), ("company_ids", "in", company.ids)]
        )
        teams = partners.jiancai_store_id | self.env["crm.team"].search(
            [
                ("company_id", "in", (False, company.id)),
                "|",
                ("jiancai_credit_limit", ">", 0),
                ("jiancai_is_store", "=", True),
            ]
        )
        vals_list = []
        for kind, records, field in (
            (CUSTOMER, partners, "partner_id"),
            (SALESPERSON, users, "user_id"),
            (STORE, teams, "team_id"),
        ):
            exposures = service._exposure_of_levels(kind, records.ids)
            for record in records:
                exp = exposures[record.id]
                limit = record._jiancai_credit_limit_value()
                vals_list.append(
                    {
                        "date": date,
                        "level": kind,
                        "level_name": record.display_name,
                        field: record.id,
                        "company_id": company.id,
                        "currency_id": company.currency_id.id,
                        "open_invoices": exp.open_invoices,
                        "open_orders": exp.open_orders,
                        "delivered": exp.delivered_uninvoiced,
                        "payments": exp.unallocated_payments,
                        "exposure": exp.total,
                        "credit_limit": limit or 0.0,
                        "available": limit - exp.total if limit is not None else 0.0,
                        "excess": max(exp.total - limit, 0.0) if limit is not None else 0.0,
                        "over_limit": limit is not None and exp.total > limit,
                    }
                )
        return self.create(vals_list)

    @api.model
    def _snapshot_partners(self, service):
        """Commercial partners with a limit, the prepay flag or open documents."""
        Partner = self.env["res.partner"].sudo()
        ids = set(service._partners_with_documents())
        flagged = Partner.search(
            Domain.OR([Domain("credit_limit", ">", 0), Domain("jiancai_credit_prepay", "=", True)])
            & Domain("company_id", "in", (False, self.env.company.id))
        )
        ids.update(flagged.commercial_partner_id.ids)
        return self.env["res.partner"].browse(sorted(ids)).sudo()
