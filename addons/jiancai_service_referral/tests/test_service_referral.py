from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from odoo.addons.jiancai_base.tests.common import make_jpeg
from odoo.addons.jiancai_referral.tests.common import ReferralCase
from odoo.addons.jiancai_service.tests.common import NOW, ServiceCase


@tagged("post_install", "-at_install")
class TestServiceReferral(ServiceCase, ReferralCase):
    """A referred customer's installation, completed on the phone, reaches the referral."""

    def complete(self, ticket):
        """Book, check in, and complete with the evidence the installation type asks for."""
        start = ticket._jiancai_offered_slots(days=7)[0][1]
        ticket._jiancai_book(self.tech, start)
        job = ticket.with_user(self.tech_user)
        job.action_jiancai_check_in()
        Photo = self.env["jiancai.field.photo"].with_user(self.tech_user)
        for name in ("a.jpg", "b.jpg"):
            Photo.create_from_upload(job, make_jpeg(), filename=name)
        for check in job.jiancai_check_ids:
            job.action_jiancai_toggle_check(check.id)
        self.assertTrue(job._jiancai_confirm_code(self.code_of(ticket)).ok)
        job.action_jiancai_complete()
        self.assertEqual(ticket.jiancai_phase, "done")

    @freeze_time(NOW)
    def test_installation_reaches_the_referral(self):
        referral = self.verified_referral()
        customer = referral.partner_id
        ticket = self.new_ticket(partner_id=customer.id)
        self.complete(ticket)
        installed = referral.milestone_ids.filtered(lambda m: m.code == "installed")
        self.assertEqual(len(installed), 1)
        # a second installation for the same customer adds no second milestone
        self.complete(self.new_ticket(partner_id=customer.id))
        self.assertEqual(len(referral.milestone_ids.filtered(lambda m: m.code == "installed")), 1)

    @freeze_time(NOW)
    def test_customer_without_referral_and_repairs_reach_nothing(self):
        referral = self.verified_referral()
        Milestone = self.env["jiancai.referral.milestone"]
        before = Milestone.search_count([])
        self.complete(self.new_ticket())  # 何志明 of the service tests: not referred
        self.assertEqual(Milestone.search_count([]), before)
        self.assertFalse(referral.milestone_ids.filtered(lambda m: m.code == "installed"))

    def test_only_verifiers_see_who_referred(self):
        referral = self.verified_referral()
        ticket = self.new_ticket(partner_id=referral.partner_id.id)
        as_manager = ticket.with_user(self.manager)  # store manager: a verifier
        self.assertEqual(as_manager.jiancai_referral_id, referral)
        for user in (self.tech_user, self.service_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                ticket.with_user(user).read(["jiancai_referral_id"])
