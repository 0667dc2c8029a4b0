from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import NOW, ServiceCase

TUE_9 = datetime(2026, 9, 29, 1, 0)


@tagged("post_install", "-at_install")
class TestServiceSecurity(ServiceCase):
    @freeze_time(NOW)
    def test_technicians_see_only_their_jobs(self):
        mine = self.new_ticket()
        mine._jiancai_book(self.tech, TUE_9)
        theirs = self.new_ticket()
        theirs._jiancai_book(self.tech2, TUE_9)
        Ticket = self.env["helpdesk.ticket"].with_user(self.tech_user)
        visible = Ticket.search([("jiancai_type_id", "!=", False)])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)
        with self.assertRaises(AccessError):
            theirs.with_user(self.tech_user).action_jiancai_check_in()
        with self.assertRaises(AccessError):
            theirs.with_user(self.tech_user).read(["name"])

    @freeze_time(NOW)
    def test_protected_fields_refused(self):
        ticket = self.new_ticket()
        ticket._jiancai_book(self.tech, TUE_9)
        job = ticket.with_user(self.tech_user)
        for vals in (
            {"jiancai_code_confirmed_at": NOW},
            {"jiancai_checkin_at": NOW},
            {"jiancai_piece_rate": 9999},
            {"jiancai_code_tries": 3},
        ):
            with self.assertRaises(AccessError):
                job.write(vals)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.service_user).create(
                {"name": "x", "jiancai_type_id": self.repair.id, "jiancai_sla_met": True}
            )
        # a technician cannot read the code's digest at all
        with self.assertRaises(AccessError):
            job.read(["jiancai_code_digest"])

    @freeze_time(NOW)
    def test_customers_see_only_their_tickets(self):
        portal = new_test_user(self.env, login="jc_test_portal_he", groups="base.group_portal")
        mine = self.new_ticket(partner_id=portal.partner_id.id)
        other = self.new_ticket()
        Ticket = self.env["helpdesk.ticket"].with_user(portal)
        self.assertEqual(Ticket.search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(portal).write({"name": "changed"})

    def test_configuration_is_for_the_general_manager(self):
        with self.assertRaises(AccessError):
            self.env["jiancai.service.type"].with_user(self.service_user).create(
                {"name": "x", "kind": "repair"}
            )
        with self.assertRaises(AccessError):
            self.env.ref("jiancai_service.service_type_repair").with_user(
                self.tech_user
            ).piece_rate = 1
        self.env["jiancai.service.type"].with_user(self.users["gm"]).create(
            {"name": "Grout renewal", "kind": "repair"}
        )
