from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase


@tagged("post_install", "-at_install")
class TestCreditPortal(JiancaiHttpCase):
    """A distributor sees its own statement and credit, and no one else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        groups = "base.group_portal,jiancai_base.group_portal_distributor"
        cls.distributor = cls.env["res.partner"].create(
            {"name": "苏州测试建材商行", "is_company": True, "credit_limit": 5000}
        )
        contact = cls.env["res.partner"].create(
            {"name": "周经理", "parent_id": cls.distributor.id, "type": "contact"}
        )
        cls.distributor_user = new_test_user(
            cls.env,
            login="jc_credit_dist",
            name="周经理",
            groups=groups,
            lang="en_US",
            partner_id=contact.id,
        )
        cls.rival = cls.env["res.partner"].create(
            {"name": "无锡对手建材", "is_company": True, "credit_limit": 9000}
        )
        rival_contact = cls.env["res.partner"].create(
            {"name": "吴老板", "parent_id": cls.rival.id, "type": "contact"}
        )
        cls.rival_user = new_test_user(
            cls.env,
            login="jc_credit_rival",
            name="吴老板",
            groups=groups,
            lang="en_US",
            partner_id=rival_contact.id,
        )
        cls.plain_portal = new_test_user(
            cls.env, login="jc_credit_portal", groups="base.group_portal", lang="en_US"
        )
        cls.invoice = cls._invoice(cls.distributor, 1200.0)
        cls._invoice(cls.rival, 7777.0)
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create({"amount": 500.0, "payment_date": fields.Date.today()})
        )
        cls.payment = wizard._create_payments()

    @classmethod
    def _invoice(cls, partner, amount):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Tiles 800x800", "price_unit": amount, "tax_ids": []})
                ],
            }
        )
        move.action_post()
        return move

    def test_distributor_sees_statement_on_a_phone(self):
        entry = "document.querySelector('.o_portal_index_card a[href=\"/my/credit\"]')"
        with self.page("/my", login="jc_credit_dist", size=PHONE) as browser:
            self.wait_for(browser, f"!!{entry} && {entry}.offsetParent !== null", "home entry")
            self.shot(browser, "credit_portal_home_phone")
            self.run_js(browser, f"{entry}.click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_credit_available')", "page"
            )
            self.shot(browser, "credit_portal_statement_phone")
            width = self.run_js(browser, "document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390, "the statement fits a phone")

            def text(selector):
                return self.run_js(
                    browser, f"document.querySelector('{selector}').innerText.trim()"
                )

            self.assertIn("700.00", text(".o_jiancai_credit_balance"))
            self.assertIn("5,000.00", text(".o_jiancai_credit_limit"))
            self.assertIn("4,300.00", text(".o_jiancai_credit_available"))
            self.assertIn("700.00", text(".o_jiancai_credit_exposure_total"))
            rows = self.run_js(
                browser, "document.querySelectorAll('.o_jiancai_credit_line').length"
            )
            self.assertEqual(rows, 2, "one invoice and one payment")
            body = self.run_js(browser, "document.body.innerText")
            self.assertIn("苏州测试建材商行", body, "the company's statement")
            self.assertIn(self.invoice.name, body)
            self.assertIn("1,200.00", body)
            self.assertNotIn("7,777.00", body, "nothing of the other distributor")
            self.assertNotIn("对手", body)

    def test_home_entry_counts_own_documents(self):
        self.authenticate("jc_credit_dist", "jc_credit_dist")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["jiancai_statement_count"]}
        )
        self.assertEqual(counters["jiancai_statement_count"], 2)
        self.assertIn("/my/credit", self.url_open("/my").text)
        self.authenticate("jc_credit_portal", "jc_credit_portal")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["jiancai_statement_count"]}
        )
        self.assertEqual(counters["jiancai_statement_count"], 0, "no entry: not a distributor")

    def test_prepay_distributor_sees_amount_to_pay(self):
        self.distributor.jiancai_credit_prepay = True
        self.authenticate("jc_credit_dist", "jc_credit_dist")
        response = self.url_open("/my/credit")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_jiancai_credit_to_pay", response.text)
        self.assertIn("To pay before we ship", response.text)
        self.assertNotIn("o_jiancai_credit_available", response.text)

    def test_other_partner_statement_is_a_404(self):
        self.authenticate("jc_credit_rival", "jc_credit_rival")
        own = self.url_open("/my/credit")
        self.assertEqual(own.status_code, 200)
        self.assertIn("7,777.00", own.text)
        self.assertNotIn(self.invoice.name, own.text)
        for query in (self.distributor.id, "abc", 999999):
            response = self.url_open(f"/my/credit?partner_id={query}")
            self.assertEqual(response.status_code, 404, query)
            self.assertIn("not yours to see", response.text)
            self.assertNotIn("1,200.00", response.text)
        response = self.url_open(f"/my/statement?partner_id={self.rival.id}")
        self.assertEqual(response.status_code, 200, "its own id is fine")

    def test_non_distributor_portal_user_gets_404(self):
        self.authenticate("jc_credit_portal", "jc_credit_portal")
        response = self.url_open("/my/credit")
        self.assertEqual(response.status_code, 404)
        self.assertIn("not yours to see", response.text)
