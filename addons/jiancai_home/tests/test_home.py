import psycopg2

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import HomeCase


@tagged("post_install", "-at_install")
class TestHome(HomeCase):
    def test_rooms_give_areas_and_totals(self):
        bath, living = self.home.room_ids
        self.assertEqual((bath.floor_area, bath.wall_area), (4.32, 19.68))
        self.assertEqual((living.floor_area, living.wall_area), (31.92, 0.0))
        self.assertEqual(self.home.room_count, 2)
        self.assertAlmostEqual(self.home.floor_total, 36.24)
        self.assertEqual(self.home.property_key, "翠湖测试|12|2|1501")
        self.assertEqual(self.home.name, "翠湖测试花园 12栋 2单元 1501室")

    def test_quote_the_tiles_in_whole_boxes(self):
        guide = self.users["guide"]
        wizard = Form(
            self.env["jiancai.home.quote"]
            .with_user(guide)
            .with_context(default_home_id=self.home.id)
        )
        # floor and walls of the bathroom, the living room's floor
        self.assertEqual(len(wizard.line_ids), 3)
        with wizard.line_ids.edit(0) as line:  # bathroom floor, diagonal: 4.32 + 12 %
            self.assertEqual(line.quantity, 4.84)
            line.product_id = self.tile
        with wizard.line_ids.edit(2) as line:  # living room, straight: 31.92 + 5 %
            self.assertEqual(line.quantity, 33.52)
            line.product_id = self.tile
            line.pattern = "herringbone"
            self.assertEqual(line.quantity, 36.71)
        action = wizard.save().action_quote()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.owner)
        self.assertEqual(order.jiancai_home_id, self.home)
        # whole boxes of 1.44 m²: 4.84 → 4 boxes (5.76), 36.71 → 26 boxes (37.44)
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [5.76, 37.44])
        self.assertIn("Bathroom", order.order_line[0].name)
        self.assertEqual(self.home.order_count, 1)
        # a second quote adds to the open quotation
        wizard = Form(
            self.env["jiancai.home.quote"]
            .with_user(guide)
            .with_context(default_home_id=self.home.id)
        )
        wizard.order_id = order
        with wizard.line_ids.edit(1) as line:  # bathroom walls: 19.68 + 5 %
            line.product_id = self.tile
        wizard.save().action_quote()
        self.assertEqual(len(order.order_line), 3)
        # nothing chosen: a clear refusal
        empty = self.env["jiancai.home.quote"].with_user(guide).create({"home_id": self.home.id})
        with self.assertRaisesRegex(UserError, "Choose a tile"):
            empty.action_quote()

    def test_one_home_per_flat_whatever_the_spelling(self):
        for building, room in (("12棟", "1501"), ("12号楼", "１５０１"), ("第十二栋", "1501号")):
            with (
                self.subTest(building=building),
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.UniqueViolation),
                self.env.cr.savepoint(),
            ):
                self.env["jiancai.home"].create(
                    {
                        "partner_id": self.customer.id,
                        "community": "翠湖测试花园小区",
                        "building": building,
                        "unit": "2",
                        "room": room,
                    }
                )
        with self.assertRaisesRegex(ValidationError, "community and the flat"):
            self.env["jiancai.home"].create(
                {"partner_id": self.customer.id, "community": "翠湖测试花园", "room": " "}
            )

    def test_measurements_that_cannot_be(self):
        for vals, reason in (
            ({"length_m": 0}, "above 0"),
            ({"width_m": -2}, "above 0"),
            ({"length_m": float("nan")}, "above 0"),
            ({"length_m": float("inf")}, "above 0"),
            ({"length_m": 1e6}, "too large"),
            ({"height_m": 12}, "too large"),
            ({"height_m": 2.4, "openings_m2": 50}, "larger than the walls"),
        ):
            values = {"home_id": self.home.id, "name": "Hall", "length_m": 3, "width_m": 2, **vals}
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, reason),
                self.env.cr.savepoint(),
            ):
                self.env["jiancai.home.room"].create(values)
        with self.assertRaisesRegex(ValidationError, "m², from 0"), self.env.cr.savepoint():
            self.home.area = float("nan")

    def test_who_sees_the_home(self):
        other_store = self.env["crm.team"].create(
            {"name": "Other Store", "jiancai_is_store": True, "jiancai_store_code": "T9"}
        )
        stranger = self.env["res.users"].create(
            {
                "name": "Guide of another store",
                "login": "jc_test_home_stranger",
                "group_ids": [(6, 0, [self.env.ref("jiancai_base.group_sales_guide").id])],
            }
        )
        other_store.member_ids = stranger
        Home = self.env["jiancai.home"]
        self.assertIn(self.home, Home.with_user(self.users["guide"]).search([]))
        self.assertNotIn(self.home, Home.with_user(stranger).search([]))
        with self.assertRaises(AccessError):
            self.home.with_user(stranger).read(["room_ids"])
        # the measurer sent there sees it
        technician = self.users["technician"]
        self.assertNotIn(self.home, Home.with_user(technician).search([]))
        self.home.measurer_id = technician
        self.assertIn(self.home, Home.with_user(technician).search([]))
        self.assertIn(self.home, Home.with_user(self.users["gm"]).search([]))
        # the homeowner reads it, and nobody else's, and writes nothing
        neighbour = self.env["jiancai.home"].create(
            {"partner_id": self.customer.id, "community": "翠湖测试花园", "room": "1502"}
        )
        owner_homes = Home.with_user(self.owner_user).search([])
        self.assertIn(self.home, owner_homes)
        self.assertNotIn(neighbour, owner_homes)
        with self.assertRaises(AccessError):
            self.home.with_user(self.owner_user).write({"layout": "x"})
        with self.assertRaises(AccessError):
            self.home.room_ids[0].with_user(self.owner_user).write({"length_m": 9})
        # a guide cannot delete a home (the store manager can)
        with self.assertRaises(AccessError):
            neighbour.with_user(self.users["guide"]).unlink()

    def test_an_order_takes_only_its_customers_home(self):
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        with self.assertRaisesRegex(ValidationError, "is not"):
            order.jiancai_home_id = self.home
