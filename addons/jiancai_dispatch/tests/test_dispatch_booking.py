from datetime import date
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import DispatchCase

WAREHOUSE = (31.1612, 121.3571)
PUDONG = (31.2235, 121.5445)


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01 02:00:00")  # 10:00 in Shanghai
class TestDispatchBooking(DispatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Slot = cls.env["jiancai.delivery.slot"]
        Slot.search([]).action_archive()  # the demo dealer's slots
        Slot.flush_model()
        cls.slot_today = Slot.create({"date": "2026-12-01", "hour_from": 9, "hour_to": 12})
        cls.slot_tomorrow = Slot.create(
            {"date": "2026-12-02", "hour_from": 13, "hour_to": 17, "capacity": 1}
        )
        cls.slot_later = Slot.create({"date": "2026-12-03", "hour_from": 9, "hour_to": 12})

    def test_offered_slots_are_future_and_free(self):
        offered = self.env["jiancai.delivery.slot"]._offered(self.env.company)
        self.assertEqual(offered, self.slot_tomorrow | self.slot_later)
        self.stop2.sudo()._jiancai_book_slot(self.slot_tomorrow, by="customer")
        offered = self.env["jiancai.delivery.slot"]._offered(self.env.company)
        self.assertEqual(offered, self.slot_later)

    def test_book_sets_date_and_window(self):
        self.stop1.sudo()._jiancai_book_slot(self.slot_later, by="customer")
        self.assertEqual(self.stop1.jiancai_slot_id, self.slot_later)
        self.assertEqual(self.stop1.jiancai_requested_date, date(2026, 12, 3))
        self.assertEqual((self.stop1.jiancai_window_start, self.stop1.jiancai_window_end), (9, 12))
        self.assertEqual(self.stop1.jiancai_booked_by, "customer")
        self.assertIn("booked the slot", self.stop1.message_ids[0].body)
        self.assertEqual(self.slot_later.booked_count, 1)
        self.assertEqual(self.slot_later.free_count, 3)

    def test_taken_past_and_planned_are_refused(self):
        self.stop2.sudo()._jiancai_book_slot(self.slot_tomorrow, by="customer")
        with self.assertRaisesRegex(UserError, "just been taken"):
            self.stop1.sudo()._jiancai_book_slot(self.slot_tomorrow, by="customer")
        with self.assertRaisesRegex(UserError, "already begun"):
            self.stop1.sudo()._jiancai_book_slot(self.slot_today, by="customer")
        self.slot_later.active = False
        with self.assertRaisesRegex(UserError, "no longer offered"):
            self.stop1.sudo()._jiancai_book_slot(self.slot_later, by="customer")
        self.assertFalse(self.stop1.jiancai_slot_id)
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.slot_later.active = True
        with self.assertRaisesRegex(UserError, "already planned on trip"):
            self.stop1.sudo()._jiancai_book_slot(self.slot_later, by="customer")
        self.assertFalse(self.stop1._jiancai_can_book())

    def test_staff_books_on_the_delivery_and_capacity_holds(self):
        self.stop2.with_user(self.dispatcher).jiancai_slot_id = self.slot_tomorrow
        self.assertEqual(self.stop2.jiancai_booked_by, "staff")
        with self.assertRaisesRegex(ValidationError, "is full"):
            self.stop1.with_user(self.dispatcher).jiancai_slot_id = self.slot_tomorrow
        self.stop1.with_user(self.dispatcher).jiancai_slot_id = self.slot_later
        with self.assertRaisesRegex(ValidationError, "cannot be lower"):
            self.slot_later.with_user(self.dispatcher).capacity = 0
        # a stock user reads the slots, only dispatchers change them
        warehouse_user = self.slot_later.with_user(self.users["warehouse"])
        self.assertTrue(warehouse_user.read(["name"]))
        with self.assertRaises(AccessError):
            warehouse_user.capacity = 9

    def test_tracking_values_offer_slots(self):
        link = self.stop1.sudo()._jiancai_tracking_link(partner=self.customer)
        values = self.stop1.sudo()._jiancai_tracking_values(link)
        self.assertTrue(values["can_book"])
        self.assertEqual(values["slots"], self.slot_tomorrow | self.slot_later)
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        values = self.stop1.sudo()._jiancai_tracking_values(link)
        self.assertFalse(values["can_book"])
        self.assertFalse(values["slots"])

    # ------------------------------------------------------------------ geocoding
    def _geocoder(self):
        points = {"七莘路": WAREHOUSE, "浦明路": PUDONG}

        def geo_find(_self, addr, **kw):
            return next((p for key, p in points.items() if key in (addr or "")), None)

        return patch.object(type(self.env["base.geocoder"]), "geo_find", geo_find)

    def test_geocoded_sites_give_the_freight_km(self):
        # the warehouse stands where 何志明 lives; 徐丽华 is in Pudong
        self.warehouse.partner_id.write({"street": "七莘路 1 号", "city": "上海"})
        self.customer.write({"street": "七莘路 3333 弄", "city": "上海"})
        self.trip.jiancai_distance_km = 0
        with self._geocoder():
            # Odoo geocodes nothing while tests run, unless forced
            self.trip.with_user(self.dispatcher).with_context(
                force_geo_localize=True
            ).action_jiancai_plan()
        self.assertAlmostEqual(self.stop1.jiancai_site_km, 0.0, places=3)
        self.assertAlmostEqual(self.stop2.jiancai_site_km, 19.0 * 1.3, delta=1.0)
        self.assertAlmostEqual(self.trip.jiancai_geo_distance_km, self.stop2.jiancai_site_km)
        # 100 base + 4/km beyond 10 km + 20/t for 1.25 t
        km = self.trip.jiancai_geo_distance_km
        self.assertAlmostEqual(
            self.trip.jiancai_freight_amount, round(100 + 4 * (km - 10) + 20 * 1.25, 2), places=1
        )
        # an entered distance wins over the geocoded one
        self.trip.with_user(self.dispatcher).jiancai_distance_km = 40
        self.trip.with_user(self.dispatcher).action_jiancai_compute_freight()
        self.assertAlmostEqual(self.trip.jiancai_freight_amount, 100 + 4 * 30 + 25, places=1)

    def test_no_geocode_no_km_and_failures_do_not_block(self):
        self.assertEqual(self.stop2.jiancai_site_km, 0.0)
        self.assertEqual(self.trip.jiancai_geo_distance_km, 0.0)

        unreachable = "Service unreachable"  # what base_geolocalize raises on network errors

        def broken(_self, addr, **kw):
            raise UserError(unreachable)

        with patch.object(type(self.env["base.geocoder"]), "geo_find", broken):
            self.trip.with_user(self.dispatcher).with_context(
                force_geo_localize=True
            ).action_jiancai_plan()
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        self.assertTrue(
            any("could not be geocoded" in m.body for m in self.stop2.message_ids), "no note"
        )
        # the entered 25 km priced it
        self.assertAlmostEqual(self.trip.jiancai_freight_amount, 100 + 4 * 15 + 25, places=1)
