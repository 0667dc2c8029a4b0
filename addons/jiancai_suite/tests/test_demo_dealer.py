"""The demo dealer as bin/run builds it: each demo login opens on their work, the company
looks Chinese (¥, 13% VAT, Shanghai time, a logo), the portal shows the dealer only."""

from ast import literal_eval

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase

# demo login -> the home action it opens on
HOMES = {
    "jc.gm": "sale.action_order_report_all",
    "jc.manager.xh": "jiancai_base.sale_order_action_store",
    "jc.manager.pd": "jiancai_base.sale_order_action_store",
    "jc.guide.xh": "sale.action_quotations_with_onboarding",
    "jc.guide.pd": "sale.action_quotations_with_onboarding",
    "jc.finance": "jiancai_credit.jiancai_credit_approval_action",
    "jc.warehouse": "jiancai_base.stock_picking_action_to_ship",
    "jc.dispatcher": "jiancai_dispatch.trip_action",
    "jc.driver": "jiancai_suite.driver_page_action",
    "jc.installer": "jiancai_suite.technician_page_action",
    "jc.supervisor": "jiancai_suite.supervisor_page_action",
    "jc.service": "jiancai_service.helpdesk_ticket_action_service",
}


@tagged("post_install", "-at_install")
class TestDemoHomes(JiancaiHttpCase):
    def _user(self, login):
        return self.env["res.users"].search([("login", "=", login)])

    def test_every_staff_login_has_a_home_it_can_open(self):
        staff = self.env["res.users"].search([("login", "=like", "jc.%"), ("share", "=", False)])
        self.assertEqual(set(staff.mapped("login")), set(HOMES))
        for login, xmlid in HOMES.items():
            with self.subTest(login=login):
                user = self._user(login)
                self.assertEqual(user.action_id.id, self.env.ref(xmlid).id)

    def test_every_demo_login_lives_in_shanghai_time(self):
        # portal pages show dates in the user's time zone: a designer without one saw UTC
        users = self.env["res.users"].search([("login", "=like", "jc.%")])
        self.assertEqual(users.filtered(lambda u: u.tz != "Asia/Shanghai").mapped("login"), [])

    def test_window_homes_load_without_access_error(self):
        for login, xmlid in HOMES.items():
            action = self.env.ref(xmlid)
            if action.type != "ir.actions.act_window":
                continue
            with self.subTest(login=login):
                user = self._user(login)
                loaded = self.env["ir.actions.actions"].with_user(user)._for_xml_id(xmlid)
                self.assertEqual(loaded["id"], action.id)
                model = self.env[action.res_model].with_user(user)
                self.assertTrue(model.has_access("read"))
                model.search([], limit=5).read(["display_name"])

    def test_warehouse_home_lists_the_trip_deliveries(self):
        # the trip made its dispatcher responsible for them: still the warehouse's work
        trip = self.env.ref("jiancai_dispatch.trip_demo_today")
        warehouse = self._user("jc.warehouse")
        action = (
            self.env["ir.actions.actions"]
            .with_user(warehouse)
            ._for_xml_id("jiancai_base.stock_picking_action_to_ship")
        )
        found = (
            self.env["stock.picking"]
            .with_user(warehouse)
            .search(literal_eval(action["domain"]) + [("picking_type_code", "=", "outgoing")])
        )
        self.assertTrue(trip.picking_ids)
        self.assertLessEqual(trip.picking_ids, found)

    def test_home_action_in_session(self):
        for login, xmlid in HOMES.items():
            with self.subTest(login=login):
                self.authenticate(login, login)
                info = self.make_jsonrpc_request("/web/session/get_session_info")
                self.assertEqual(info["home_action_id"], self.env.ref(xmlid).id)

    def test_field_staff_open_on_their_phone_pages(self):
        # the web client follows the act_url home; the website prefixes the user's
        # language (/zh_CN/jc/driver)
        pages = {
            "jc.driver": ("/jc/driver", ".o_jiancai_dispatch_driver"),
            "jc.installer": ("/jc/service", ".o_jiancai_service_phone"),
            "jc.supervisor": ("/jc/site", ".o_jiancai_renovation_phone"),
        }
        for login, (path, selector) in pages.items():
            with (
                self.subTest(login=login),
                self.page("/odoo", login=login, size=PHONE) as browser,
            ):
                self.wait_for(
                    browser,
                    f"location.pathname.endsWith('{path}')"
                    f" && !!document.querySelector('{selector}')",
                    f"{login} lands on their phone page",
                )
                self.assertFalse(
                    self.run_js(browser, "!!document.querySelector('.o_action_manager')")
                )
                self.shot(browser, f"{login.replace('.', '_')}_home")

    def test_daily_reports_in_chinese_on_the_phone(self):
        """张伟 ticks the plan he made yesterday; 李秀英 sees who has written today."""
        with self.page("/jc/report", login="jc.guide.xh", size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_check_plans')", "plans"
            )
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("昨日计划", text)
            self.assertIn("给何先生发岩板到货通知并约送货", text)
            self.shot(browser, "jc_guide_xh_daily_report")
        with self.page("/jc/report/team", login="jc.manager.xh", size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_report_team_store')", "team"
            )
            self.assertIn("今日日报", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "jc_manager_xh_daily_team")
        store_report = self.env.ref("jiancai_daily_report.report_store_xh_d1")
        with self.page(f"/jc/report/{store_report.id}", login="jc.gm", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_report_review')", "review")
            self.assertIn("进店客户数", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "jc_gm_store_report_review")

    def test_the_customers_home_in_chinese(self):
        """孙师傅 measured 何志明's flat; 何志明 sees it, and the tiles bought for it."""
        home = self.env.ref("jiancai_home.home_he")
        bought = self.env.ref("jiancai_lot.sale_order_colour_lot").name
        with self.page(f"/jc/home/{home.id}", login="jc.installer", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_room_form')", "rooms")
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("添加房间", text)
            self.assertIn("主卫", text)
            self.shot(browser, "jc_installer_home_measure")
        with self.page(f"/my/home/{home.id}", login="jc.customer", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_portal')", "my home")
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("为这套房子买的", text)
            self.assertIn(bought, text)
            self.shot(browser, "jc_customer_my_home")

    def test_guide_opens_on_quotations_in_chinese(self):
        with self.page("/odoo", login="jc.guide.xh") as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_data_row')",
                "the guide's quotations list",
            )
            self.assertEqual(self.run_js(browser, "location.pathname"), "/odoo/sales")
            crumb = self.run_js(browser, "document.querySelector('.o_breadcrumb').innerText")
            self.assertIn("报价单", crumb)
            self.shot(browser, "guide_home_zh_CN")

    def test_back_office_logins_open_on_their_work_in_chinese(self):
        """Each back-office demo login lands on a loaded view titled in Chinese."""
        desk = [
            login for login in HOMES if login not in ("jc.driver", "jc.installer", "jc.supervisor")
        ]
        for login in desk:
            with self.subTest(login=login), self.page("/odoo", login=login) as browser:
                self.wait_for(
                    browser,
                    "!!document.querySelector('.o_breadcrumb')"
                    " && !!document.querySelector('.o_action_manager .o_content .o_renderer,"
                    " .o_action_manager .o_content .o_view_nocontent')"
                    " && !document.querySelector('.o_loading_indicator')",
                    f"{login}'s home view",
                )
                crumb = self.run_js(browser, "document.querySelector('.o_breadcrumb').innerText")
                self.assertRegex(crumb, r"[\u4e00-\u9fff]", f"{login}: {crumb!r}")
                self.shot(browser, f"{login.replace('.', '_')}_home")

    def test_portal_logins_land_on_their_account_in_chinese(self):
        for login in ("jc.customer", "jc.designer", "jc.distributor"):
            with self.subTest(login=login), self.page("/odoo", login=login, size=PHONE) as browser:
                self.wait_for(
                    browser,
                    "location.pathname.endsWith('/my')"
                    " && !!document.querySelector("
                    "'.o_portal_my_home .o_portal_index_card:not(.d-none)')"
                    " && !document.querySelector('.o_portal_doc_spinner')",
                    f"{login}'s portal home",
                )
                text = self.run_js(browser, "document.querySelector('.o_portal_my_home').innerText")
                self.assertRegex(text, r"[\u4e00-\u9fff]", f"{login}: {text[:200]!r}")
                self.shot(browser, f"{login.replace('.', '_')}_home")


@tagged("post_install", "-at_install")
class TestDemoLooksChinese(JiancaiHttpCase):
    def setUp(self):
        super().setUp()
        self.company = self.env.ref("base.main_company")

    def test_company_in_yuan_with_vat_13(self):
        self.assertEqual(self.company.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(self.company.currency_id.symbol, "¥")
        tax = self.company.account_sale_tax_id
        self.assertEqual(tax.amount, 13.0)
        self.assertEqual(tax.with_context(lang="zh_CN").name, "增值税 13%")
        tile = self.env.ref("jiancai_base.product_tile_yunshihui")
        self.assertIn(tax, tile.taxes_id)
        # the dealer's orders are in yuan (the company's pricelist followed the currency)
        order = self.env.ref("jiancai_lot.sale_order_colour_lot")
        self.assertEqual(order.currency_id, self.env.ref("base.CNY"))

    def test_demo_quotation_in_yuan_and_whole_boxes(self):
        """The demo guide quotes 50 m² of the demo wall tile: ¥, and 35 whole boxes."""
        guide = self.env["res.users"].search([("login", "=", "jc.guide.xh")])
        customer = self.env.ref("jiancai_base.partner_customer_he")
        tile = self.env.ref("jiancai_base.product_tile_naiyoubai")
        self.assertEqual((tile.jiancai_sqm_per_box, tile.jiancai_pieces_per_box), (1.44, 8))
        order = (
            self.env["sale.order"]
            .with_user(guide)
            .create(
                {
                    "partner_id": customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": tile.product_variant_id.id, "product_uom_qty": 50}
                        )
                    ],
                }
            )
        )
        self.assertEqual(order.currency_id, self.env.ref("base.CNY"))
        self.assertEqual(order.order_line.product_uom_qty, 50.4)
        with self.page(f"/odoo/sales/{order.id}", login="jc.guide.xh") as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_field_widget[name=order_line] .o_data_row')",
                "the quotation's lines",
            )
            self.shot(browser, "demo_quotation_boxes_zh_CN")
            text = self.run_js(browser, "document.querySelector('.o_form_sheet').innerText")
        self.assertIn("35 箱（280 片），共 50.40 m²", text)
        self.assertIn("¥", text)
        self.assertNotIn("$", text)

    def test_company_has_logo_and_shanghai_time(self):
        self.assertTrue(self.company.logo)
        self.assertEqual(self.company.partner_id.tz, "Asia/Shanghai")
        self.assertEqual(self.env.ref("base.public_user").tz, "Asia/Shanghai")

    def test_no_sms_popup_on_delivery_validation(self):
        for company in self.env["res.company"].search([]):
            with self.subTest(company=company.name):
                self.assertFalse(company._get_text_validation("sms"))

    def test_portal_home_shows_statement_and_no_advert(self):
        self.authenticate("jc.distributor", "jc.distributor")
        page = self.url_open("/my").text
        self.assertIn('href="/my/credit"', page)
        entry = page[: page.index('href="/my/credit"')].rsplit("o_portal_index_card", 1)[1]
        self.assertNotIn("d-none", entry.split(">", 1)[0], "the statement entry is shown")
        self.assertNotIn("Powered by", page)
        self.assertNotIn("Powered by", self.url_open("/my/credit").text)

    def test_login_page_has_no_advert(self):
        self.assertNotIn("Powered by", self.url_open("/web/login").text)

    def test_portal_home_screenshot(self):
        self.screenshot(
            "/my",
            "distributor_portal_home",
            login="jc.distributor",
            size=PHONE,
            ready="!document.querySelector('.o_portal_doc_spinner')",
        )

    def test_tier_validation_buttons_in_chinese(self):
        # the credit approval form as the finance user (zh_CN) and a zh_TW reader gets it
        finance = self.env.ref("jiancai_base.user_finance")
        self.assertEqual(finance.lang, "zh_CN")
        Approval = self.env["jiancai.credit.approval"]
        for lang, words in (("zh_CN", ("批准", "驳回", "申请审批")), ("zh_TW", ("核准", "駁回"))):
            approvals = Approval.with_user(finance).with_context(lang=lang)
            arch = approvals.get_views([(False, "form")])["views"]["form"]["arch"]
            buttons = {b.get("string") for b in etree.fromstring(arch).iter("button")}
            for word in words:
                with self.subTest(lang=lang, word=word):
                    self.assertIn(word, buttons)


@tagged("post_install", "-at_install")
class TestDemoPrinting(JiancaiHttpCase):
    """What the demo staff print comes out as a PDF (wkhtmltopdf, CJK fonts, barcodes)."""

    def test_documents_print_as_pdf(self):
        env = self.env
        order = env.ref("jiancai_base.partner_customer_he").sale_order_ids[:1]
        trip = env["stock.picking.batch"].search([("picking_ids", "!=", False)], limit=1)
        picking = trip.picking_ids[:1]
        self.assertTrue(order and trip and picking, "the demo has an order and a trip")
        reports = {
            "sale.report_saleorder": order,
            "stock.report_picking": picking,  # carries the picking's barcode
            "stock.report_deliveryslip": picking,
            "stock_picking_batch.report_picking_batch": trip,  # the batch's barcode
            "jiancai_dispatch.report_dispatch_sheet": trip,
        }
        report_model = env["ir.actions.report"].with_context(force_report_rendering=True)
        for name, record in reports.items():
            with self.subTest(report=name):
                pdf, kind = report_model._render_qweb_pdf(name, record.ids)
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF-"), f"{name} did not print as a PDF")
