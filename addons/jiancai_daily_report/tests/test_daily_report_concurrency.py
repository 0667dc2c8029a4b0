# Concurrency needs data that two database connections see: this test commits what it
# creates and deletes it afterwards, like Odoo's own sequence concurrency tests.
# pylint: disable=invalid-commit
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestTwoPhonesAtOnce(TransactionCase):
    """The guide taps Save on the phone and on the shop's tablet at the same moment."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = new_test_user(
                env,
                login="jc_race_guide",
                groups="base.group_user,jiancai_base.group_sales_guide",
                lang="en_US",
            )
            cr.commit()
        self.user_id = user.id
        self.phones = [api.Environment(self.env.registry.cursor(), self.user_id, {}) for _i in "ab"]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.phones:
            env.cr.rollback()
            env.cr.close()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            reports = env["jiancai.daily.report"].search([("user_id", "=", self.user_id)])
            env["mail.message"].search(
                [("model", "=", reports._name), ("res_id", "in", reports.ids)]
            ).unlink()
            reports.unlink()
            user = env["res.users"].browse(self.user_id)
            partner = user.partner_id
            env["mail.message"].search([("author_id", "=", partner.id)]).unlink()
            user.unlink()
            partner.unlink()
            cr.commit()

    def test_one_report_and_a_clear_refusal(self):
        phone, tablet = self.phones
        # the tablet's transaction has its snapshot before the phone commits
        tablet["jiancai.daily.report"].search_count([])
        report = phone["jiancai.daily.report"]._jiancai_start({"done_text": "from the phone"})
        phone.cr.commit()
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaisesRegex(UserError, "another phone or window"),
        ):
            tablet["jiancai.daily.report"]._jiancai_start({"done_text": "from the tablet"})
        # the tablet's transaction is still usable after the refusal (it sees its snapshot)
        self.assertEqual(tablet["jiancai.daily.report"].search_count([]), 0)
        tablet.cr.rollback()
        reports = tablet["jiancai.daily.report"].search([("user_id", "=", self.user_id)])
        self.assertEqual(reports, report.with_env(tablet))
        self.assertEqual(reports.done_text, "from the phone")
