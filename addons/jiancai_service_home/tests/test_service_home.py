from datetime import datetime

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase
from odoo.addons.jiancai_service.tests.common import NOW, ServiceCase

TUE_9 = datetime(2026, 9, 29, 1, 0)


@tagged("post_install", "-at_install")
class TestServiceHome(JiancaiHttpCase, ServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.measurement = cls.env.ref("jiancai_service.service_type_measurement")
        cls.measurement.min_photo_count = 0  # this test is about the rooms
        cls.tech.skill_ids |= cls.env.ref("jiancai_service.skill_measuring")
        cls.home = cls.env["jiancai.home"].create(
            {
                "partner_id": cls.customer.id,
                "store_id": cls.store.id,
                "community": "翠湖测量花园",
                "building": "3栋",
                "room": "1202",
            }
        )

    def measurement_on_site(self, **vals):
        ticket = self.new_ticket(self.measurement, **vals)
        ticket._jiancai_book(self.tech, TUE_9)
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        return ticket

    @freeze_time(NOW)
    def test_a_measurement_closes_with_the_rooms_measured(self):
        ticket = self.measurement_on_site()
        self.assertEqual(ticket.jiancai_home_id, self.home, "the customer's only home")
        job = ticket.with_user(self.tech_user)
        with self.assertRaises(GateRefusal) as caught:
            job.action_jiancai_complete()
        self.assertIn("No room of", str(caught.exception))
        self.assertFalse(self.home.measurer_id)
        # the technician measures (the home is theirs to see while the job is)
        self.home.with_user(self.tech_user).write(
            {"room_ids": [Command.create({"name": "主卧", "length_m": 4.2, "width_m": 3.6})]}
        )
        job.action_jiancai_complete()
        self.assertEqual(ticket.jiancai_phase, "done")
        self.assertEqual(self.home.measurer_id, self.tech_user)
        self.assertTrue(self.home.measured_at)
        self.assertIn(ticket.display_name, self.home.message_ids[0].body)

    @freeze_time(NOW)
    def test_a_measurement_needs_the_home(self):
        stranger = self.env["res.partner"].create({"name": "No home yet"})
        ticket = self.measurement_on_site(partner_id=stranger.id)
        self.assertFalse(ticket.jiancai_home_id)
        with self.assertRaisesRegex(GateRefusal, "not linked to the customer's home"):
            ticket.with_user(self.tech_user).action_jiancai_complete()
        # and not someone else's home
        with self.assertRaisesRegex(ValidationError, "is not"):
            ticket.jiancai_home_id = self.home

    @freeze_time(NOW)
    def test_technicians_see_their_jobs_homes_only(self):
        ticket = self.measurement_on_site()
        Home = self.env["jiancai.home"]
        self.assertIn(self.home, Home.with_user(self.tech_user).search([]))
        self.assertNotIn(self.home, Home.with_user(self.tech_user2).search([]))
        # the job page leads to the rooms; another technician gets 404 on the home
        self.authenticate(self.tech_user.login, self.tech_user.login)
        page = self.url_open(f"/jc/service/job/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f'href="/jc/home/{self.home.id}"', page.text)
        self.assertIn("Measure the rooms", page.text)
        self.assertEqual(self.url_open(f"/jc/home/{self.home.id}").status_code, 200)
        self.authenticate(self.tech_user2.login, self.tech_user2.login)
        self.assertEqual(self.url_open(f"/jc/home/{self.home.id}").status_code, 404)
