import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCreditConcurrency(TransactionCase):
    """Two credit checks on the same customer, salesperson and store, in two real
    transactions. Commit-free: the rows are ones every database has (the company's
    partner, the admin user, the default sales team) and both cursors roll back."""

    def setUp(self):
        super().setUp()
        self.envs = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in range(2)
        ]
        for env in self.envs:
            env.cr.execute("SET LOCAL lock_timeout = '300ms'")
        self.addCleanup(self._close)
        self.partner_id = self.env.ref("base.main_partner").id
        self.user_id = self.env.ref("base.user_admin").id
        self.team_id = self.env.ref("sales_team.team_sales_department").id

    def _close(self):
        for env in self.envs:
            env.cr.rollback()
            env.cr.close()

    def check(self, env, amount):
        partner = env["res.partner"].browse(self.partner_id)
        # in this transaction only: the admin owns the customer, the sales team is its store
        partner.write({"user_id": self.user_id, "jiancai_store_id": self.team_id})
        return env["jiancai.credit.service"]._decide(partner, amount, "delivery")

    def test_second_check_waits_for_the_first(self):
        env1, env2 = self.envs
        self.assertTrue(self.check(env1, 600).allowed)  # holds the locks, not committed
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.LockNotAvailable):
            self.check(env2, 600)

    def test_each_level_row_is_locked(self):
        env1, env2 = self.envs
        self.check(env1, 600)
        env2.cr.execute("SAVEPOINT probe")
        for table, row in (
            ("res_partner", self.partner_id),
            ("res_users", self.user_id),
            ("crm_team", self.team_id),
        ):
            with (
                self.subTest(table=table),
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.LockNotAvailable),
            ):
                env2.cr.execute(
                    f"SELECT id FROM {table} WHERE id = %s FOR UPDATE",  # noqa: S608
                    [row],
                )
            env2.cr.execute("ROLLBACK TO SAVEPOINT probe")

    def test_second_check_passes_once_the_first_is_gone(self):
        env1, env2 = self.envs
        self.check(env1, 600)
        env1.cr.rollback()
        self.assertTrue(self.check(env2, 600).allowed)
