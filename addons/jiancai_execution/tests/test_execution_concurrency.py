# Concurrency needs data that two database connections see: this test commits its own
# fixture and deletes it afterwards, like Odoo's own sequence concurrency tests.
# pylint: disable=invalid-commit
from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTwoRunsAtOnce(TransactionCase):
    """Two cron runs evaluate the same rule at the same moment: one violation per breach."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "Race customer"})
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": env.ref("base.user_admin").id,
                    "client_order_ref": "RACE",
                }
            )
            rule = env["jiancai.execution.rule"].create(
                {
                    "name": "Race rule",
                    "message": "Race",
                    "model_id": env.ref("sale.model_sale_order").id,
                    "domain": f"[('id', '=', {order.id})]",
                    "responsible_type": "salesperson",
                }
            )
            cr.commit()
        self.ids = {"partner": partner.id, "order": order.id, "rule": rule.id}
        self.runs = [api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.runs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            violations = env["jiancai.execution.violation"].search(
                [("rule_id", "=", self.ids["rule"])]
            )
            env["jiancai.notification"].search(
                [("res_model", "=", violations._name), ("res_id", "in", violations.ids)]
            ).unlink()
            violations.unlink()
            env["jiancai.execution.rule"].browse(self.ids["rule"]).unlink()
            env["sale.order"].browse(self.ids["order"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()
            cr.commit()

    def _evaluate(self, env):
        rule = env["jiancai.execution.rule"].browse(self.ids["rule"])
        return rule._evaluate(fields.Datetime.now())

    def test_two_cursors_one_violation(self):
        first, second = self.runs
        self.assertEqual(len(self._evaluate(first)), 1)
        # the second run starts while the first has not committed: the rule is busy
        self.assertFalse(self._evaluate(second))
        first.cr.commit()
        second.cr.rollback()
        # a later run sees the committed violation and raises nothing new
        self.assertFalse(self._evaluate(second))
        second.cr.commit()
        count = first["jiancai.execution.violation"].search_count(
            [("rule_id", "=", self.ids["rule"])]
        )
        self.assertEqual(count, 1)

    def test_unique_key_is_the_second_guard(self):
        first, second = self.runs
        # the second transaction takes its snapshot before the first commits
        second["jiancai.execution.violation"].search_count([])
        self.assertEqual(len(self._evaluate(first)), 1)
        first.cr.commit()
        # the lock is free again, but the snapshot does not show the first violation:
        # the unique key refuses the duplicate, the rule stays OK and raises nothing
        self.assertFalse(self._evaluate(second))
        rule = second["jiancai.execution.rule"].browse(self.ids["rule"])
        self.assertEqual(rule.state, "ok")
        second.cr.commit()
        self.assertEqual(
            first["jiancai.execution.violation"].search_count([("rule_id", "=", self.ids["rule"])]),
            1,
        )
