from datetime import datetime

from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase
from odoo.addons.jiancai_dispatch.tests.common import DispatchCase


@tagged("post_install", "-at_install")
class TestVisitsOnDeliveryPage(JiancaiHttpCase, DispatchCase):
    """The delivery's tracking page offers the booking of the customer's visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.installation = cls.env.ref("jiancai_service.service_type_installation")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Installation: smart toilet",
                "jiancai_type_id": cls.installation.id,
                "partner_id": cls.customer.id,
                "jiancai_picking_id": cls.stop1.id,
            }
        )
        cls.link = cls.stop1.sudo()._jiancai_tracking_link(partner=cls.customer)

    def visits(self):
        return self.stop1.sudo()._jiancai_tracking_values(self.link)["service_visits"]

    def test_open_visit_is_offered_with_its_own_link(self):
        sent = self.ticket.sudo()._jiancai_tracking_link(partner=self.customer)
        [visit] = self.visits()
        self.assertEqual(visit["title"], self.installation.name)
        self.assertFalse(visit["appointment"])
        self.assertEqual(visit["url"], sent.url, "the link of the booking SMS, not a new one")
        page = self.url_open(f"/jc/t/{self.link.id}?access_token={self.link.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_jiancai_service_dispatch_visit", page.text)
        self.assertIn(f"/jc/t/{sent.id}?access_token={sent.access_token}", page.text)
        # and the ticket's page it leads to answers
        self.assertEqual(
            self.url_open(f"/jc/t/{sent.id}?access_token={sent.access_token}").status_code, 200
        )

    def test_booked_visit_shows_its_time(self):
        self.ticket.sudo().write(
            {"jiancai_start": datetime(2030, 1, 8, 1, 0), "jiancai_end": datetime(2030, 1, 8, 3, 0)}
        )
        [visit] = self.visits()
        self.assertIn("09:00", visit["appointment"])

    def test_only_the_customers_open_on_site_visits(self):
        closed = self.env["helpdesk.ticket.stage"].search(
            [("jiancai_phase", "=", "cancelled")], limit=1
        )
        self.assertTrue(closed, "a cancelling stage exists")
        self.ticket.sudo().stage_id = closed
        self.assertEqual(self.visits(), [])
        # somebody else's ticket hung on this delivery is not shown to this customer
        self.env["helpdesk.ticket"].create(
            {
                "name": "Repair for another customer",
                "jiancai_type_id": self.env.ref("jiancai_service.service_type_repair").id,
                "partner_id": self.customer2.id,
                "jiancai_picking_id": self.stop1.id,
            }
        )
        self.assertEqual(self.visits(), [])

    def test_delivery_without_visit_shows_none(self):
        link = self.stop2.sudo()._jiancai_tracking_link(partner=self.customer2)
        page = self.url_open(f"/jc/t/{link.id}?access_token={link.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_jiancai_service_dispatch_visit", page.text)

    def test_customer_phone_screenshot(self):
        path = f"/jc/t/{self.link.id}?access_token={self.link.access_token}"
        with self.page(path, size=PHONE) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_service_dispatch_visit a.btn')",
                "the visit with its booking button",
            )
            self.shot(browser, "delivery_page_with_installation")
            self.run_js(
                browser, "document.querySelector('.o_jiancai_service_dispatch_visit a.btn').click()"
            )
            self.wait_for(
                browser,
                f"!location.pathname.endsWith('/jc/t/{self.link.id}')"
                " && !!document.querySelector('.o_jiancai_base_tracking')",
                "the ticket's booking page",
            )
            self.shot(browser, "installation_booking_page")
