from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ReferralCase


@tagged("post_install", "-at_install")
class TestMilestones(ReferralCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "云石灰 800x800", "is_storable": True, "list_price": 120.0}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 100
        )

    def codes(self, referral):
        return set(referral.milestone_ids.mapped("code"))

    def test_store_visit_record_is_a_milestone_and_renews_protection(self):
        referral = self.verified_referral()
        end = referral.protection_end
        visit = (
            self.env["jiancai.store.visit"]
            .with_user(self.guide)
            .create({"customer_phone": "139 1765 4321", "team_id": self.store.id})
        )
        self.assertIn("store_visit", self.codes(referral))
        milestone = referral.milestone_ids.filtered(lambda m: m.code == "store_visit")
        self.assertEqual((milestone.res_model, milestone.res_id), (visit._name, visit.id))
        self.assertTrue(referral.first_visit_on)
        self.assertGreaterEqual(referral.protection_end, end)

    def test_guide_who_records_a_visit_does_not_learn_the_designer(self):
        """Notifications of a milestone are the system's, not the guide's who caused it."""
        referral = self.verified_referral(user_id=self.manager.id)
        self.env["jiancai.store.visit"].with_user(self.guide).create(
            {"customer_phone": "139 1765 4321", "team_id": self.store.id}
        )
        self.assertIn("store_visit", self.codes(referral))
        about = [("res_model", "=", "jiancai.referral"), ("res_id", "=", referral.id)]
        sent = self.env["jiancai.notification"].search(about)
        to_designer = sent.filtered(lambda n: n.partner_id == self.designer)
        self.assertTrue(to_designer, "the designer is told")
        self.assertTrue(sent.filtered(lambda n: n.user_id == self.manager))
        Notification = self.env["jiancai.notification"].with_user(self.guide)
        self.assertFalse(Notification.search(about))
        self.assertFalse(Notification.search([("partner_id", "=", self.designer.id)]))
        with self.assertRaises(AccessError):
            to_designer.with_user(self.guide).read(["partner_id", "body"])
        messages = (
            self.env["mail.message"]
            .with_user(self.guide)
            .search([("model", "=", "jiancai.referral"), ("res_id", "=", referral.id)])
        )
        # the guide may read what the guide's own action logged on the referral, but not
        # the inbox messages sent to the designer
        self.assertFalse(messages.filtered(lambda m: self.designer in m.sudo().partner_ids))
        self.assertFalse(messages.filtered(lambda m: "林晓东" in str(m.sudo().body)))

    def test_sale_confirmation_and_delivery(self):
        referral = self.verified_referral()
        order = self.env["sale.order"].create(
            {
                "partner_id": referral.partner_id.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10})],
            }
        )
        self.assertNotIn("order_confirmed", self.codes(referral))
        order.action_confirm()
        self.assertIn("order_confirmed", self.codes(referral))
        self.assertEqual(referral.state, "won")
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.quantity = 10
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertIn("delivered", self.codes(referral))
        notified = self.env["jiancai.notification"].search(
            [("res_model", "=", "jiancai.referral"), ("res_id", "=", referral.id)]
        )
        self.assertTrue(
            any(
                "Delivered" in n.subject
                for n in notified.filtered(lambda n: n.user_id == self.guide)
            )
        )

    def _pay(self, invoice, amount=None):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount} if amount else {})
        )
        return wizard._create_payments()

    def _deposit_notified(self, referral):
        return self.env["jiancai.notification"].search(
            [
                ("res_model", "=", "jiancai.referral"),
                ("res_id", "=", referral.id),
                ("user_id", "=", self.guide.id),
                ("subject", "ilike", "Deposit Paid"),
            ]
        )

    def test_paid_down_payment_invoice_is_the_deposit(self):
        referral = self.verified_referral()
        order = self.env["sale.order"].create(
            {
                "partner_id": referral.partner_id.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10})],
            }
        )
        order.action_confirm()
        # the usual deposit: a 30 % down payment invoice from the order, paid in full
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "percentage", "amount": 30})
        )
        wizard.create_invoices()
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        invoice.action_post()
        self.assertNotIn("deposit_paid", self.codes(referral), "posting is not paying")
        self.assertFalse(self._deposit_notified(referral))
        self._pay(invoice)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertIn("deposit_paid", self.codes(referral))
        milestone = referral.milestone_ids.filtered(lambda m: m.code == "deposit_paid")
        self.assertEqual((milestone.res_model, milestone.res_id), ("account.move", invoice.id))
        self.assertTrue(self._deposit_notified(referral), "the salesperson is told")

    def test_partial_payment_of_the_invoice_is_the_deposit(self):
        referral = self.verified_referral()
        order = self.env["sale.order"].create(
            {
                "partner_id": referral.partner_id.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10})],
            }
        )
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self._pay(invoice, amount=300)
        self.assertEqual(invoice.payment_state, "partial")
        self.assertIn("deposit_paid", self.codes(referral))
        self.assertTrue(self._deposit_notified(referral))
        # paying the rest is no second deposit
        self._pay(invoice)
        self.assertEqual(
            len(referral.milestone_ids.filtered(lambda m: m.code == "deposit_paid")), 1
        )

    def test_order_of_unreferred_customer_changes_nothing(self):
        referral = self.verified_referral()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        self.assertEqual(self.codes(referral), {"verified"})

    def test_hook_for_later_modules_is_idempotent(self):
        referral = self.verified_referral()
        Referral = self.env["jiancai.referral"]
        self.assertTrue(Referral._jiancai_referral_event(referral.partner_id, "tiling_done"))
        self.assertFalse(Referral._jiancai_referral_event(referral.partner_id, "tiling_done"))
        self.assertIn("tiling_done", self.codes(referral))
        with self.assertRaises(ValueError):
            Referral._jiancai_referral_event(referral.partner_id, "painted")

    def test_designer_sms_when_configured(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.sms_designer", "1")
        self.designer.phone = "137 0178 3456"
        referral = self.verified_referral()
        sms = self.env["jiancai.notification"].search(
            [
                ("res_id", "=", referral.id),
                ("res_model", "=", "jiancai.referral"),
                ("channel", "=", "sms"),
            ]
        )
        self.assertEqual(sms.partner_id, self.designer)
        self.assertEqual(sms.sms_params["milestone"], "Verified")


@tagged("post_install", "-at_install")
class TestSettlementExport(ReferralCase):
    def test_monthly_settlement_xlsx(self):
        import io

        import openpyxl

        referral = self.verified_referral()
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.manager)
            ._render_xlsx("jiancai_referral.referral_settlement_xlsx", referral.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Design Company")
        self.assertEqual(rows[1][:4], ("东方设计工作室", "林晓东", referral.name, "何志明"))
        self.assertEqual(rows[1][7], "Verified")
