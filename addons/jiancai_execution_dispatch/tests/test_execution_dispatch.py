from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import JiancaiCase
from odoo.addons.jiancai_execution.tests.common import ControlPointMixin


@tagged("post_install", "-at_install")
class TestDispatchControlPoints(ControlPointMixin, JiancaiCase):
    control_point_module = "jiancai_execution_dispatch"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        cls.guide = cls.users["guide"]
        cls.gm = cls.users["gm"]
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Trip tile",
                "is_storable": True,
                "list_price": 50,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.tile, cls.warehouse.lot_stock_id, 500)

    def make_order(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.guide.id,
                "team_id": self.store.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.tile.id,
                            "product_uom_qty": 30,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        return order

    def test_more_than_two_trips(self):
        rule = self.switch_on("cp_order_many_trips")
        split, single = self.make_order(), self.make_order()
        # three deliveries of one order (the customer took it in three lots), one trip each
        first = split.picking_ids
        pickings = first | first.copy({"sale_id": split.id}) | first.copy({"sale_id": split.id})
        for picking in pickings:
            trip = self.env["stock.picking.batch"].create(
                {"picking_ids": [Command.link(picking.id)]}
            )
            picking.sudo().jiancai_trip_id = trip
        single_trip = self.env["stock.picking.batch"].create(
            {"picking_ids": [Command.set(single.picking_ids.ids)]}
        )
        single.picking_ids.sudo().jiancai_trip_id = single_trip
        self.assertEqual(split.jiancai_execution_trip_count, 3)
        self.assertEqual(single.jiancai_execution_trip_count, 1)
        fired = self.fired(rule, split | single)
        self.assertEqual(fired.res_id, split.id)
        self.assertEqual(fired.user_id, self.guide)

    def _pay(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_delivery_of_paid_order_not_booked(self):
        rule = self.switch_on("cp_delivery_not_booked")
        paid, unpaid, booked = self.make_order(), self.make_order(), self.make_order()
        self._pay(paid)
        self._pay(booked)
        booked.picking_ids.jiancai_requested_date = fields.Date.today() + timedelta(days=2)
        # the deliveries were created (at the order's confirmation) 10 days ago
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_picking SET create_date = now() - interval '10 days' WHERE id IN %s",
            (tuple((paid | unpaid | booked).picking_ids.ids),),
        )
        self.env.invalidate_all()
        pickings = (paid | unpaid | booked).picking_ids
        fired = self.fired(rule, pickings)
        self.assertEqual(fired.res_id, paid.picking_ids.id)
        self.assertEqual(fired.user_id, self.guide)
        self.assertEqual(fired.store_id, self.store)
