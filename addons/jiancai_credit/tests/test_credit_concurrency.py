import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCreditConcurrency(TransactionCase):
    """Two checks against the same remaining credit, in two real transactions."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Concurrency customer", "is_company": True, "credit_limit": 1000}
            )
            cr.commit()
        self.partner_id = partner.id
        self.envs = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in range(2)
        ]
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].browse(self.partner_id).unlink()
            cr.commit()

    def check(self, env, amount):
        partner = env["res.partner"].browse(self.partner_id)
        service = env["jiancai.credit.service"].with_context(jiancai_credit_no_redirect=True)
        return service._check(partner, amount, "delivery", env["sale.order"], env["stock.picking"])

    def test_second_check_waits_then_fails_on_stale_credit(self):
        env1, env2 = self.envs
        env1.cr.execute("SELECT 1")  # transaction 1 takes its snapshot now
        self.assertTrue(self.check(env2, 600).allowed)  # transaction 2 passes, commits
        env2.cr.commit()
        # transaction 1 must not decide on the credit it saw before
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.SerializationFailure):
            self.check(env1, 600)

    def test_second_check_blocks_while_first_is_open(self):
        env1, env2 = self.envs
        self.check(env1, 600)  # holds the row lock, not committed
        env2.cr.execute("SET LOCAL lock_timeout = '200ms'")
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.LockNotAvailable):
            self.check(env2, 600)
