import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import JiancaiCase, JiancaiHttpCase


@tagged("post_install", "-at_install")
class TestTrackingLink(JiancaiHttpCase, JiancaiCase):
    def test_valid_link_shows_the_store_card(self):
        link = self.store._jiancai_tracking_link(partner=self.customer)
        self.assertTrue(link.url.endswith(f"/jc/t/{link.id}?access_token={link.access_token}"))
        self.assertEqual(self.store._jiancai_tracking_link(partner=self.customer), link, "reused")
        self.assertNotEqual(self.store._jiancai_tracking_link(), link, "one link per person")
        response = self.url_open(link.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test Store", response.text)
        self.assertIn("漕溪北路 398 号", response.text)
        self.assertIn("09:00-20:00", response.text)
        link.invalidate_recordset()
        self.assertEqual(link.view_count, 1)
        self.assertTrue(link.last_viewed_at)

    def test_bad_links_are_404_without_data(self):
        link = self.store._jiancai_tracking_link(partner=self.customer)
        good = link.access_token
        cases = {
            "wrong token": f"/jc/t/{link.id}?access_token={good[:-1]}x",
            "no token": f"/jc/t/{link.id}",
            "other id": f"/jc/t/{link.id + 1000}?access_token={good}",
        }
        for what, url in cases.items():
            with self.subTest(what):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("漕溪北路", response.text)
        link.expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.url_open(link.get_portal_url()).status_code, 404, "expired")
        link.action_extend()
        self.assertEqual(self.url_open(link.get_portal_url()).status_code, 200, "extended")
        revoked_url = link.get_portal_url()
        link.action_revoke()
        self.assertEqual(self.url_open(revoked_url).status_code, 404, "revoked")
        link.action_extend()
        self.assertEqual(self.url_open(revoked_url).status_code, 404, "a revoked secret is dead")
        self.assertEqual(self.url_open(link.get_portal_url()).status_code, 200, "new secret")
        self.assertEqual(self.url_open(f"/jc/t/{link.id}?access_token=密码").status_code, 404)

    def test_link_to_a_record_that_is_not_trackable_is_404(self):
        link = self.env["jiancai.tracking.link"].create(
            {"res_model": "res.partner", "res_id": self.customer.id}
        )
        self.assertEqual(self.url_open(link.get_portal_url()).status_code, 404)

    def test_rating_through_odoo_rating(self):
        link = self.store._jiancai_tracking_link(partner=self.customer)
        page = self.url_open(link.get_portal_url()).text
        rating = self.env["rating.rating"].search(
            [
                ("res_model", "=", "crm.team"),
                ("res_id", "=", self.store.id),
                ("partner_id", "=", self.customer.id),
            ]
        )
        self.assertEqual(len(rating), 1)
        self.assertIn(f"/rate/{rating.access_token}/5", page)
        # Odoo's own rating page: the link opens a form, the customer confirms it
        response = self.url_open(f"/rate/{rating.access_token}/5")
        self.assertEqual(response.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        response = self.url_open(
            f"/rate/{rating.access_token}/submit_feedback",
            data={"csrf_token": token, "rate": 5, "feedback": "导购很专业"},
        )
        self.assertEqual(response.status_code, 200)
        rating.invalidate_recordset()
        self.assertEqual(rating.rating, 5)
        self.assertTrue(rating.consumed)
        self.assertEqual(rating.feedback, "导购很专业")
        self.assertEqual(self.store.rating_count, 1)

    def test_only_readers_of_a_document_can_publish_it(self):
        other_company = self.env["res.company"].create({"name": "Other Dealer"})
        hidden = self.env["crm.team"].create(
            {"name": "Hidden Store", "jiancai_is_store": True, "company_id": other_company.id}
        )
        guide = self.users["guide"]
        Link = self.env["jiancai.tracking.link"].with_user(guide)
        with self.assertRaises(AccessError):
            Link.create({"res_model": "crm.team", "res_id": hidden.id})
        with self.assertRaises(AccessError):
            hidden.with_user(guide).action_jiancai_tracking_link()
        mine = Link.create({"res_model": "crm.team", "res_id": self.store.id})
        with self.assertRaises(UserError):
            mine.write({"res_id": hidden.id})

    def test_staff_see_their_own_links(self):
        guide, other = self.users["guide"], self.users["driver"]
        mine = (
            self.env["jiancai.tracking.link"]
            .with_user(guide)
            .create({"res_model": "crm.team", "res_id": self.store.id})
        )
        theirs = (
            self.env["jiancai.tracking.link"]
            .with_user(other)
            .create({"res_model": "crm.team", "res_id": self.store.id})
        )
        seen = self.env["jiancai.tracking.link"].with_user(guide).search([])
        self.assertIn(mine, seen)
        self.assertNotIn(theirs, seen)
        self.assertIn(
            theirs,
            self.env["jiancai.tracking.link"].with_user(self.users["store_manager"]).search([]),
        )
