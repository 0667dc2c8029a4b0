import re

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase


@tagged("post_install", "-at_install")
class TestCreditPhonePage(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = new_test_user(
            cls.env,
            login="jc_credit_guide",
            name="王丽",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
        )
        cls.other_guide = new_test_user(
            cls.env,
            login="jc_credit_guide2",
            name="李强",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
        )
        cls.finance = new_test_user(
            cls.env,
            login="jc_credit_finance",
            name="陈会计",
            groups="base.group_user,jiancai_base.group_finance",
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "何志明", "is_company": True, "credit_limit": 5000, "user_id": cls.guide.id}
        )
        product = cls.env["product.product"].create(
            {"name": "Tile", "type": "consu", "list_price": 100, "taxes_id": [Command.clear()]}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.guide.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 86,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        cls.order.action_confirm()
        cls.approval = (
            cls.env["jiancai.credit.approval"]
            .with_user(cls.guide)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "order_id": cls.order.id,
                    "picking_id": cls.order.picking_ids[:1].id,
                    "amount": 8600,
                    "excess": 3600,
                    "reason_blocked": "Customer 何志明: limit 5,000.00, over by 3,600.00.",
                }
            )
        )
        cls.approval.action_submit()

    def test_finance_approves_from_a_phone(self):
        url = f"/jc/credit/approval/{self.approval.id}"
        with self.page(url, login="jc_credit_finance", size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_credit_approve')", "button"
            )
            self.shot(browser, "credit_approval_phone")
            width = self.run_js(browser, "document.documentElement.scrollWidth")
            wide = self.run_js(
                browser,
                "Array.from(document.querySelectorAll('body *'))"
                ".filter(e => e.getBoundingClientRect().right > 391)"
                ".map(e => e.tagName + '.' + e.className).slice(0, 5).join(' | ')",
            )
            self.assertLessEqual(width, 390, f"the page fits a phone: {wide}")
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("8,600.00", text)
            self.assertIn("3,600.00", text)
            self.assertIn("Available", text)
            self.run_js(browser, "document.querySelector('.o_jiancai_credit_approve').click()")
            self.wait_for(
                browser,
                "!document.querySelector('.o_jiancai_credit_approve')"
                " && document.readyState === 'complete'",
                "approved by finance",
            )
            self.shot(browser, "credit_approval_phone_after_finance")
        self.approval.invalidate_recordset()
        self.assertEqual(self.approval.validation_status, "pending")
        self.assertEqual(
            self.approval.review_ids.filtered(lambda r: r.status == "approved").done_by,
            self.finance,
        )

    def test_other_salesperson_gets_404(self):
        self.authenticate("jc_credit_guide2", "jc_credit_guide2")
        response = self.url_open(f"/jc/credit/approval/{self.approval.id}")
        self.assertEqual(response.status_code, 404)
        self.assertIn("not yours", response.text)
        response = self.url_open("/jc/credit/approval/999999")
        self.assertEqual(response.status_code, 404)

    def test_reject_without_reason_is_a_400_page(self):
        self.authenticate("jc_credit_finance", "jc_credit_finance")
        page = self.url_open(f"/jc/credit/approval/{self.approval.id}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"/jc/credit/approval/{self.approval.id}/reject",
            data={"reason": "", "csrf_token": token},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Give the salesperson a reason", response.text)
        self.approval.invalidate_recordset()
        self.assertEqual(self.approval.state, "pending", "nothing half-done")
