from datetime import date, datetime

import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ReferralCase

XUHUI = (31.1880, 121.4370)


@tagged("post_install", "-at_install")
class TestDesignerVisit(ReferralCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Visit = cls.env["jiancai.designer.visit"]
        cls.other_guide = new_test_user(
            cls.env,
            login="jc_test_guide2",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="李娜",
            lang="en_US",
        )
        cls.other_manager = new_test_user(
            cls.env,
            login="jc_test_manager_visit",
            groups="base.group_user,jiancai_base.group_store_manager",
            lang="en_US",
        )
        cls.other_store.write(
            {"user_id": cls.other_manager.id, "member_ids": [(4, cls.other_guide.id)]}
        )

    def check_in(self, user=None, partner=None, where=XUHUI):
        return self.Visit.with_user(user or self.guide).action_check_in(
            partner or self.designer, *where
        )

    def test_check_in_and_out_from_the_phone(self):
        with freeze_time("2026-11-20 02:00:00"):
            visit = self.check_in()
        self.assertEqual(visit.user_id, self.guide)
        self.assertEqual(visit.team_id, self.store, "the salesperson's store")
        self.assertEqual(visit.state, "open")
        self.assertAlmostEqual(visit.check_in_latitude, XUHUI[0])
        with freeze_time("2026-11-20 03:25:00"):
            visit.with_user(self.guide).action_check_out(
                latitude="31.1890",
                longitude="121.4370",
                note="送了样板",
                outcome="samples",
                next_followup_date="2026-11-27",
            )
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.check_out, datetime(2026, 11, 20, 3, 25))
        self.assertAlmostEqual(visit.duration, 1 + 25 / 60, places=3)
        self.assertEqual(visit.distance, 111, "the phone moved about 111 m")
        self.assertEqual(visit.outcome, "samples")
        # the next follow-up is an activity of the salesperson on the designer
        activity = visit.next_activity_id
        self.assertEqual(activity.res_model, "res.partner")
        self.assertEqual(activity.res_id, self.designer.id)
        self.assertEqual(activity.user_id, self.guide)
        self.assertEqual(activity.date_deadline, date(2026, 11, 27))
        self.assertIn(activity, self.designer.activity_ids)

    def test_rescheduled_follow_up_replaces_the_activity(self):
        visit = self.check_in()
        visit.with_user(self.guide).write({"next_followup_date": "2099-01-10"})
        first = visit.next_activity_id
        visit.with_user(self.guide).write({"next_followup_date": "2099-01-20"})
        self.assertFalse(first.exists(), "the old follow-up is gone")
        self.assertEqual(visit.next_activity_id.date_deadline, date(2099, 1, 20))
        self.assertEqual(
            len(self.designer.activity_ids.filtered(lambda a: a.user_id == self.guide)), 1
        )
        visit.with_user(self.guide).write({"next_followup_date": False})
        self.assertFalse(visit.next_activity_id)
        self.assertFalse(self.designer.activity_ids.filtered(lambda a: a.user_id == self.guide))

    def test_second_open_visit_is_refused(self):
        self.check_in()
        with self.assertRaisesMsg(UserError, "still checked in at 林晓东"):
            self.check_in(partner=self.other_designer)
        # the database holds the rule too (two phones at the same moment)
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO jiancai_designer_visit (user_id, partner_id, company_id, "
                    "check_in) VALUES (%s, %s, %s, now())",
                    [self.guide.id, self.other_designer.id, self.env.company.id],
                )
        # another salesperson may be at the same designer
        self.assertTrue(self.check_in(user=self.other_guide))

    def test_check_out_not_yours_or_already_closed(self):
        visit = self.check_in()
        # the store manager sees the visit but cannot check out for the salesperson
        with self.assertRaisesMsg(UserError, "This visit is not yours"):
            visit.with_user(self.manager).action_check_out()
        # another guide cannot even read it
        with self.assertRaises(AccessError):
            visit.with_user(self.other_guide).read(["note"])
        with self.assertRaisesMsg(UserError, "This visit is not yours"):
            visit.with_user(self.other_guide).action_check_out()
        visit.with_user(self.guide).action_check_out()
        with self.assertRaisesMsg(UserError, "already checked out"):
            visit.with_user(self.guide).action_check_out()

    def test_bad_times_and_dates(self):
        with freeze_time("2026-11-20 02:00:00"):
            visit = self.check_in()
            with self.assertRaisesMsg(ValidationError, "before its check-in"):
                visit.with_user(self.guide).write({"check_out": "2026-11-20 01:59:00"})
            with self.assertRaisesMsg(ValidationError, "more than 16 hours"):
                visit.with_user(self.guide).write({"check_out": "2026-11-21 02:00:00"})
            with self.assertRaisesMsg(UserError, "cannot be in the past"):
                visit.with_user(self.guide).action_check_out(next_followup_date="2026-11-19")
            self.assertEqual(visit.state, "open", "nothing was saved")
        with self.assertRaisesMsg(ValidationError, "is not a designer"):
            self.check_in(user=self.other_guide, partner=self.customer)

    def test_check_in_without_position_is_kept_without_coordinates(self):
        visit = self.check_in(where=("", ""))
        self.assertEqual((visit.check_in_latitude, visit.check_in_longitude), (0.0, 0.0))
        visit.with_user(self.guide).action_check_out()
        self.assertEqual(visit.distance, 0.0, "no distance without both positions")

    def test_record_rules(self):
        mine = self.check_in()
        theirs = self.check_in(user=self.other_guide)
        ours = (mine | theirs).ids

        def visible(user):
            return self.Visit.with_user(user).search([("id", "in", ours)])

        self.assertEqual(visible(self.guide), mine)
        self.assertEqual(visible(self.other_guide), theirs)
        self.assertEqual(visible(self.manager), mine, "a store manager sees the store's")
        self.assertEqual(visible(self.other_manager), theirs)
        self.assertEqual(visible(self.gm), mine | theirs)
        with self.assertRaises(AccessError):
            visible(self.designer_user)
        with self.assertRaises(AccessError):
            mine.with_user(self.other_guide).write({"note": "x"})

    def test_follow_up_history_on_the_designer_and_analysis(self):
        with freeze_time("2026-11-18 02:00:00"):
            first = self.check_in()
        with freeze_time("2026-11-18 03:00:00"):
            first.with_user(self.guide).action_check_out(note="第一次")
        with freeze_time("2026-11-20 02:00:00"):
            second = self.check_in()
        with freeze_time("2026-11-20 02:30:00"):
            second.with_user(self.guide).action_check_out(note="第二次")
        designer = self.designer.with_user(self.guide)
        self.assertEqual(designer.jiancai_visit_count, 2)
        self.assertEqual(designer.jiancai_last_visit, datetime(2026, 11, 20, 2, 0))
        self.assertEqual(designer.jiancai_visit_ids.mapped("note"), ["第二次", "第一次"])
        action = designer.action_view_jiancai_visits()
        self.assertEqual(self.Visit.with_user(self.guide).search(action["domain"]), second | first)
        self.assertEqual(self.designer.with_user(self.other_guide).jiancai_visit_count, 0)
        # what the pivot shows the manager: visits and time per salesperson
        groups = self.Visit.with_user(self.manager)._read_group(
            [("id", "in", (first | second).ids)], ["user_id"], ["__count", "duration:sum"]
        )
        self.assertEqual(groups, [(self.guide, 2, 1.5)])
