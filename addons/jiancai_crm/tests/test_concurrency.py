from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConcurrentClaims(TransactionCase):
    """Two guides tap "claim" on the same lead at the same moment: exactly one wins.

    Two real connections; the committed rows are removed at the end.
    """

    def _env(self, cr, uid=SUPERUSER_ID):
        return api.Environment(cr, uid, {"tracking_disable": True, "lang": "en_US"})

    def test_two_cursors_claim_the_same_lead(self):
        db = sql_db.db_connect(self.env.cr.dbname)
        ids = {}
        with db.cursor() as setup:
            env = self._env(setup)
            guide_group = env.ref("jiancai_base.group_sales_guide")
            guides = env["res.users"].create(
                [
                    {"name": f"Race Guide {i}", "login": f"race_crm_guide_{i}", "lang": "en_US",
                     "group_ids": [(4, guide_group.id)]}
                    for i in (1, 2)
                ]
            )  # fmt: skip
            store = env["crm.team"].create(
                {
                    "name": "Race Lead Store",
                    "jiancai_is_store": True,
                    "member_ids": [(6, 0, guides.ids)],
                }
            )
            lead = env["crm.lead"].create(
                {"name": "抢单客户", "phone": "13955551234", "team_id": store.id, "user_id": False}
            )
            ids.update(guides=guides.ids, store=store.id, lead=lead.id)
            setup.commit()
        try:
            for first_commits in (False, True):
                with self.subTest(first_commits=first_commits):
                    self._race(db, ids, first_commits)
        finally:
            with db.cursor() as cleanup:
                cleanup.execute("DELETE FROM jiancai_crm_claim WHERE lead_id = %s", [ids["lead"]])
                env = self._env(cleanup)
                env["crm.lead"].browse(ids["lead"]).unlink()
                env["crm.team"].browse(ids["store"]).unlink()
                users = env["res.users"].browse(ids["guides"])
                partners = users.partner_id
                users.unlink()
                partners.unlink()
                cleanup.commit()

    def _race(self, db, ids, first_commits):
        with db.cursor() as reset:
            reset.execute(
                "UPDATE crm_lead SET user_id = NULL WHERE id = %s; "
                "DELETE FROM jiancai_crm_claim WHERE lead_id = %s",
                [ids["lead"], ids["lead"]],
            )
            reset.commit()
        cr1, cr2 = db.cursor(), db.cursor()
        try:
            env1 = self._env(cr1, ids["guides"][0])
            env2 = self._env(cr2, ids["guides"][1])
            cr2.execute("SELECT 1 FROM crm_lead WHERE id = %s", [ids["lead"]])  # cr2's snapshot
            env1["crm.lead"].sudo().browse(ids["lead"])._jiancai_claim(env1.user)
            if first_commits:
                cr1.commit()  # the second guide's snapshot predates the winner's commit
            with self.assertRaisesRegex(UserError, "Another guide is claiming this lead"):
                env2["crm.lead"].sudo().browse(ids["lead"])._jiancai_claim(env2.user)
            cr2.rollback()
            if not first_commits:
                cr1.commit()
        finally:
            cr1.close()
            cr2.close()
        with db.cursor() as check:
            check.execute("SELECT user_id FROM crm_lead WHERE id = %s", [ids["lead"]])
            self.assertEqual(check.fetchone()[0], ids["guides"][0])
            check.execute("SELECT user_id FROM jiancai_crm_claim WHERE lead_id = %s", [ids["lead"]])
            self.assertEqual(check.fetchall(), [(ids["guides"][0],)])
