from unittest.mock import patch

from odoo.tests import new_test_user

from odoo.addons.jiancai_base.tests.common import JiancaiCase


class DispatchCase(JiancaiCase):
    """A truck, a freight rule, two reserved deliveries (one from a sale order), a trip."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Asia/Shanghai"
        cls.dispatcher = cls.users["dispatcher"]
        cls.driver = cls.users["driver"]
        cls.driver.partner_id.phone = "158 2100 6609"
        cls.other_driver = new_test_user(
            cls.env,
            login="jc_test_driver2",
            groups="base.group_user,jiancai_base.group_driver",
            name="Other Driver",
            lang="en_US",
        )
        cls.rule = cls.env["jiancai.freight.rule"].create(
            {"name": "Box truck", "base_amount": 100, "per_km": 4, "free_km": 10, "per_ton": 20}
        )
        cls.category = cls.env["fleet.vehicle.model.category"].create(
            {
                "name": "Test box truck",
                "weight_capacity": 2000,
                "volume_capacity": 16,
                "jiancai_pallet_capacity": 4,
                "jiancai_freight_rule_id": cls.rule.id,
            }
        )
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test JAC"})
        model = cls.env["fleet.vehicle.model"].create(
            {"name": "Test 4.2", "brand_id": brand.id, "category_id": cls.category.id}
        )
        cls.vehicle = cls.env["fleet.vehicle"].create(
            {"model_id": model.id, "license_plate": "沪A·T0001", "category_id": cls.category.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Test tile 800", "is_storable": True, "weight": 25.0, "list_price": 89}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.warehouse.lot_stock_id, 100
        )
        cls.customer.write({"street": "七莘路 3333 弄", "city": "上海"})
        cls.customer2 = cls.env["res.partner"].create(
            {"name": "徐丽华", "phone": "139 0192 5566", "street": "浦明路 99 弄", "city": "上海"}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    (0, 0, {"product_id": cls.product.id, "product_uom_qty": 20}),
                ],
            }
        )
        cls.order.action_confirm()
        cls.stop1 = cls.order.picking_ids
        cls.stop1.write(
            {
                "jiancai_requested_date": "2026-12-02",
                "jiancai_window_start": 9.0,
                "jiancai_window_end": 11.0,
                "jiancai_floor": 6,
                "jiancai_has_lift": False,
                "jiancai_pallet_count": 1,
            }
        )
        cls.stop2 = cls.env["stock.picking"].create(
            {
                "partner_id": cls.customer2.id,
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                "jiancai_requested_date": "2026-12-02",
                "jiancai_window_start": 13.0,
                "jiancai_window_end": 15.0,
                "jiancai_pallet_count": 1,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 30,
                            "location_id": cls.warehouse.lot_stock_id.id,
                            "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        cls.stop2.action_confirm()
        cls.stop2.action_assign()
        cls.trip = (
            cls.env["stock.picking.batch"]
            .with_user(cls.dispatcher)
            .create(
                {
                    "vehicle_id": cls.vehicle.id,
                    "jiancai_driver_user_id": cls.driver.id,
                    "scheduled_date": "2026-12-02 01:00:00",
                    "jiancai_distance_km": 25,
                    "picking_ids": [(6, 0, (cls.stop1 | cls.stop2).ids)],
                }
            )
        )
        cls.stop1.batch_sequence = 1
        cls.stop2.batch_sequence = 2


class GateCase:
    """Register test checks and listeners on the gates of jiancai_base.

    The method behind a rule is patched onto the registry class of stock.picking, as
    a module would define it; the rule record is what a module's XML data would add.
    """

    def gate_rule(self, code, method, func, kind="check", name="Test check"):
        self.startPatcher(
            patch.object(type(self.env["stock.picking"]), method, create=True, new=func)
        )
        checkpoint = self.env["jiancai.gate.checkpoint"]._jiancai_get(code)
        self.assertTrue(checkpoint, code)
        return self.env["jiancai.gate.rule"].create(
            {
                "name": name,
                "checkpoint_id": checkpoint.id,
                "kind": kind,
                "method": method,
                "switchable": True,
            }
        )

    def refuse(self, when=None, calls=None):
        """A check refusing the deliveries ``when(picking)`` holds (all when None) with a
        next step, as the credit check does; logs its calls."""

        def check(records, gate):
            if calls is not None:
                calls.append((gate.code, gate.dry_run, records.ids))
            return [
                picking._jiancai_gate_issue(
                    f"{picking.partner_id.name} is over the credit limit.",
                    hint="Ask the store manager to approve the order.",
                    url="/jc/approval/test",
                )
                for picking in records
                if when is None or when(picking)
            ]

        return check

    def _of_customer2(self, picking):
        return picking.partner_id == self.customer2

    def listen(self, calls):
        def listener(records, gate):
            calls.append((gate.code, records.ids))

        return listener
