import io

import openpyxl

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditSnapshot(CreditCase):
    """The stored overview per level, its refresh, its xlsx export, and companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.finance = cls.users["finance"]
        cls.Snapshot = cls.env["jiancai.credit.snapshot"]

    def setUp(self):
        super().setUp()
        # 12 tiles ordered, 4 delivered and invoiced, 150 paid: before any limit is set
        order = self.make_order(12)
        self.deliver(order, qty=4)
        self.pay(self.invoice(order), 150)
        self.customer.credit_limit = 1000
        self.guide.sudo().jiancai_credit_limit = 1500
        self.store.jiancai_credit_limit = 100

    def refresh(self, user=None):
        self.Snapshot.with_user(user or self.finance).action_refresh()
        return self.Snapshot.with_user(user or self.finance).search(
            [
                ("date", "=", fields.Date.context_today(self.Snapshot)),
                "|",
                "|",
                ("partner_id", "=", self.customer.id),
                ("user_id", "=", self.guide.id),
                ("team_id", "=", self.store.id),
            ]
        )

    def figures(self, snapshot):
        return (
            snapshot.open_invoices,
            snapshot.open_orders,
            snapshot.delivered,
            snapshot.payments,
            snapshot.exposure,
            snapshot.credit_limit,
            snapshot.available,
            snapshot.excess,
            snapshot.over_limit,
        )

    def test_refresh_stores_every_level(self):
        rows = self.refresh()
        by_level = {row.level: row for row in rows}
        self.assertEqual(set(by_level), {"customer", "salesperson", "store"})
        self.assertEqual(
            self.figures(by_level["customer"]), (250, 800, 0, 0, 1050, 1000, -50, 50, True)
        )
        self.assertEqual(
            self.figures(by_level["salesperson"]),
            (250, 800, 0, 0, 1050, 1500, 450, 0, False),
        )
        self.assertEqual(
            self.figures(by_level["store"]), (250, 800, 0, 0, 1050, 100, -950, 950, True)
        )
        self.assertEqual(by_level["customer"].currency_id, self.env.company.currency_id)
        # the snapshot agrees with the live fields it was taken from
        self.customer.invalidate_recordset()
        self.assertEqual(by_level["customer"].exposure, self.customer.jiancai_exposure_total)
        over = self.Snapshot.with_user(self.finance).search(
            [("over_limit", "=", True), ("id", "in", rows.ids)]
        )
        self.assertEqual(set(over.mapped("level")), {"customer", "store"})

    def test_refresh_again_replaces_the_day(self):
        first = self.refresh()
        self.deposit(self.customer, 300)
        second = self.refresh()
        self.assertFalse(first.exists(), "the same day is replaced, not duplicated")
        self.assertEqual(len(second), 3)
        customer = second.filtered(lambda s: s.level == "customer")
        self.assertEqual(self.figures(customer), (250, 800, 0, 300, 750, 1000, 250, 0, False))

    def test_pivot_groups_by_level(self):
        self.refresh()
        groups = self.Snapshot.with_user(self.finance)._read_group(
            [("team_id", "=", self.store.id)], ["level"], ["exposure:sum"]
        )
        self.assertEqual(groups, [("store", 1050.0)])

    def test_cron_refreshes_every_company(self):
        self.Snapshot._cron_refresh()
        rows = self.Snapshot.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(rows.mapped("exposure"), [1050.0])

    def test_only_finance_and_managers(self):
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.guide).action_refresh()
        with self.assertRaises(AccessError):
            self.Snapshot.with_user(self.guide).search([])
        rows = self.refresh()
        manager_rows = self.Snapshot.with_user(self.users["store_manager"]).browse(rows.ids)
        self.assertEqual(len(manager_rows.read(["exposure"])), 3, "store managers read")
        with self.assertRaises(AccessError):
            manager_rows.action_refresh()
        with self.assertRaises(AccessError):
            rows.with_user(self.finance).write({"exposure": 0})

    def test_xlsx_export_per_level(self):
        rows = self.refresh()
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.finance)
            ._render_xlsx("jiancai_credit.credit_snapshot_xlsx", rows.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Customers", "Salespersons", "Stores"])
        header = [cell.value for cell in book["Customers"][1]]
        self.assertEqual(
            header,
            [
                "Date",
                "Name",
                "Company",
                "Currency",
                "Unpaid Invoices",
                "Confirmed Orders Not Invoiced",
                "Delivered Not Invoiced",
                "Unallocated Payments",
                "Credit Exposure",
                "Limit",
                "Available Credit",
                "Over Limit By",
            ],
        )
        expected = {
            "Customers": (self.customer.display_name, 1000, -50, 50),
            "Salespersons": (self.guide.display_name, 1500, 450, 0),
            "Stores": (self.store.display_name, 100, -950, 950),
        }
        for sheet, (name, limit, available, excess) in expected.items():
            values = [[cell.value for cell in row] for row in book[sheet].iter_rows(min_row=2)]
            self.assertEqual(len(values), 1, sheet)
            row = values[0]
            self.assertEqual(row[0].date(), fields.Date.context_today(self.Snapshot))
            company = self.env.company
            self.assertEqual(row[1:4], [name, company.name, company.currency_id.name])
            self.assertEqual(row[4:], [250, 800, 0, 0, 1050, limit, available, excess], sheet)

    def test_exposure_is_per_company_in_its_currency(self):
        """A second company's invoices are its own exposure, never summed into ours."""
        hkd = self.env.ref("base.HKD")
        hkd.active = True
        other = self.env["res.company"].create(
            {
                "name": "美家建材香港",
                "country_id": self.env.ref("base.hk").id,
                "currency_id": hkd.id,
            }
        )
        self.env["account.chart.template"].try_loading(
            "generic_coa", company=other, install_demo=False
        )
        other.currency_id = hkd  # the chart may have set the fiscal country's currency
        currency = other.currency_id
        self.assertNotEqual(currency, self.env.company.currency_id, "two currencies")
        self.finance.sudo().company_ids = [Command.link(other.id)]
        move = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_date": fields.Date.today(),
                    "invoice_line_ids": [
                        Command.create({"name": "Stone slab", "price_unit": 640, "tax_ids": []})
                    ],
                }
            )
        )
        move.action_post()
        self.assertEqual(move.company_id, other)
        customer = self.customer.with_user(self.finance)
        here = customer.with_company(self.env.company)
        self.assertEqual(here.jiancai_exposure_total, 1050, "our company: unchanged")
        self.assertEqual(here.jiancai_credit_currency_id, self.env.company.currency_id)
        there = customer.with_context(allowed_company_ids=[other.id]).with_company(other)
        self.assertEqual(there.jiancai_exposure_open_invoices, 640)
        self.assertEqual(there.jiancai_exposure_total, 640, "the other company: its own")
        self.assertEqual(there.jiancai_credit_currency_id, currency)
        self.Snapshot._refresh(other)
        snap = self.Snapshot.search(
            [("company_id", "=", other.id), ("partner_id", "=", customer.id)]
        )
        self.assertEqual((snap.exposure, snap.currency_id), (640, currency))


@tagged("post_install", "-at_install")
class TestCreditOverviewPage(JiancaiHttpCase):
    """Finance opens the credit overview, refreshes it and reads it as list and pivot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.finance = new_test_user(
            cls.env,
            login="jc_credit_overview",
            name="陈会计",
            groups="base.group_user,jiancai_base.group_finance",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "常州瓷砖总汇", "is_company": True, "credit_limit": 1000}
        )
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Tiles", "price_unit": 1234, "tax_ids": []})
                ],
            }
        )
        move.action_post()

    def test_refresh_then_list_and_pivot(self):
        rows = "document.querySelectorAll('.o_list_renderer .o_data_row').length"
        with self.page("/odoo/jiancai-credit-overview", login="jc_credit_overview") as browser:
            self.wait_for(browser, "!!document.querySelector('.o_list_renderer')", "list")
            self.run_js(
                browser,
                "[...document.querySelectorAll('.o_control_panel button')]"
                ".find(b => b.innerText.trim() === 'Refresh Now').click()",
            )
            self.wait_for(
                browser,
                "[...document.querySelectorAll('.o_list_renderer .o_data_row')]"
                ".some(r => r.innerText.includes('常州瓷砖总汇'))",
                "the refreshed customer row",
            )
            self.assertGreaterEqual(self.run_js(browser, rows), 1)
            self.shot(browser, "credit_overview_list")
            row = self.run_js(
                browser,
                "[...document.querySelectorAll('.o_list_renderer .o_data_row')]"
                ".find(r => r.innerText.includes('常州瓷砖总汇')).innerText",
            )
            self.assertIn("1,234.00", row)
            self.assertIn("-234.00", row, "available credit")
            self.run_js(browser, "document.querySelector('.o_switch_view.o_pivot').click()")
            self.wait_for(browser, "!!document.querySelector('.o_pivot table')", "pivot")
            self.shot(browser, "credit_overview_pivot")
            self.assertIn("Customer", self.run_js(browser, "document.body.innerText"))
