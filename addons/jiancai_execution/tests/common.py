from odoo import Command, fields

from odoo.addons.jiancai_base.tests.common import JiancaiCase


class ExecutionCase(JiancaiCase):
    """A tile with a cost (for margins), orders of the test store's guide, a rule helper."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Test Tile 600x600",
                "type": "consu",
                "is_storable": True,
                "list_price": 100.0,
                "standard_price": 80.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, cls.warehouse.lot_stock_id, 1000
        )
        cls.guide = cls.users["guide"]
        cls.manager = cls.users["store_manager"]
        cls.gm = cls.users["gm"]
        cls.other_guide = cls.env["res.users"].create(
            {
                "name": "Other Guide",
                "login": "jc_test_other_guide",
                "lang": "en_US",
                "group_ids": [Command.set([cls.env.ref("jiancai_base.group_sales_guide").id])],
            }
        )
        cls.store.member_ids = [Command.link(cls.other_guide.id)]
        cls.Rule = cls.env["jiancai.execution.rule"]
        cls.Violation = cls.env["jiancai.execution.violation"]
        cls.sale_model = cls.env.ref("sale.model_sale_order")

    @classmethod
    def field(cls, model, name):
        return cls.env["ir.model.fields"]._get(model, name)

    def make_order(self, price=100.0, user=None, confirm=False, **extra):
        user = user or self.guide
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": user.id,
                "team_id": self.store.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.tile.id,
                            "product_uom_qty": 10,
                            "price_unit": price,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **extra,
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def make_rule(self, **vals):
        values = {
            "name": "Test rule",
            "message": "Do it right.",
            "model_id": self.sale_model.id,
            "domain": "[]",
            "kind": "match",
            "responsible_type": "salesperson",
            "points": 2,
            "penalty": 20,
            "trigger": "nightly",
        }
        values.update(vals)
        return self.Rule.with_user(self.gm).create(values)

    def violations(self, rule):
        return self.Violation.search([("rule_id", "=", rule.id)])

    def run_rule(self, rule, now=None):
        return rule.sudo()._evaluate(now or fields.Datetime.now())


class ControlPointMixin:
    """Switch a shipped control point on as the general manager (``self.gm``) and
    evaluate it; for the tests of the glue modules that ship control points."""

    control_point_module = "jiancai_execution"

    def switch_on(self, xmlid):
        rule = self.env.ref(f"{self.control_point_module}.{xmlid}")
        self.assertTrue(rule.control_point)
        self.assertFalse(rule.active, "shipped switched off")
        rule.with_user(self.gm).active = True
        return rule

    def fired(self, rule, records):
        """The violations one evaluation raises on ``records``."""
        created = rule.sudo()._evaluate(fields.Datetime.now())
        self.assertEqual(rule.state, "ok", rule.last_error)
        return created.filtered(lambda v: v.res_model == records._name and v.res_id in records.ids)
