import importlib.util

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tools import file_path, mute_logger

from odoo.addons.jiancai_base.tests.common import make_jpeg

from .common import DispatchCase


@tagged("post_install", "-at_install")
class TestDispatchFlow(DispatchCase):
    def _plan(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()

    def _depart(self):
        self.trip.with_user(self.driver).action_jiancai_depart(31.2, 121.4)

    def _photo(self, stop):
        return (
            self.env["jiancai.field.photo"]
            .with_user(self.driver)
            .create_from_upload(
                stop.with_user(self.driver), make_jpeg(gps=((31.1, "N"), (121.3, "E")))
            )
        )

    def _code(self, stop):
        return stop.sudo().jiancai_receipt_code

    # ------------------------------------------------------------------ booking
    def test_booking_window(self):
        # 09:00-11:00 Shanghai is 01:00-03:00 UTC
        self.assertEqual(str(self.stop1.jiancai_window_end_at), "2026-12-02 03:00:00")
        self.assertEqual(self.stop1._jiancai_window_label(), "2026-12-02 09:00-11:00")
        with (
            self.assertRaises(psycopg2.errors.CheckViolation),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.stop1.write({"jiancai_window_start": 15.0, "jiancai_window_end": 10.0})
            self.stop1.flush_recordset()

    # ------------------------------------------------------------------ planning
    def test_capacity_warning_blocks_planning(self):
        self.stop2.jiancai_pallet_count = 4  # 5 pallets on a 4-pallet truck
        self.assertIn("pallets 125%", self.trip.jiancai_capacity_warning)
        with self.assertRaisesRegex(UserError, "capacity"):
            self._plan()
        self.assertEqual(self.trip.jiancai_trip_state, "draft")

    def test_plan_needs_driver(self):
        self.trip.jiancai_driver_user_id = False
        with self.assertRaisesRegex(UserError, "driver"):
            self._plan()

    def test_plan_notifies_customers_with_link_and_code(self):
        self._plan()
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        self.assertEqual(self.trip.driver_id, self.driver.partner_id)
        sms = self.env["jiancai.notification"].search(
            [
                ("res_model", "=", "stock.picking"),
                ("res_id", "=", self.stop1.id),
                ("channel", "=", "sms"),
            ]
        )
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.sms_template_id.code, "dispatch_planned")
        self.assertEqual(sms.sms_params["driver"], self.driver.name)
        self.assertEqual(sms.sms_params["phone"], "158 2100 6609")
        self.assertEqual(sms.sms_params["window"], "2026-12-02 09:00-11:00")
        code = self._code(self.stop1)
        self.assertEqual(sms.sms_params["code"], code)
        self.assertRegex(code, r"^\d{6}$")
        link = self.env["jiancai.tracking.link"].search(
            [("res_model", "=", "stock.picking"), ("res_id", "=", self.stop1.id)]
        )
        self.assertEqual(sms.sms_params["url"], link.url)
        self.assertEqual(link.partner_id, self.customer)
        # the dispatcher may read the code; the driver may not
        with self.assertRaises(AccessError):
            self.stop1.with_user(self.driver).read(["jiancai_receipt_code"])
        # freight: 100 base + 15 km x 4 + 1.25 t x 20 = 185, split by weight 500 / 750 kg
        self.assertAlmostEqual(self.trip.jiancai_freight_amount, 185.0)
        self.assertAlmostEqual(self.stop1.jiancai_freight_amount, 74.0)
        self.assertAlmostEqual(self.stop2.jiancai_freight_amount, 111.0)
        with self.assertRaisesRegex(UserError, "already planned"):
            self._plan()

    def test_charge_freight_on_the_order_and_trip_count(self):
        self._plan()
        self.assertEqual(self.order.jiancai_trip_count, 1)
        self.trip.with_user(self.dispatcher).action_jiancai_charge_freight()
        line = self.order.order_line.filtered(
            lambda line: line.product_id == self.env.ref("jiancai_dispatch.product_freight")
        )
        self.assertEqual(len(line), 1)
        self.assertAlmostEqual(line.price_unit, 74.0)

    # ------------------------------------------------------------------ driver
    def test_driver_flow_end_to_end(self):
        self._plan()
        with self.assertRaisesRegex(UserError, "not departed"):
            self.stop1.with_user(self.driver).action_jiancai_arrive()
        self._depart()
        self.assertEqual(self.trip.jiancai_trip_state, "departed")
        self.assertTrue(self.driver.jiancai_driver_busy)
        self.assertEqual(self.driver.jiancai_current_trip_id, self.trip)
        Users = self.env["res.users"].with_user(self.dispatcher)
        drivers = (self.driver | self.other_driver).ids
        self.assertEqual(
            Users.search([("id", "in", drivers), ("jiancai_driver_busy", "=", True)]), self.driver
        )
        self.assertEqual(
            Users.search([("id", "in", drivers), ("jiancai_driver_busy", "=", False)]),
            self.other_driver,
        )
        self.assertAlmostEqual(self.driver.jiancai_last_latitude, 31.2)
        with self.assertRaisesRegex(UserError, "already departed"):
            self._depart()  # the second phone
        stop = self.stop1.with_user(self.driver)
        stop.action_jiancai_arrive()
        with self.assertRaisesRegex(UserError, "already"):
            stop.action_jiancai_arrive()
        with self.assertRaisesRegex(UserError, "Confirm the receipt"):
            stop.action_jiancai_deliver()
        check = stop._jiancai_confirm_receipt_code(
            "000000" if self._code(stop) != "000000" else "111111"
        )
        self.assertFalse(check.ok)
        self.assertEqual(self.stop1.jiancai_receipt_attempts, 1)
        self.assertTrue(stop._jiancai_confirm_receipt_code(self._code(stop)).ok)
        with self.assertRaisesRegex(UserError, "photo"):
            stop.action_jiancai_deliver()
        photo = self._photo(stop)
        self.assertEqual(photo.location_source, "exif")
        stop.action_jiancai_deliver()
        # the delivered stop stays a stop of its trip (it left the batch when validated)
        trip = stop.jiancai_trip_id
        self.assertEqual(trip._jiancai_stops(), self.stop1 | self.stop2)
        self.assertEqual(trip.sudo()._jiancai_stops(), self.stop1 | self.stop2)
        self.assertEqual(trip.jiancai_stop_count, 2)
        self.assertEqual(self.stop1.state, "done")
        self.assertEqual(self.stop1.move_ids.quantity, 20)
        self.assertEqual(self.stop1.jiancai_stop_state, "delivered")
        self.assertIn("Delivered by", self.stop1.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "already"):
            stop.action_jiancai_deliver()  # validated twice
        self.assertEqual(self.trip.jiancai_trip_state, "departed")
        # the second customer confirms on the tracking page
        stop2 = self.stop2.with_user(self.driver)
        stop2.action_jiancai_arrive()
        self.assertTrue(self.stop2.sudo()._jiancai_confirm_by_customer())
        self.assertFalse(self.stop2.sudo()._jiancai_confirm_by_customer())
        self._photo(stop2)
        stop2.action_jiancai_deliver()
        self.assertEqual(self.stop2.state, "done")
        self.assertEqual(self.stop2.jiancai_receipt_by, "customer")
        self.assertEqual(self.trip.jiancai_trip_state, "done")
        self.driver.invalidate_recordset(["jiancai_driver_busy"])
        self.assertFalse(self.driver.jiancai_driver_busy)

    def test_wrong_codes_are_limited(self):
        self._plan()
        self._depart()
        stop = self.stop1.with_user(self.driver)
        stop.action_jiancai_arrive()
        wrong = "000000" if self._code(stop) != "000000" else "111111"
        for _i in range(5):
            check = stop._jiancai_confirm_receipt_code(wrong)
        self.assertTrue(check.locked)
        check = stop._jiancai_confirm_receipt_code(self._code(stop))
        self.assertFalse(check.ok)
        self.assertEqual(self.stop1.jiancai_receipt_attempts, 5)
        self.assertFalse(self.stop1.jiancai_receipt_by)

    def test_failed_stop_goes_back_to_planning(self):
        self._plan()
        self._depart()
        stop = self.stop2.with_user(self.driver)
        with self.assertRaisesRegex(UserError, "why"):
            stop.action_jiancai_fail("  ")
        stop.action_jiancai_fail("Nobody on site")
        self.assertEqual(self.stop2.jiancai_stop_state, "failed")
        self.assertIn("Nobody on site", self.trip.message_ids[0].body)
        self.stop2.with_user(self.dispatcher).action_jiancai_replan()
        self.assertFalse(self.stop2.batch_id)
        self.assertFalse(self.stop2.jiancai_stop_state)
        self.assertNotEqual(self.stop2.state, "done")

    def test_other_driver_sees_nothing(self):
        self._plan()
        Batch = self.env["stock.picking.batch"].with_user(self.other_driver)
        self.assertFalse(Batch.search([("id", "=", self.trip.id)]))
        with self.assertRaises(AccessError):
            self.trip.with_user(self.other_driver).read(["name"])
        with self.assertRaises(AccessError):
            self.trip.with_user(self.other_driver).action_jiancai_depart()
        with self.assertRaises(AccessError):
            self.stop1.with_user(self.other_driver).action_jiancai_arrive()
        # the own driver sees the trip and its stops, a dispatcher sees all
        self.assertTrue(self.trip.with_user(self.driver).picking_ids)
        self.assertEqual(
            self.env["stock.picking.batch"]
            .with_user(self.dispatcher)
            .search_count([("id", "=", self.trip.id)]),
            1,
        )

    # ------------------------------------------------------------------ rating / lateness
    def test_low_rating_creates_activity_for_dispatcher(self):
        self._plan()
        self.trip.user_id = self.dispatcher
        self._depart()
        stop = self.stop1.with_user(self.driver)
        stop.action_jiancai_arrive()
        stop._jiancai_confirm_receipt_code(self._code(stop))
        self._photo(stop)
        stop.action_jiancai_deliver()
        link = self.stop1.jiancai_tracking_link_ids
        urls = self.stop1._jiancai_rating_urls(link.partner_id)
        self.assertEqual([score for score, _url in urls], [5, 3, 1])
        token = urls[0][1].split("/")[2]
        self.stop1.sudo().rating_apply(1, token=token, feedback="Broken tiles")
        activity = self.stop1.activity_ids
        self.assertEqual(activity.user_id, self.dispatcher)
        self.assertIn("Broken tiles", activity.note)
        # a good rating adds no activity
        self.stop1.sudo().rating_apply(5, token=token)
        self.assertEqual(len(self.stop1.activity_ids), 1)

    def test_late_stops(self):
        self._plan()
        with freeze_time("2026-12-02 04:00:00"):  # 12:00 Shanghai
            self.stop1.invalidate_recordset(["jiancai_is_late"])
            self.stop2.invalidate_recordset(["jiancai_is_late"])
            self.assertTrue(self.stop1.jiancai_is_late)
            self.assertFalse(self.stop2.jiancai_is_late)
            self.trip.invalidate_recordset(["jiancai_late_count"])
            self.assertEqual(self.trip.jiancai_late_count, 1)

    def test_tracking_values(self):
        self._plan()
        self._depart()
        link = self.stop1.sudo()._jiancai_tracking_link(partner=self.customer)
        values = self.stop1.sudo()._jiancai_tracking_values(link)
        self.assertEqual(values["position"][:2], (31.2, 121.4))
        self.assertIn((("Driver"), self.driver.name), values["rows"])
        self.assertEqual([s[2] for s in values["timeline"]], [True, True, True, False, False])
        self.assertFalse(values["can_confirm"])

    def test_migration_mends_the_old_driver_rule(self):
        """Databases from 19.0.1.0.0 saw stops through batch_id: a delivered one vanished."""
        rule = self.env.ref("jiancai_dispatch.stock_picking_rule_driver")
        rule.domain_force = "[('batch_id.jiancai_driver_user_id', '=', user.id)]"
        path = file_path("jiancai_dispatch/migrations/19.0.1.0.1/post-migration.py")
        spec = importlib.util.spec_from_file_location("jiancai_dispatch_mig_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.0.0")
        self.assertEqual(rule.domain_force, migration.DRIVER_STOPS)
        self._plan()
        self._depart()
        stop = self.stop1.with_user(self.driver)
        stop.action_jiancai_arrive()
        stop._jiancai_confirm_receipt_code(self._code(stop))
        self._photo(stop)
        stop.action_jiancai_deliver()
        self.assertFalse(self.stop1.batch_id)
        self.assertIn(self.stop1, self.trip.with_user(self.driver)._jiancai_stops())
