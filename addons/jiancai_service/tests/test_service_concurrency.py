# Two real transactions are the point of this test: they commit, then clean up.
# pylint: disable=invalid-commit
from datetime import datetime

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, tagged
from odoo.tools import SQL, mute_logger

NOW = datetime(2026, 9, 28, 0, 0)
TUE_9 = datetime(2026, 9, 29, 1, 0)


@tagged("post_install", "-at_install")
class TestServiceConcurrency(TransactionCase):
    """Two customers book the technician's last free time at once: one wins."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].create(
                {"name": "Race Tech", "login": f"jc_race_tech_{datetime.now():%H%M%S%f}"}
            )
            calendar = env["resource.calendar"].create(
                {
                    "name": "Race calendar",
                    "tz": "Asia/Shanghai",
                    "attendance_ids": [
                        (0, 0, {"name": "Tue", "dayofweek": "1", "hour_from": 9,
                                "hour_to": 11, "day_period": "morning"})
                    ],
                }
            )  # fmt: skip
            tech = env["jiancai.service.technician"].create(
                {"user_id": user.id, "calendar_id": calendar.id}
            )
            skill = env["jiancai.service.skill"].create({"name": "Race skill"})
            tech.skill_ids = skill
            service_type = env["jiancai.service.type"].create(
                {"name": "Race visit", "kind": "repair", "duration_hours": 2,
                 "skill_ids": [(6, 0, skill.ids)]}
            )  # fmt: skip
            partner = env["res.partner"].create({"name": "Race customer"})
            tickets = env["helpdesk.ticket"].create(
                [
                    {"name": f"Race {i}", "jiancai_type_id": service_type.id,
                     "partner_id": partner.id}
                    for i in range(2)
                ]
            )  # fmt: skip
            cr.commit()
        self.ids = {
            "user": user.id,
            "calendar": calendar.id,
            "tech": tech.id,
            "type": service_type.id,
            "skill": skill.id,
            "partner": partner.id,
            "tickets": tickets.ids,
        }
        self.customers = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"
        ]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.customers:
            env.cr.rollback()
            env.cr.close()
        ids = self.ids
        with self.env.registry.cursor() as cr:
            tickets = tuple(ids["tickets"])
            for table in ("mail_message", "mail_followers"):
                column = "model" if table == "mail_message" else "res_model"
                cr.execute(
                    SQL(
                        "DELETE FROM %s WHERE %s = 'helpdesk.ticket' AND res_id IN %s",
                        SQL.identifier(table),
                        SQL.identifier(column),
                        tickets,
                    )
                )
            cr.execute(
                SQL(
                    "DELETE FROM jiancai_notification WHERE res_model = 'helpdesk.ticket' "
                    "AND res_id IN %s",
                    tickets,
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM jiancai_tracking_link WHERE res_model = 'helpdesk.ticket' "
                    "AND res_id IN %s",
                    tickets,
                )
            )
            cr.execute(SQL("DELETE FROM helpdesk_ticket WHERE id IN %s", tickets))
            cr.execute(SQL("DELETE FROM jiancai_service_technician WHERE id = %s", ids["tech"]))
            cr.execute(SQL("DELETE FROM jiancai_service_type WHERE id = %s", ids["type"]))
            cr.execute(SQL("DELETE FROM jiancai_service_skill WHERE id = %s", ids["skill"]))
            cr.execute(SQL("DELETE FROM resource_calendar WHERE id = %s", ids["calendar"]))
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", ids["partner"]))
            cr.execute(SQL("SELECT partner_id FROM res_users WHERE id = %s", ids["user"]))
            user_partner = cr.fetchone()[0]
            cr.execute(SQL("DELETE FROM res_users_log WHERE create_uid = %s", ids["user"]))
            cr.execute(SQL("DELETE FROM res_users WHERE id = %s", ids["user"]))
            cr.execute(SQL("DELETE FROM mail_followers WHERE partner_id = %s", user_partner))
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", user_partner))
            cr.commit()

    @freeze_time(NOW)
    def test_last_slot_taken_once(self):
        env_a, env_b = self.customers
        first, second = self.ids["tickets"]
        # B's request has begun: its snapshot offers the one free time
        ticket_b = env_b["helpdesk.ticket"].browse(second)
        self.assertEqual([s for _t, s, _e in ticket_b._jiancai_offered_slots(days=3)], [TUE_9])
        # A books it and commits
        tech_a = env_a["jiancai.service.technician"].browse(self.ids["tech"])
        self.assertTrue(env_a["helpdesk.ticket"].browse(first)._jiancai_book(tech_a, TUE_9))
        env_a.cr.commit()
        # B's booking from its old snapshot is refused by the database (Odoo retries
        # such a request), and the retry sees the time taken
        tech_b = env_b["jiancai.service.technician"].browse(self.ids["tech"])
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.SerializationFailure):
            ticket_b._jiancai_book(tech_b, TUE_9)
        env_b.cr.rollback()
        env_b.invalidate_all()
        with self.assertRaisesRegex(UserError, "just been taken"):
            ticket_b._jiancai_book(tech_b, TUE_9)
        env_b.cr.rollback()
        env_b.invalidate_all()
        self.assertFalse(ticket_b.jiancai_technician_id)
        self.assertEqual(ticket_b._jiancai_offered_slots(days=3), [])
        booked = env_b["helpdesk.ticket"].search_count([("jiancai_technician_id", "=", tech_b.id)])
        self.assertEqual(booked, 1)
