import base64
import io
from datetime import datetime

from PIL import Image, ImageDraw

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import make_jpeg

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
    def test_signature_only_through_the_pad_or_customer_service(self):
        """The technician's customer signs on the job page (checked there); over JSON-RPC a
        technician cannot put any picture in the field. Customer service records one from
        the back office, with the pad's checks."""
        ticket = self.new_ticket()
        ticket._jiancai_book(self.tech, TUE_9)
        drawn = io.BytesIO()
        img = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
        ImageDraw.Draw(img).line([(10, 90), (150, 10), (290, 90)], fill="black", width=4)
        img.save(drawn, "PNG")
        good = base64.b64encode(drawn.getvalue())
        job = ticket.with_user(self.tech_user)
        with self.assertRaisesRegex(AccessError, "signs on the job's phone page"):
            job.write({"jiancai_signature": good})
        job.action_jiancai_check_in()
        with self.assertRaises(AccessError):  # checked in or not: the pad is the way
            job.write({"jiancai_signature": good})
        self.assertFalse(ticket.jiancai_signature)
        desk = ticket.with_user(self.service_user)
        blank = io.BytesIO()
        Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(blank, "PNG")
        for value, refusal in (
            (base64.b64encode(make_jpeg()), "not a signature from the pad"),
            (base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "not a signature"),
            (b"not base64 at all!", "not a signature"),
            (base64.b64encode(blank.getvalue()), "almost"),
        ):
            with self.subTest(refusal=refusal), self.assertRaisesRegex(ValidationError, refusal):
                desk.write({"jiancai_signature": value})
        self.assertFalse(ticket.jiancai_signature)
        desk.write({"jiancai_signature": good})
        self.assertEqual(ticket.jiancai_signature, good)
        desk.write({"jiancai_signature": False})  # a mistaken one is cleared by the office
        self.assertFalse(ticket.jiancai_signature)

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
