from odoo import models


class PieceRateXlsx(models.AbstractModel):
    """Installer piece-rate pay: a summary per technician and type, then every job."""

    _name = "report.jiancai_service.piece_rate_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Piece-rate Pay (xlsx)"

    def generate_xlsx_report(self, workbook, data, objs):
        jobs = objs.filtered(lambda t: t.jiancai_phase == "done" and t.jiancai_technician_id)
        jobs = jobs.sorted(lambda t: (t.jiancai_technician_id.name or "", t.jiancai_done_at, t.id))
        bold = workbook.add_format({"bold": True, "bg_color": "#EEEEEE"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        summary = workbook.add_worksheet(self.env._("Pay"))
        titles = [
            self.env._("Technician"),
            self.env._("Service Type"),
            self.env._("Jobs"),
            self.env._("Pay"),
        ]
        for col, title in enumerate(titles):
            summary.write(0, col, title, bold)
            summary.set_column(col, col, 18)
        totals = {}
        for job in jobs:
            key = (job.jiancai_technician_id.name, job.jiancai_type_id.name)
            count, amount = totals.get(key, (0, 0.0))
            totals[key] = (count + 1, amount + job.jiancai_piece_rate)
        row = 0
        for row, ((technician, service_type), (count, amount)) in enumerate(
            sorted(totals.items()), start=1
        ):
            summary.write(row, 0, technician)
            summary.write(row, 1, service_type)
            summary.write_number(row, 2, count)
            summary.write_number(row, 3, amount, money)
        summary.write(row + 1, 0, self.env._("Total"), bold)
        summary.write_number(row + 1, 2, len(jobs), bold)
        summary.write_number(row + 1, 3, sum(jobs.mapped("jiancai_piece_rate")), money)
        detail = workbook.add_worksheet(self.env._("Jobs"))
        titles = [
            self.env._("Technician"),
            self.env._("Ticket"),
            self.env._("Service Type"),
            self.env._("Customer"),
            self.env._("Completed"),
            self.env._("Piece Rate"),
        ]
        for col, title in enumerate(titles):
            detail.write(0, col, title, bold)
            detail.set_column(col, col, 18)
        for row, job in enumerate(jobs, start=1):
            detail.write(row, 0, job.jiancai_technician_id.name)
            detail.write(row, 1, job.number)
            detail.write(row, 2, job.jiancai_type_id.name)
            detail.write(row, 3, job.partner_id.name or "")
            detail.write(row, 4, str(job.jiancai_done_at or ""))
            detail.write_number(row, 5, job.jiancai_piece_rate, money)
        summary.freeze_panes(1, 0)
        detail.freeze_panes(1, 0)
