import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CrmCase, xlsx

GOOD = ("翠湖天地", "3栋", "501室", "王先生", "139 1765 0001", "扫楼", "毛坯")


@tagged("post_install", "-at_install")
class TestImport(CrmCase):
    def outcomes(self, wizard):
        return [(line.row_number, line.outcome, line.problem or "") for line in wizard.line_ids]

    def test_preview_then_import_the_good_rows_only(self):
        # already in the database: a customer of the other store, a referral of the other
        # store on a flat, a lead of this store (merged), a customer of this store (linked)
        self.env["res.partner"].create(
            {"name": "别店客户", "phone": "13917650002", "user_id": self.other_guide.id}
        )
        designer = self.env["res.partner"].create(
            {"name": "设计师", "jiancai_partner_role": "designer"}
        )
        referral = self.env["jiancai.referral"].create(
            {
                "customer_name": "报备客户",
                "customer_phone": "13600000000",
                "community": "星河湾",
                "building": "1栋",
                "room": "101",
                "referrer_id": designer.id,
                "team_id": self.other_store.id,
            }
        )
        referral.action_submit()
        existing = self.pool_lead(name="老线索", phone="13917650004", room="808")
        existing.message_post(body="老线索的第一次跟进")
        mine = self.env["res.partner"].create(
            {"name": "本店客户", "phone": "13917650005", "user_id": self.guide.id}
        )
        data = xlsx(
            [
                GOOD,
                ("翠湖天地", "3栋", "502室", "李女士", "12345", "扫楼", ""),  # bad phone
                ("翠湖天地", "3号楼", "501", "王太太", "13917650009", "扫楼", ""),  # same flat
                ("别处", "", "", "别店", "139-1765-0002", "扫楼", ""),  # other store's customer
                (
                    "星河湾花园",
                    "1号楼",
                    "101室",
                    "报备",
                    "13917650003",
                    "物业",
                    "",
                ),  # referral flat
                ("翠湖天地", "9栋", "909", "老线索", "13917650004", "扫楼", "再次登记"),  # merge
                ("翠湖天地", "9栋", "910", "本店客户", "13917650005", "扫楼", ""),  # linked
                ("翠湖天地", "9栋", "911", "", "13917650006", "扫楼", ""),  # no name
                ("翠湖天地", "9栋", "912", "阿拉伯数字", "١٣٩١٧٦٥٠٠٠٧", "扫楼", ""),
            ]
        )
        wizard = self.import_wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(
            self.outcomes(wizard),
            [
                (2, "new", ""),
                (3, "rejected", "Bad phone number 12345"),
                (4, "rejected", "Same phone or flat as row 2 of this file"),
                (5, "rejected", "Already a customer of another store"),
                (6, "rejected", "Already a designer's referral of another store"),
                (7, "merge", ""),
                (8, "new", ""),
                (9, "rejected", "No name"),
                (10, "rejected", "Bad phone number ١٣٩١٧٦٥٠٠٠٧"),
            ],
        )
        self.assertEqual((wizard.new_count, wizard.merge_count, wizard.rejected_count), (2, 1, 6))
        # nothing imported by the preview
        Lead = self.env["crm.lead"]
        self.assertFalse(Lead.search([("jiancai_phone_key", "=", "13917650001")]))
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.merged_count), (2, 1))
        new = Lead.search([("jiancai_phone_key", "=", "13917650001")])
        self.assertEqual(
            (
                new.contact_name,
                new.jiancai_community,
                new.team_id,
                new.user_id.id,
                new.source_id.name,
            ),
            ("王先生", "翠湖天地", self.store, False, "扫楼"),
        )
        self.assertTrue(self.env["jiancai.crm.pool.lead"].search([("id", "=", new.id)]))
        linked = Lead.search([("jiancai_phone_key", "=", "13917650005")])
        self.assertEqual(linked.partner_id, mine)
        merged = Lead.search([("jiancai_phone_key", "=", "13917650004")])
        self.assertEqual(len(merged), 1, "the duplicate was merged into one lead")
        bodies = " ".join(merged.message_ids.mapped("body"))
        self.assertIn("老线索的第一次跟进", bodies)
        # the rejected rows come back as a sheet with their reasons
        action = wizard.action_download_rejected()
        self.assertIn("rejected_file", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.rejected_file)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 7)
        self.assertEqual(rows[1][0], 3)
        self.assertEqual(rows[1][-1], "Bad phone number 12345")

    def test_bad_files_get_clear_errors(self):
        cases = [
            ("name,phone\n王,13900000000\n".encode(), "leads.csv", "is not an Excel workbook"),
            (b"PK\x03\x04 not really a zip", "leads.xlsx", "is not an Excel workbook"),
            (b"\xd0\xcf\x11\xe0 old xls", "leads.xls", "is not an Excel workbook"),
            (xlsx([("王", "备注")], header=["姓名", "备注"]), "x.xlsx", "lacks the column"),
            (xlsx([], header=None), "empty.xlsx", "The sheet is empty|lacks the column"),
        ]
        for data, name, message in cases:
            with self.subTest(name=name), self.assertRaisesRegex(UserError, message):
                self.import_wizard(data, filename=name).action_preview()
        # 50 MB: refused before decoding (checked on an unsaved wizard: no 50 MB row)
        big = (
            self.env["jiancai.crm.lead.import"]
            .with_user(self.manager)
            .new(
                {
                    "file": base64.b64encode(b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)),
                    "filename": "big.xlsx",
                }
            )
        )
        with self.assertRaisesRegex(UserError, r"too large \(50.0 MB\); the limit is 10 MB"):
            big._read_sheet()

    def test_no_query_per_row(self):
        def rows(count):
            return [
                (
                    "翠湖天地",
                    str(i // 100),
                    str(i % 100 + 100),
                    f"客户{i}",
                    f"1390{i:07d}",
                    "扫楼",
                    "",
                )
                for i in range(count)
            ]

        small = self.import_wizard(xlsx(rows(50)))
        large = self.import_wizard(xlsx(rows(2000)))
        body_s, columns = small._read_sheet()
        body_l, _columns = large._read_sheet()
        small._check_rows(body_s, columns)  # warm the caches
        with self.assertQueryCount(3) as _counter:  # lead, customer, referral holders
            small._check_rows(body_s, columns)
        with self.assertQueryCount(3):
            result = large._check_rows(body_l, columns)
        self.assertEqual(sum(r.outcome == "new" for r in result), 2000)

    def test_guides_import_into_their_store_only(self):
        wizard = self.import_wizard(xlsx([GOOD]), user=self.other_guide)
        with self.assertRaisesRegex(UserError, "only into a store you work in"):
            wizard.action_preview()
        wizard = self.import_wizard(xlsx([GOOD]), user=self.guide, user_id=self.guide2.id)
        with self.assertRaisesRegex(UserError, "Only a store manager assigns"):
            wizard.action_preview()

    def test_import_checks_again_and_takes_rows_whole(self):
        wizard = self.import_wizard(xlsx([GOOD]))
        wizard.action_preview()
        # between preview and import another store got the customer
        self.env["res.partner"].create(
            {"name": "抢先", "phone": "13917650001", "user_id": self.other_guide.id}
        )
        wizard.action_import()
        self.assertEqual((wizard.created_count, wizard.rejected_count), (0, 1))
        self.assertFalse(self.env["crm.lead"].search([("jiancai_phone_key", "=", "13917650001")]))

    def test_template_is_the_import_format(self):
        data = self.env["jiancai.crm.lead.import"]._template_xlsx()
        wizard = self.import_wizard(data)
        wizard.action_preview()
        self.assertEqual(self.outcomes(wizard), [(2, "new", "")])

    def test_assigning_at_import_obeys_the_pool_limits(self):
        rows = [
            ("翠湖天地", "1栋", str(100 + i), f"客户{i}", f"1391765{i:04d}", "扫楼", "")
            for i in range(4)
        ]
        wizard = self.import_wizard(xlsx(rows), user_id=self.guide.id)
        wizard.action_preview()
        with self.assertRaises(UserError) as caught:  # in a savepoint: nothing stays
            wizard.action_import()
        self.assertIn("today's limit of 3", str(caught.exception))
        self.assertFalse(self.env["crm.lead"].search([("jiancai_phone_key", "like", "1391765%")]))
        wizard = self.import_wizard(xlsx(rows[:3]), user_id=self.guide.id)
        wizard.action_preview()
        wizard.action_import()
        leads = self.env["crm.lead"].search([("jiancai_phone_key", "like", "1391765%")])
        self.assertEqual(leads.user_id, self.guide)
        log = self.env["jiancai.crm.claim"].search([("lead_id", "in", leads.ids)])
        self.assertEqual((len(log), set(log.mapped("action"))), (3, {"reassign"}))
