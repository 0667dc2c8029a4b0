from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import ExecutionCase


@tagged("post_install", "-at_install")
class TestShippedControlPoints(ExecutionCase):
    """Each shipped control point, switched on, fires on real records and only on them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )

    def switch_on(self, xmlid):
        rule = self.env.ref(f"jiancai_execution.{xmlid}")
        self.assertTrue(rule.control_point)
        rule.with_user(self.gm).active = True  # the demo dealer has already
        return rule

    def test_shipped_switched_off(self):
        """The data file ships every control point inactive (the demo dealer turns
        some on in its demo data)."""
        path = file_path("jiancai_execution/data/jiancai_execution_control_point_data.xml")
        records = etree.parse(path).getroot().findall("record")
        self.assertGreaterEqual(len(records), 6)
        for record in records:
            active = record.find("field[@name='active']")
            self.assertEqual(active.get("eval"), "False", record.get("id"))
            self.assertTrue(self.env.ref(f"jiancai_execution.{record.get('id')}").control_point)

    def fired_on(self, rule, records):
        created = self.run_rule(rule)
        self.assertEqual(rule.state, "ok", rule.last_error)
        return created.filtered(lambda v: v.res_model == records._name and v.res_id in records.ids)

    def test_sale_margin(self):
        rule = self.switch_on("cp_sale_margin")
        low, ok = self.make_order(price=85.0), self.make_order(price=100.0)
        fired = self.fired_on(rule, low | ok)
        self.assertEqual(fired.res_id, low.id)
        self.assertEqual(fired.user_id, self.guide)

    def test_order_not_fully_delivered(self):
        rule = self.switch_on("cp_order_late_delivery")
        now = fields.Datetime.now()
        late = self.make_order(commitment_date=now - timedelta(days=10), confirm=True)
        delivered = self.make_order(commitment_date=now - timedelta(days=10), confirm=True)
        picking = delivered.picking_ids
        picking.move_ids.quantity = 10
        picking.button_validate()
        self.assertEqual(delivered.delivery_status, "full")
        not_yet = self.make_order(commitment_date=now + timedelta(days=2), confirm=True)
        fired = self.fired_on(rule, late | delivered | not_yet)
        self.assertEqual(fired.res_id, late.id)
        self.assertEqual(fired.points, 2)

    def test_quotation_not_followed_up(self):
        rule = self.switch_on("cp_quotation_follow_up")
        stale, recent = self.make_order(), self.make_order()
        confirmed = self.make_order(confirm=True)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = now() - interval '10 days' WHERE id IN %s",
            ((stale.id, confirmed.id),),
        )
        self.env.invalidate_all()
        fired = self.fired_on(rule, stale | recent | confirmed)
        self.assertEqual(fired.res_id, stale.id)

    def test_stock_without_movement(self):
        rule = self.switch_on("cp_stock_dormant")
        rule.with_user(self.gm).responsible_user_id = self.users["warehouse"]
        quant = self.env["stock.quant"].search(
            [
                ("product_id", "=", self.tile.id),
                ("location_id", "=", self.warehouse.lot_stock_id.id),
            ]
        )
        fresh_product = self.env["product.product"].create(
            {"name": "Fresh tile", "is_storable": True}
        )
        self.env["stock.quant"]._update_available_quantity(
            fresh_product, self.warehouse.lot_stock_id, 5
        )
        fresh = self.env["stock.quant"].search([("product_id", "=", fresh_product.id)])
        quant.in_date = fields.Datetime.now() - timedelta(days=200)
        fired = self.fired_on(rule, quant | fresh)
        self.assertEqual(fired.res_id, quant.id)
        self.assertEqual(fired.user_id, self.users["warehouse"])

    def _invoice(self, due_in_days):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_user_id": self.guide.id,
                "invoice_date": fields.Date.today() - timedelta(days=30),
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Tiles", "quantity": 1, "price_unit": 1000, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.invoice_date_due = fields.Date.today() + timedelta(days=due_in_days)
        invoice.action_post()
        invoice.invoice_date_due = fields.Date.today() + timedelta(days=due_in_days)
        return invoice

    def test_receivable_due_soon_and_overdue(self):
        soon_rule = self.switch_on("cp_receivable_due_soon")
        overdue_rule = self.switch_on("cp_receivable_overdue")
        overdue, soon, later = self._invoice(-2), self._invoice(1), self._invoice(20)
        self.assertEqual(overdue.invoice_date_due, fields.Date.today() - timedelta(days=2))
        fired = self.fired_on(overdue_rule, overdue | soon | later)
        self.assertEqual(fired.res_id, overdue.id)
        self.assertEqual(fired.user_id, self.guide)
        self.assertEqual(fired.penalty, 50)
        fired = self.fired_on(soon_rule, overdue | soon | later)
        self.assertEqual(set(fired.mapped("res_id")), {overdue.id, soon.id})
        self.assertNotIn(later.id, fired.mapped("res_id"))
