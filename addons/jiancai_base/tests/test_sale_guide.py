from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import JiancaiCase


@tagged("post_install", "-at_install")
class TestGuideQuotes(JiancaiCase):
    """A guide quotes for their own customers; another guide's customer is refused
    with a message that says whom to ask, not with Odoo's access error page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = cls.users["guide"]
        cls.other_guide = new_test_user(
            cls.env,
            login="jc_test_guide_2",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="张伟",
            lang="en_US",
        )
        cls.store.member_ids = [(4, cls.other_guide.id)]
        cls.customer.user_id = cls.other_guide
        cls.own_customer = cls.env["res.partner"].create(
            {"name": "钱芳", "phone": "139 0000 1111", "user_id": cls.guide.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Test Tile 800x800", "type": "consu", "list_price": 98.0}
        )

    def _order_vals(self, partner):
        return {
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10})],
        }

    def test_guide_quotes_own_customer(self):
        order = (
            self.env["sale.order"].with_user(self.guide).create(self._order_vals(self.own_customer))
        )
        self.assertEqual(order.user_id, self.guide)
        # and reads it back, as the list does
        self.assertEqual(order.with_user(self.guide).read(["name"])[0]["id"], order.id)

    def test_guide_refused_on_other_guides_customer(self):
        with self.assertRaisesRegex(
            UserError, r"何志明 is 张伟's customer: ask 张伟 or your store manager\."
        ):
            self.env["sale.order"].with_user(self.guide).create(self._order_vals(self.customer))

    def test_guide_cannot_switch_to_other_guides_customer(self):
        order = (
            self.env["sale.order"].with_user(self.guide).create(self._order_vals(self.own_customer))
        )
        with self.assertRaisesRegex(UserError, "何志明 is 张伟's customer"):
            order.with_user(self.guide).partner_id = self.customer

    def test_guide_cannot_give_order_to_another_salesperson(self):
        order = (
            self.env["sale.order"].with_user(self.guide).create(self._order_vals(self.own_customer))
        )
        with self.assertRaisesRegex(UserError, "Only your store manager"):
            order.with_user(self.guide).user_id = self.other_guide

    def test_form_warns_then_refuses(self):
        form = Form(self.env["sale.order"].with_user(self.guide))
        with self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs:
            form.partner_id = self.customer
        self.assertIn("何志明 is 张伟's customer: ask 张伟 or your store manager.", logs.output[0])
        with form.order_line.new() as line:
            line.product_id = self.product
        with self.assertRaisesRegex(UserError, "何志明 is 张伟's customer"):
            form.save()

    def test_form_own_customer_saves(self):
        form = Form(self.env["sale.order"].with_user(self.guide))
        form.partner_id = self.own_customer
        with form.order_line.new() as line:
            line.product_id = self.product
        order = form.save()
        self.assertEqual(order.user_id, self.guide)

    def test_store_manager_quotes_for_any_guide(self):
        order = (
            self.env["sale.order"]
            .with_user(self.users["store_manager"])
            .create(self._order_vals(self.customer))
        )
        self.assertEqual(order.user_id, self.other_guide)
