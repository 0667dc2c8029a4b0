from odoo import models


class ReferralSettlementXlsx(models.AbstractModel):
    """Monthly designer settlement: one sheet, one row per referral, grouped by designer."""

    _name = "report.jiancai_referral.referral_settlement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Designer Settlement (xlsx)"

    def _settlement_columns(self):
        return [
            self.env._("Design Company"),
            self.env._("Designer"),
            self.env._("Reference"),
            self.env._("Customer"),
            self.env._("Community"),
            self.env._("Store"),
            self.env._("Salesperson"),
            self.env._("Status"),
            self.env._("Verified On"),
            self.env._("Last Milestone"),
            self.env._("Confirmed Sales"),
        ]

    def _confirmed_sales(self, referral):
        if not referral.partner_id:
            return 0.0
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", referral.partner_id.commercial_partner_id.id),
                    ("state", "=", "sale"),
                ]
            )
        )
        return sum(orders.mapped("amount_untaxed"))

    def generate_xlsx_report(self, workbook, data, objs):
        sheet = workbook.add_worksheet(self.env._("Settlement"))
        bold = workbook.add_format({"bold": True, "bg_color": "#EEEEEE"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        for col, title in enumerate(self._settlement_columns()):
            sheet.write(0, col, title, bold)
            sheet.set_column(col, col, 16)
        labels = dict(objs._fields["state"]._description_selection(self.env))
        milestones = dict(objs._fields["last_milestone"]._description_selection(self.env))
        ordered = objs.sorted(
            lambda r: (r.referrer_commercial_id.name or "", r.referrer_id.name or "", r.id)
        )
        for row, referral in enumerate(ordered, start=1):
            values = [
                referral.referrer_commercial_id.name or "",
                referral.referrer_id.name or "",
                referral.name,
                referral.customer_name,
                referral.community,
                referral.team_id.name or "",
                referral.user_id.name or "",
                labels[referral.state],
                str(referral.verified_on or ""),
                milestones.get(referral.last_milestone, "") if referral.last_milestone else "",
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value)
            sheet.write_number(row, len(values), self._confirmed_sales(referral), money)
        sheet.freeze_panes(1, 0)
