from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.jiancai_crm.tests.common import CrmCase


@tagged("post_install", "-at_install")
class TestLeadHome(CrmCase):
    def held(self, room, partner=None, **extra):
        lead = self.pool_lead(phone=f"1390000{room}", room=room, **extra)
        lead.write({"user_id": self.guide.id, "partner_id": (partner or self.customer).id})
        return lead.with_user(self.guide)

    def test_the_lead_starts_and_then_opens_the_home_file(self):
        lead = self.held("7101")
        action = lead.action_jiancai_home()
        home = self.env["jiancai.home"].browse(action["res_id"])
        self.assertEqual(home.partner_id, self.customer)
        self.assertEqual(home.store_id, self.store)
        self.assertEqual(home.property_key, "翠湖天地|3||7101")
        self.assertEqual(lead.jiancai_home_id, home)
        # a second lead of the same customer for the same flat, spelled otherwise
        again = self.held("7101", jiancai_building="3号楼")
        self.assertEqual(again.action_jiancai_home()["res_id"], home.id)

    def test_refusals_say_what_to_do_and_reveal_nobody(self):
        lead = self.held("7102")
        lead.action_jiancai_home()
        neighbour = self.env["res.partner"].create({"name": "Another customer"})
        other = self.held("7102", partner=neighbour, jiancai_building="三栋")
        with self.assertRaises(UserError) as caught:
            other.action_jiancai_home()
        self.assertIn("another customer", str(caught.exception))
        self.assertNotIn(self.customer.name, str(caught.exception))
        self.assertFalse(other.jiancai_home_id)
        no_customer = self.pool_lead(phone="13900007103", room="7103")
        no_customer.user_id = self.guide
        with self.assertRaisesRegex(UserError, "its customer first"):
            no_customer.with_user(self.guide).action_jiancai_home()
