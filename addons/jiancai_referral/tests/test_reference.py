import psycopg2

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import ReferralCase


class TestReference(ReferralCase):
    def test_reference_is_unique_per_company(self):
        first = self.new_referral()
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"):
            self.new_referral(name=first.name, customer_phone="13600003333", room="888")
            self.env.flush_all()
        other_company = self.env["res.company"].create({"name": "Other Dealer"})
        far_store = self.env["crm.team"].create(
            {"name": "Far Store", "jiancai_is_store": True, "company_id": other_company.id}
        )
        twin = self.env["jiancai.referral"].create(
            self.referral_vals(
                name=first.name,
                customer_phone="13600004444",
                room="999",
                team_id=far_store.id,
                company_id=other_company.id,
            )
        )
        self.env.flush_all()
        self.assertEqual(twin.name, first.name, "another company numbers its own referrals")


@tagged("post_install", "-at_install")
class TestReferenceOnDemo(TransactionCase):
    """The demo dealer as bin/run builds it: its referrals and the next one."""

    def test_new_referral_takes_a_number_no_other_has(self):
        demo = self.env.ref("jiancai_referral.referral_demo_he", raise_if_not_found=False)
        if not demo:
            self.skipTest("needs the demo data (bin/test loads it)")
        Referral = self.env["jiancai.referral"]
        names = Referral.search([]).mapped("name")
        self.assertEqual(len(names), len(set(names)), "the demo referrals' numbers differ")
        self.assertNotIn("/", names)
        referral = Referral.with_user(self.env.ref("jiancai_base.user_manager_xuhui")).create(
            {
                "customer_name": "沈佳怡",
                "customer_phone": "137 2233 4455",
                "community": "中远两湾城",
                "building": "2期 8号楼",
                "room": "1102室",
                "referrer_id": self.env.ref("jiancai_base.partner_designer_lin").id,
                "team_id": self.env.ref("jiancai_base.store_xuhui").id,
            }
        )
        self.assertTrue(referral.name.startswith("BB"))
        self.assertNotIn(referral.name, names, "a new referral repeats a demo number")
