from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _jiancai_demo_use_currency(self, company_ids, currency_id, country_id):
        """Demo data only: put the demo company in ``currency_id`` and ``country_id``.

        Odoo's accounting demo (installed before our modules) posts US-dollar entries in
        the main company, and a company with journal items cannot change its currency.
        Those entries are Odoo's sample data, not the dealer's: they are removed first.
        The company's pricelists follow, so that new orders are in ``currency_id`` too.
        Does nothing unless ``account`` was installed with demo data.
        """
        if not self.env.ref("base.module_account").demo:
            return
        currency = self.env["res.currency"].browse(currency_id)
        currency.active = True
        for company in self.browse(company_ids):
            if company.currency_id == currency:
                continue
            moves = self.env["account.move"].search([("company_id", "=", company.id)])
            moves.line_ids.remove_move_reconcile()
            moves.filtered(lambda move: move.state != "draft").button_draft()
            moves.with_context(force_delete=True).unlink()
            self.env["account.bank.statement"].search([("company_id", "=", company.id)]).unlink()
            pricelists = self.env["product.pricelist"].search(
                [("company_id", "=", company.id), ("currency_id", "=", company.currency_id.id)]
            )
            company.write({"currency_id": currency.id, "account_fiscal_country_id": country_id})
            pricelists.write({"currency_id": currency.id})
