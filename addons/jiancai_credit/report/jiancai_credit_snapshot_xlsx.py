from odoo import models

from ..engine.decision import CUSTOMER, SALESPERSON, STORE


class JiancaiCreditSnapshotXlsx(models.AbstractModel):
    """Credit exposures as a spreadsheet: one sheet per level, breakdown and available."""

    _name = "report.jiancai_credit.credit_snapshot_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Credit Exposures (xlsx)"

    def _exposure_columns(self):
        """(title, width, snapshot field) of every column, in order."""
        return [
            (self.env._("Date"), 12, "date"),
            (self.env._("Name"), 30, "level_name"),
            (self.env._("Company"), 20, "company_id"),
            (self.env._("Currency"), 9, "currency_id"),
            (self.env._("Unpaid Invoices"), 15, "open_invoices"),
            (self.env._("Confirmed Orders Not Invoiced"), 15, "open_orders"),
            (self.env._("Delivered Not Invoiced"), 15, "delivered"),
            (self.env._("Unallocated Payments"), 15, "payments"),
            (self.env._("Credit Exposure"), 15, "exposure"),
            (self.env._("Limit"), 15, "credit_limit"),
            (self.env._("Available Credit"), 15, "available"),
            (self.env._("Over Limit By"), 15, "excess"),
        ]

    def _exposure_sheets(self):
        return [
            (CUSTOMER, self.env._("Customers")),
            (SALESPERSON, self.env._("Salespersons")),
            (STORE, self.env._("Stores")),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        snapshots = objs.sudo(False)
        header = workbook.add_format({"bold": True, "bg_color": "#EEEEEE", "bottom": 1})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        number = workbook.add_format({"num_format": "#,##0.00"})
        over = workbook.add_format({"num_format": "#,##0.00", "bold": True, "bg_color": "#FFC7CE"})
        columns = self._exposure_columns()
        for level, title in self._exposure_sheets():
            sheet = workbook.add_worksheet(title)
            for col, (name, width, _field) in enumerate(columns):
                sheet.write(0, col, name, header)
                sheet.set_column(col, col, width)
            rows = snapshots.filtered(lambda s, lv=level: s.level == lv)
            for row, snap in enumerate(rows, start=1):
                for col, (_name, _width, field) in enumerate(columns):
                    value = snap[field]
                    if field == "date":
                        sheet.write_datetime(row, col, value, date_format)
                    elif field == "company_id":
                        sheet.write_string(row, col, value.name)
                    elif field == "currency_id":
                        sheet.write_string(row, col, value.name)
                    elif field == "level_name":
                        sheet.write_string(row, col, value)
                    elif field == "credit_limit" and not value:
                        sheet.write_blank(row, col, None)
                    elif field == "available" and not snap.credit_limit:
                        sheet.write_blank(row, col, None)
                    else:
                        fmt = over if field == "excess" and value > 0 else number
                        sheet.write_number(row, col, value, fmt)
            sheet.freeze_panes(1, 2)
            sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
