# Concurrency needs data that two database connections see: these tests commit their
# own fixture and delete it afterwards, like Odoo's own sequence concurrency tests.
# pylint: disable=invalid-commit
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.jiancai_base.tests.common import make_jpeg


@tagged("post_install", "-at_install")
class TestTwoPhonesAtOnce(TransactionCase):
    """Two phones press "Delivered" on the same stop at the same moment.

    Real concurrency needs committed data seen by two database connections: the stop is
    created and committed here, each phone gets its own cursor, and everything is
    deleted again afterwards (as Odoo's own sequence concurrency tests do).
    """

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            customers = env.ref("stock.stock_location_customers")
            product = env["product.product"].create(
                {"name": "Concurrency test tile", "type": "consu"}
            )
            picking = env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_qty": 3,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            },
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            trip = env["stock.picking.batch"].create({"picking_ids": [(6, 0, picking.ids)]})
            trip.write({"jiancai_trip_state": "departed"})
            picking.write(
                {
                    "jiancai_trip_id": trip.id,
                    "jiancai_stop_state": "arrived",
                    "jiancai_receipt_by": "code",
                }
            )
            env["jiancai.field.photo"].create_from_upload(picking, make_jpeg())
            self.assertEqual(picking.state, "assigned")
            cr.commit()
        self.ids = {"picking": picking.id, "trip": trip.id, "product": product.id}
        self.phones = [api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.phones:
            env.cr.rollback()
            env.cr.close()
        pid, tid = self.ids["picking"], self.ids["trip"]
        with self.env.registry.cursor() as cr:
            product = api.Environment(cr, SUPERUSER_ID, {})["product.product"].browse(
                self.ids["product"]
            )
            tmpl = product.product_tmpl_id.id
            for query in (
                SQL(
                    "DELETE FROM mail_message WHERE (model = 'stock.picking' AND res_id = %s) "
                    "OR (model = 'stock.picking.batch' AND res_id = %s)",
                    pid,
                    tid,
                ),
                SQL(
                    "DELETE FROM mail_followers WHERE (res_model = 'stock.picking' AND res_id = %s)"
                    " OR (res_model = 'stock.picking.batch' AND res_id = %s)",
                    pid,
                    tid,
                ),
                SQL(
                    "DELETE FROM ir_attachment WHERE res_model = 'jiancai.field.photo' AND res_id "
                    "IN (SELECT id FROM jiancai_field_photo WHERE res_model = 'stock.picking' "
                    "AND res_id = %s)",
                    pid,
                ),
                SQL(
                    "DELETE FROM jiancai_field_photo WHERE res_model = 'stock.picking' "
                    "AND res_id = %s",
                    pid,
                ),
                SQL("DELETE FROM stock_move_line WHERE picking_id = %s", pid),
                SQL("DELETE FROM stock_move WHERE picking_id = %s", pid),
                SQL("DELETE FROM stock_picking WHERE id = %s", pid),
                SQL("DELETE FROM stock_picking_batch WHERE id = %s", tid),
                SQL("DELETE FROM product_product WHERE id = %s", product.id),
                SQL("DELETE FROM product_template WHERE id = %s", tmpl),
            ):
                cr.execute(query)
            cr.commit()

    def test_delivered_twice_from_two_phones(self):
        phone_a, phone_b = self.phones
        stop_a = phone_a["stock.picking"].browse(self.ids["picking"])
        stop_b = phone_b["stock.picking"].browse(self.ids["picking"])
        # both phones have the stop open: their transactions see it "arrived"
        self.assertEqual(stop_b.jiancai_stop_state, "arrived")
        # phone A validates, its transaction not committed yet
        stop_a.action_jiancai_deliver()
        self.assertEqual(stop_a.state, "done")
        # phone B at the same moment: a clear message, nothing done
        with self.assertRaisesRegex(UserError, "Someone else is updating this stop"):
            stop_b.action_jiancai_deliver()
        phone_a.cr.commit()
        # phone B tries again (a new request, a new transaction): already delivered
        phone_b.cr.rollback()
        phone_b.invalidate_all()
        with self.assertRaisesRegex(UserError, "already Delivered"):
            stop_b.action_jiancai_deliver()
        phone_b.cr.rollback()
        # one validation: one set of done move lines, one "Delivered by" note
        phone_b.invalidate_all()
        stop = phone_b["stock.picking"].browse(self.ids["picking"])
        self.assertEqual(stop.state, "done")
        self.assertEqual(stop.jiancai_stop_state, "delivered")
        self.assertEqual(sum(stop.move_ids.mapped("quantity")), 3)
        self.assertEqual(len(stop.move_ids.move_line_ids), 1)
        self.assertEqual(len(stop.message_ids.filtered(lambda m: "Delivered by" in m.body)), 1)
        self.assertEqual(stop.jiancai_trip_id.jiancai_trip_state, "done")


@tagged("post_install", "-at_install")
class TestLastSlotPlace(TransactionCase):
    """Two customers take the last place of a slot at the same moment."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1
            )
            customers = env.ref("stock.stock_location_customers")
            pickings = env["stock.picking"].create(
                [
                    {
                        "picking_type_id": warehouse.out_type_id.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": customers.id,
                    }
                    for _i in range(2)
                ]
            )
            slot = env["jiancai.delivery.slot"].create(
                {"date": "2099-01-05", "hour_from": 6.25, "hour_to": 7.75, "capacity": 1}
            )
            cr.commit()
        self.ids = {"pickings": pickings.ids, "slot": slot.id}
        self.customers = [
            api.Environment(self.env.registry.cursor(), SUPERUSER_ID, {}) for _i in "ab"
        ]
        self.addCleanup(self._clean_up)

    def _clean_up(self):
        for env in self.customers:
            env.cr.rollback()
            env.cr.close()
        ids = tuple(self.ids["pickings"])
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "DELETE FROM mail_message WHERE model = 'stock.picking' AND res_id IN %s",
                    ids,
                )
            )
            cr.execute(
                SQL(
                    "DELETE FROM mail_followers WHERE res_model = 'stock.picking' AND res_id IN %s",
                    ids,
                )
            )
            cr.execute(SQL("DELETE FROM stock_picking WHERE id IN %s", ids))
            cr.execute(SQL("DELETE FROM jiancai_delivery_slot WHERE id = %s", self.ids["slot"]))
            cr.commit()

    def test_last_place_taken_once(self):
        env_a, env_b = self.customers
        first, second = self.ids["pickings"]
        # customer B's request has begun (its snapshot sees the slot free)...
        slot_b = env_b["jiancai.delivery.slot"].browse(self.ids["slot"])
        self.assertEqual(slot_b.free_count, 1)
        # ...when customer A books the last place and commits
        env_a["stock.picking"].browse(first)._jiancai_book_slot(
            env_a["jiancai.delivery.slot"].browse(self.ids["slot"]), by="customer"
        )
        env_a.cr.commit()
        # B's booking cannot count from its old snapshot: the database refuses it, and
        # Odoo retries such a request in a new transaction, which sees the slot full
        with (
            self.assertRaises(psycopg2.errors.SerializationFailure),
            mute_logger("odoo.sql_db"),
        ):
            env_b["stock.picking"].browse(second)._jiancai_book_slot(slot_b, by="customer")
        env_b.cr.rollback()
        env_b.invalidate_all()
        with self.assertRaisesRegex(UserError, "has just been taken"):
            env_b["stock.picking"].browse(second)._jiancai_book_slot(slot_b, by="customer")
        env_b.cr.rollback()
        env_b.invalidate_all()
        self.assertEqual(slot_b.booked_count, 1)
        self.assertFalse(env_b["stock.picking"].browse(second).jiancai_slot_id)
