from ast import literal_eval

from psycopg2 import IntegrityError

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import JiancaiCase


@tagged("post_install", "-at_install")
class TestStore(JiancaiCase):
    def test_store_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["crm.team"].create(
                {
                    "name": "Copy",
                    "jiancai_is_store": True,
                    "jiancai_store_code": "T001",
                    "company_id": self.env.company.id,
                }
            )

    def test_sale_order_of_a_guide_carries_their_store(self):
        guide = self.users["guide"]
        order = self.env["sale.order"].with_user(guide).create({"partner_id": self.customer.id})
        self.assertEqual(order.team_id, self.store)
        self.assertEqual(self.env["crm.team"].with_user(guide)._jiancai_store_of_user(), self.store)
        self.assertEqual(
            self.env["crm.team"]._jiancai_store_of_user(self.users["store_manager"]), self.store
        )
        self.assertFalse(self.env["crm.team"]._jiancai_store_of_user(self.users["driver"]))

    def test_reports_group_sales_by_store(self):
        other = self.env["crm.team"].create(
            {"name": "Other Store", "jiancai_is_store": True, "jiancai_store_code": "T002"}
        )
        SaleOrder = self.env["sale.order"]
        SaleOrder.create([
            {"partner_id": self.customer.id, "team_id": self.store.id},
            {"partner_id": self.customer.id, "team_id": self.store.id},
            {"partner_id": self.customer.id, "team_id": other.id},
        ])  # fmt: skip
        counts = dict(
            SaleOrder._read_group([("partner_id", "=", self.customer.id)], ["team_id"], ["__count"])
        )
        self.assertEqual(counts[self.store], 2)
        self.assertEqual(counts[other], 1)
        by_region = dict(
            self.env["crm.team"]._read_group(
                [("jiancai_is_store", "=", True), ("id", "in", (self.store | other).ids)],
                ["jiancai_region_id"],
                ["__count"],
            )
        )
        self.assertEqual(by_region[self.region], 1)

    def test_store_action_lists_stores_only(self):
        online = self.env["crm.team"].create({"name": "Online shop"})
        action = self.env["ir.actions.act_window"]._for_xml_id("jiancai_base.crm_team_action_store")
        found = self.env["crm.team"].search(literal_eval(action["domain"]))
        self.assertIn(self.store, found)
        self.assertNotIn(online, found)

    def test_store_form(self):
        with Form(self.env["crm.team"].with_context(default_jiancai_is_store=True)) as form:
            form.name = "新店"
            form.jiancai_store_code = "N001"
            form.jiancai_region_id = self.region
            form.jiancai_warehouse_id = self.warehouse
            form.jiancai_address_id = self.store_address
        store = form.record
        self.assertTrue(store.jiancai_is_store)
        self.assertEqual(store.jiancai_phone, "021-6438 1001")
        self.assertTrue(store.jiancai_qr, "the store form shows a QR code")

    def test_public_store_page_values_show_only_the_store_card(self):
        link = self.store._jiancai_tracking_link()
        values = self.store._jiancai_tracking_values(link)
        self.assertEqual(values["title"], "Test Store")
        labels = dict(values["rows"])
        self.assertIn("漕溪北路 398 号", labels["Address"])
        self.assertEqual(labels["Store manager"], "Test store_manager")
