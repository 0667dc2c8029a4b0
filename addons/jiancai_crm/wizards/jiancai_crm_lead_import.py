import base64
import binascii
import io
import logging
import zipfile

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, plaintext2html

from odoo.addons.jiancai_referral.models.jiancai_referral import CLAIMING_STATES

from ..engine.lead_import import (
    BAD_PHONE,
    DUPLICATE_IN_FILE,
    HELD_BY_OTHER_STORE,
    MERGE,
    NEW,
    NO_NAME,
    REJECTED,
    TOO_LONG,
    Holder,
    classify,
    map_headers,
    mark_file_duplicates,
    read_row,
)

_logger = logging.getLogger(__name__)

TEMPLATE_HEADERS = ["小区", "楼栋", "房号", "姓名", "电话", "来源", "备注"]


def _openpyxl():
    import openpyxl  # noqa: PLC0415  (an external dependency, imported where used)

    return openpyxl


class JiancaiCrmLeadImport(models.TransientModel):
    """Upload a sheet of leads, see every row's problems, import the good rows."""

    _name = "jiancai.crm.lead.import"
    _description = "Lead Import"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
        default="upload",
        required=True,
    )
    file = fields.Binary("Excel File (.xlsx)", attachment=False)
    filename = fields.Char()
    team_id = fields.Many2one(
        "crm.team",
        "Store",
        required=True,
        domain="[('jiancai_is_store', '=', True)]",
        default=lambda self: self.env["crm.team"]._jiancai_store_of_user(),
    )
    user_id = fields.Many2one(
        "res.users",
        "Assign To",
        help="Leave empty to put the new leads in the store's pool (公海池).",
        domain="[('share', '=', False)]",
    )
    line_ids = fields.One2many("jiancai.crm.lead.import.line", "wizard_id", "Rows")
    total_count = fields.Integer("Rows Read", readonly=True)
    new_count = fields.Integer("New", readonly=True)
    merge_count = fields.Integer("To Merge", readonly=True)
    rejected_count = fields.Integer("Rejected", readonly=True)
    created_count = fields.Integer("Leads Created", readonly=True)
    merged_count = fields.Integer("Leads Merged", readonly=True)
    rejected_file = fields.Binary(readonly=True, attachment=False)
    rejected_filename = fields.Char(readonly=True)

    @api.depends("filename")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._(
                "Lead import %(file)s", file=wizard.filename or ""
            ).strip()

    # ------------------------------------------------------------------ reading
    def _max_bytes(self):
        return self.env["crm.lead"]._jiancai_param("import_max_mb", 10) * 1024 * 1024

    def _max_rows(self):
        return self.env["crm.lead"]._jiancai_param("import_max_rows", 20000)

    def _read_sheet(self):
        """[(excel row number, cells)] and the column map; a UserError for a bad file."""
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose an Excel file (.xlsx) first."))
        max_bytes = self._max_bytes()
        # base64 is 4/3 of the bytes: refuse a huge file before decoding it
        if len(self.file) * 3 // 4 > max_bytes + 3:
            raise UserError(
                self.env._(
                    "The file is too large (%(size)s MB); the limit is %(max)s MB. Split it "
                    "into several sheets.",
                    size=round(len(self.file) * 3 / 4 / 1048576, 1),
                    max=max_bytes // 1048576,
                )
            )
        try:
            data = base64.b64decode(self.file, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise UserError(self.env._("The upload is damaged; upload the file again.")) from exc
        not_xlsx = self.env._(
            "%(name)s is not an Excel workbook (.xlsx). Save it as .xlsx in Excel or WPS "
            "(an .xls or .csv file will not do) and upload it again.",
            name=self.filename or self.env._("The file"),
        )
        if not data.startswith(b"PK\x03\x04"):
            raise UserError(not_xlsx)
        openpyxl = _openpyxl()
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                raise UserError(
                    self.env._("The sheet is empty: the first row must name the columns.")
                )
            columns, missing = map_headers(header)
            if missing:
                labels = dict(
                    zip(("community", "name", "phone"), ("小区", "姓名", "电话"), strict=True)
                )
                raise UserError(
                    self.env._(
                        "The sheet lacks the column(s) %(missing)s in its first row. Download "
                        "the template and copy your rows into it.",
                        missing=", ".join(labels[m] for m in missing),
                    )
                )
            body = []
            max_rows = self._max_rows()
            for number, cells in enumerate(rows, start=2):
                if not cells or all(c is None or str(c).strip() == "" for c in cells):
                    continue
                if len(body) >= max_rows:
                    raise UserError(
                        self.env._(
                            "The sheet has more than %(max)s rows; split it into several files.",
                            max=max_rows,
                        )
                    )
                body.append((number, cells))
            book.close()
        except UserError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
            _logger.info("lead import: unreadable workbook %s: %s", self.filename, exc)
            raise UserError(not_xlsx) from exc
        return body, columns

    # ------------------------------------------------------------------ checking
    def _holders(self, phones, properties):
        """Who already has these phones or flats: one query per kind of record."""
        by_phone, by_property = {}, {}
        cr = self.env.cr
        self.env.flush_all()
        if not phones and not properties:
            return by_phone, by_property
        phones, properties = list(phones), list(properties)
        cr.execute(
            SQL(
                """SELECT id, jiancai_phone_key, jiancai_property_key, team_id FROM crm_lead
                    WHERE active
                      AND (jiancai_phone_key = ANY(%s) OR jiancai_property_key = ANY(%s))""",
                phones,
                properties,
            )
        )
        for lead_id, phone, prop, team in cr.fetchall():
            holder = Holder("lead", lead_id, team)
            if phone in phones:
                by_phone.setdefault(phone, []).append(holder)
            if prop and prop in properties:
                by_property.setdefault(prop, []).append(holder)
        cr.execute(
            SQL(
                """SELECT p.id, p.jiancai_phone_key, u.sale_team_id
                     FROM res_partner p
                     LEFT JOIN res_users u ON u.id = p.user_id
                    WHERE p.active AND p.jiancai_phone_key = ANY(%s)
                      AND NOT EXISTS (
                          SELECT 1 FROM res_users s WHERE s.partner_id = p.id AND NOT s.share
                      )""",
                phones,
            )
        )
        for partner_id, phone, team in cr.fetchall():
            by_phone.setdefault(phone, []).append(Holder("customer", partner_id, team))
        cr.execute(
            SQL(
                """SELECT id, phone_key, property_key, team_id FROM jiancai_referral
                    WHERE state IN %s AND (phone_key = ANY(%s) OR property_key = ANY(%s))""",
                CLAIMING_STATES,
                phones,
                properties,
            )
        )
        for referral_id, phone, prop, team in cr.fetchall():
            holder = Holder("referral", referral_id, team)
            if phone in phones:
                by_phone.setdefault(phone, []).append(holder)
            if prop and prop in properties:
                by_property.setdefault(prop, []).append(holder)
        return by_phone, by_property

    def _problem_text(self, problem):
        kinds = {
            "lead": self.env._("a lead"),
            "customer": self.env._("a customer"),
            "referral": self.env._("a designer's referral"),
        }
        if problem.code == BAD_PHONE:
            return self.env._(
                "Bad phone number %(phone)s", phone=problem.params.get("phone") or "-"
            )
        if problem.code == NO_NAME:
            return self.env._("No name")
        if problem.code == TOO_LONG:
            return self.env._("Text too long in column %(column)s", column=problem.params["column"])
        if problem.code == DUPLICATE_IN_FILE:
            return self.env._(
                "Same phone or flat as row %(row)s of this file", row=problem.params["row"]
            )
        if problem.code == HELD_BY_OTHER_STORE:
            return self.env._(
                "Already %(kind)s of another store", kind=kinds.get(problem.params["kind"], "-")
            )
        return problem.code

    def _check_rows(self, body, columns):
        rows = [read_row(number, cells, columns) for number, cells in body]
        rows = mark_file_duplicates(rows)
        phones = {r.phone_key for r in rows if r.ok}
        properties = {r.property_key for r in rows if r.ok and r.property_key}
        by_phone, by_property = self._holders(phones, properties)
        return classify(rows, by_phone, by_property, self.team_id.id)

    def _check_store(self):
        self.ensure_one()
        if self.env.su or self.env.user.has_group("jiancai_base.group_general_manager"):
            return
        if self.team_id not in self.env["crm.team"]._jiancai_stores_of_user():
            raise UserError(self.env._("You may import leads only into a store you work in."))
        if (
            self.user_id
            and self.user_id != self.env.user
            and not self.env.user.has_group("jiancai_base.group_store_manager")
        ):
            raise UserError(
                self.env._("Only a store manager assigns imported leads to someone else.")
            )

    def action_preview(self):
        self.ensure_one()
        self._check_store()
        body, columns = self._read_sheet()
        rows = self._check_rows(body, columns)
        self.line_ids.unlink()
        self.env["jiancai.crm.lead.import.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "row_number": row.number,
                    "community": row.values["community"],
                    "building": row.values["building"],
                    "room": row.values["room"],
                    "contact_name": row.values["name"],
                    "phone": row.values["phone"],
                    "source": row.values["source"],
                    "notes": row.values["notes"],
                    "phone_key": row.phone_key,
                    "property_key": row.property_key,
                    "outcome": row.outcome,
                    "problem": "; ".join(self._problem_text(p) for p in row.problems),
                    "merge_into": row.merge_into or 0,
                    "partner_id": row.partner_id or 0,
                }
                for row in rows
            ]
        )
        self.write(
            {
                "state": "preview",
                "total_count": len(rows),
                "new_count": sum(r.outcome == NEW for r in rows),
                "merge_count": sum(r.outcome == MERGE for r in rows),
                "rejected_count": sum(r.outcome == REJECTED for r in rows),
            }
        )
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------------ importing
    def _sources(self, names):
        Source = self.env["utm.source"].sudo()
        names = {n for n in names if n}
        found = {s.name: s.id for s in Source.search([("name", "in", list(names))])}
        missing = sorted(names - set(found))
        if missing:
            for source in Source.create([{"name": n} for n in missing]):
                found[source.name] = source.id
        return found

    def action_import(self):
        """Create the good rows as leads in one go, merge same-store duplicates."""
        self.ensure_one()
        self._check_store()
        if self.state != "preview":
            raise UserError(self.env._("Preview the file before importing it."))
        # the database may have changed since the preview: check again, in this transaction
        body, columns = self._read_sheet()
        rows = self._check_rows(body, columns)
        good = [r for r in rows if r.outcome in (NEW, MERGE)]
        sources = self._sources(r.values["source"] for r in good)
        Lead = (
            self.env["crm.lead"]
            .sudo()
            .with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
            )
        )
        vals_list = []
        for row in good:
            values = row.values
            title = " ".join(
                part
                for part in (
                    values["community"],
                    values["building"],
                    values["room"],
                    values["name"],
                )
                if part
            )
            vals_list.append(
                {
                    "name": title[:200],
                    "type": "lead",
                    "contact_name": values["name"],
                    "phone": row.phone_key,
                    "jiancai_community": values["community"],
                    "jiancai_building": values["building"],
                    "jiancai_room": values["room"],
                    "source_id": sources.get(values["source"], False),
                    "description": plaintext2html(values["notes"]) if values["notes"] else False,
                    "team_id": self.team_id.id,
                    "user_id": False,
                    "partner_id": row.partner_id or False,
                    "company_id": self.team_id.company_id.id or self.env.company.id,
                }
            )
        leads = Lead.create(vals_list)
        if self.user_id:
            # given to a guide at import: the pool's limits and cool-down apply, logged
            leads._jiancai_assign(self.user_id, by=self.env.user, note=self.filename)
        merged = 0
        for row, lead in zip(good, leads, strict=True):
            if row.outcome == MERGE and row.merge_into:
                existing = Lead.browse(row.merge_into)
                (existing | lead).with_context(tracking_disable=False)._merge_opportunity(
                    auto_unlink=True, max_length=0
                )
                merged += 1
        self.write(
            {
                "state": "done",
                "created_count": len(leads) - merged,
                "merged_count": merged,
                "rejected_count": sum(r.outcome == REJECTED for r in rows),
            }
        )
        return self._reopen()

    def action_download_rejected(self):
        self.ensure_one()
        rejected = self.line_ids.filtered(lambda line: line.outcome == "rejected")
        openpyxl = _openpyxl()
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet(self.env._("Rejected"))
        sheet.append([self.env._("Row"), *TEMPLATE_HEADERS, self.env._("Reason")])
        for line in rejected:
            sheet.append(
                [
                    line.row_number,
                    line.community,
                    line.building,
                    line.room,
                    line.contact_name,
                    line.phone,
                    line.source,
                    line.notes,
                    line.problem,
                ]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        self.write(
            {
                "rejected_file": base64.b64encode(buffer.getvalue()),
                "rejected_filename": "rejected_leads.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/rejected_file/rejected_leads.xlsx"
            "?download=true",
            "target": "self",
        }

    @api.model
    def _template_xlsx(self):
        openpyxl = _openpyxl()
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "leads"
        sheet.append(TEMPLATE_HEADERS)
        sheet.append(
            ["翠湖天地", "3栋", "501室", "王先生", "139 1765 4321", "扫楼", "毛坯, 想做客厅大板"]
        )
        for column, width in zip("ABCDEFG", (18, 10, 10, 12, 16, 12, 30), strict=True):
            sheet.column_dimensions[column].width = width
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
