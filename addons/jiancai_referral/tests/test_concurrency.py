import psycopg2

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

LIMIT = "jiancai_referral.lookup_daily_limit"


@tagged("post_install", "-at_install")
class TestConcurrentSubmissions(TransactionCase):
    """Two people submit the same customer at the same moment: only one may win.

    Two real connections: the second one's snapshot is taken before the first commits,
    so its Python duplicate check sees nothing and only the partial unique index stops it.
    The committed rows are removed at the end.
    """

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def test_two_cursors_cannot_both_submit(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        ids = {}
        with db.cursor() as setup:
            env = self._env(setup)
            ids["team"] = (
                env["crm.team"].create({"name": "Race Store", "jiancai_is_store": True}).id
            )
            ids["user"] = (
                env["res.users"].create({"name": "Race Portal", "login": "race_portal_designer"}).id
            )
            ids["designers"] = (
                env["res.partner"]
                .create(
                    [
                        {"name": "Race A", "jiancai_partner_role": "designer"},
                        {"name": "Race B", "jiancai_partner_role": "designer"},
                    ]
                )
                .ids
            )
            setup.commit()
        try:
            cr1, cr2 = db.cursor(), db.cursor()
            try:
                env1, env2 = self._env(cr1), self._env(cr2)
                vals = {
                    "customer_name": "并发客户",
                    "community": "竞速花园",
                    "room": "101",
                    "team_id": ids["team"],
                }
                first = env1["jiancai.referral"].create(
                    {**vals, "customer_phone": "13955550000", "referrer_id": ids["designers"][0]}
                )
                second = env2["jiancai.referral"].create(
                    {**vals, "customer_phone": "139-5555-0000", "referrer_id": ids["designers"][1]}
                )
                env2.flush_all()  # cr2's snapshot exists now, before cr1 commits
                first.action_submit()
                cr1.commit()
                # cr2 cannot see cr1's row: its Python check passes ...
                self.assertFalse(second._claiming(second.phone_key, second.property_key, second))
                # ... the database refuses the second claim, and the loser is told as if
                # the Python check had seen the winner (looked up with a fresh cursor)
                with self.assertRaises(UserError) as caught:
                    second.action_submit()
                message = str(caught.exception)
                self.assertIn("This customer's phone number is already reported", message)
                self.assertIn(first.name, message, "the superuser may know the holder")
                self.assertIn("Race A", message)
                # the transaction is still usable and nothing of the loser changed
                second.invalidate_recordset()
                self.assertEqual(second.state, "draft")
                cr2.execute("SELECT 1")
                # a designer who lost the race learns only that it is held
                designer_env = api.Environment(cr2, ids["user"], {})
                loser = designer_env["jiancai.referral"].sudo().browse(second.id)
                with self.assertRaises(UserError) as caught:
                    loser.action_submit(user=designer_env.user)
                self.assertIn("already reported by another partner", str(caught.exception))
                self.assertNotIn("Race A", str(caught.exception))
                cr2.rollback()
            finally:
                cr1.close()
                cr2.close()
        finally:
            with db.cursor() as cleanup:
                cleanup.execute("DELETE FROM jiancai_referral WHERE team_id = %s", [ids["team"]])
                env = self._env(cleanup)
                env["res.partner"].browse(ids["designers"]).unlink()
                user = env["res.users"].browse(ids["user"])
                partner = user.partner_id
                user.unlink()
                partner.unlink()
                env["crm.team"].browse(ids["team"]).unlink()
                cleanup.commit()


@tagged("post_install", "-at_install")
class TestConcurrentCheckIns(TransactionCase):
    """Two taps on "check in" from two phones at the same moment: one open visit only."""

    def test_two_cursors_cannot_both_check_in(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        ids = {}
        with db.cursor() as setup:
            env = api.Environment(setup, SUPERUSER_ID, {"tracking_disable": True})
            guide = env["res.users"].create(
                {
                    "name": "Race Guide",
                    "login": "race_visit_guide",
                    "lang": "en_US",
                    "group_ids": [(4, env.ref("jiancai_base.group_sales_guide").id)],
                }
            )
            ids["user"], ids["user_partner"] = guide.id, guide.partner_id.id
            ids["designer"] = (
                env["res.partner"].create({"name": "Race D", "jiancai_partner_role": "designer"}).id
            )
            setup.commit()
        try:
            cr1, cr2 = db.cursor(), db.cursor()
            try:
                ctx = {"tracking_disable": True}
                env1 = api.Environment(cr1, ids["user"], ctx)
                env2 = api.Environment(cr2, ids["user"], ctx)
                cr2.execute("SELECT 1 FROM jiancai_designer_visit LIMIT 1")  # cr2's snapshot
                designer1 = env1["res.partner"].browse(ids["designer"])
                env1["jiancai.designer.visit"].action_check_in(designer1, 31.2, 121.4)
                cr1.commit()
                Visit2 = env2["jiancai.designer.visit"]
                self.assertFalse(
                    Visit2.sudo().search([("user_id", "=", ids["user"])]),
                    "cr2 cannot see the first check-in",
                )
                with self.assertRaises(UserError) as caught:
                    Visit2.action_check_in(env2["res.partner"].browse(ids["designer"]), 31.2, 121.4)
                self.assertIn("already checked in", str(caught.exception))
                cr2.execute("SELECT 1")  # the transaction is still usable
                cr2.rollback()
            finally:
                cr1.close()
                cr2.close()
        finally:
            with db.cursor() as cleanup:
                cleanup.execute(
                    "DELETE FROM jiancai_designer_visit WHERE user_id = %s", [ids["user"]]
                )
                env = api.Environment(cleanup, SUPERUSER_ID, {})
                env["res.users"].browse(ids["user"]).unlink()
                env["res.partner"].browse([ids["user_partner"], ids["designer"]]).unlink()
                cleanup.commit()


@tagged("post_install", "-at_install")
class TestConcurrentLookups(TransactionCase):
    """One lookup left and two taps at the same moment: only one may pass.

    The second transaction's snapshot is older than the first's commit, so a count of the
    log alone would see one slot free in both.
    """

    def test_two_cursors_cannot_both_take_the_last_lookup(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        ids = {}
        with db.cursor() as setup:
            env = api.Environment(setup, SUPERUSER_ID, {})
            guide = env["res.users"].create(
                {
                    "name": "Race Lookup Guide",
                    "login": "race_lookup_guide",
                    "lang": "en_US",
                    "group_ids": [(4, env.ref("jiancai_base.group_sales_guide").id)],
                }
            )
            ids["user"], ids["user_partner"] = guide.id, guide.partner_id.id
            ids["limit"] = env["ir.config_parameter"].get_param(LIMIT)
            env["ir.config_parameter"].set_param(LIMIT, "1")
            setup.commit()
        try:
            cr1, cr2 = db.cursor(), db.cursor()
            try:
                env1 = api.Environment(cr1, ids["user"], {})
                env2 = api.Environment(cr2, ids["user"], {})
                late = env2["jiancai.referral.lookup"].create({"phone": "13800000002"})
                env2.flush_all()  # cr2's snapshot exists now, before cr1 commits
                env1["jiancai.referral.lookup"].create({"phone": "13800000001"}).action_lookup()
                cr1.commit()
                # the quota row serialises the two: Odoo retries the request on this error
                with (
                    mute_logger("odoo.sql_db"),
                    self.assertRaises(psycopg2.errors.SerializationFailure),
                ):
                    late.action_lookup()
                cr2.rollback()
                env2.invalidate_all()
                # ... and the retry, with a fresh snapshot, finds the last lookup taken
                with self.assertRaises(UserError) as caught:
                    env2["jiancai.referral.lookup"].create({"phone": "13800000002"}).action_lookup()
                self.assertIn("today's limit of 1 lookups", str(caught.exception))
                cr2.rollback()
            finally:
                cr1.close()
                cr2.close()
        finally:
            with db.cursor() as cleanup:
                cleanup.execute(
                    "DELETE FROM jiancai_referral_lookup_log WHERE user_id = %s", [ids["user"]]
                )
                cleanup.execute(
                    "DELETE FROM jiancai_referral_lookup_quota WHERE user_id = %s", [ids["user"]]
                )
                env = api.Environment(cleanup, SUPERUSER_ID, {})
                env["ir.config_parameter"].set_param(LIMIT, ids["limit"] or False)
                env["res.users"].browse(ids["user"]).unlink()
                env["res.partner"].browse(ids["user_partner"]).unlink()
                cleanup.commit()
