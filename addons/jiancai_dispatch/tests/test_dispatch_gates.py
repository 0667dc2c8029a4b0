import importlib.util
import re

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import file_path, mute_logger

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase, make_jpeg

from .common import DispatchCase, GateCase

RELEASE = "stock.picking.release"
DELIVERED = "stock.picking.delivered"

# one plausible value per protected field, as a driver (or a script) would send it
STOP_VALUES = {
    "jiancai_stop_state": "delivered",
    "jiancai_arrived_at": "2026-12-02 02:00:00",
    "jiancai_delivered_at": "2026-12-02 02:30:00",
    "jiancai_fail_reason": "Nobody there",
    "jiancai_receipt_code": "123456",
    "jiancai_receipt_attempts": 3,  # 0 is what a planned stop has: writing it changes nothing
    "jiancai_receipt_by": "code",
    "jiancai_freight_amount": 1.0,
    "jiancai_released_at": "2026-12-02 01:00:00",
}
TRIP_VALUES = {
    "jiancai_trip_state": "done",
    "jiancai_planned_at": "2026-12-01 01:00:00",
    "jiancai_departed_at": "2026-12-02 01:00:00",
    "jiancai_done_at": "2026-12-02 05:00:00",
    "jiancai_departure_token": "guessed",
    "jiancai_freight_amount": 1.0,
}


@tagged("post_install", "-at_install")
class TestDispatchGates(GateCase, DispatchCase):
    def _plan(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()

    def _depart(self):
        self.trip.with_user(self.driver).action_jiancai_depart(31.2, 121.4)

    def _deliver(self, stop):
        stop = stop.with_user(self.driver)
        stop.action_jiancai_arrive()
        self.assertTrue(stop._jiancai_confirm_receipt_code(stop.sudo().jiancai_receipt_code).ok)
        self.env["jiancai.field.photo"].with_user(self.driver).create_from_upload(stop, make_jpeg())
        stop.action_jiancai_deliver()

    # ------------------------------------------------------------------ release
    def test_departure_refused_by_a_check_then_switched_off(self):
        self._plan()
        rule = self.gate_rule(
            RELEASE,
            "_jiancai_gate_test_refuse",
            self.refuse(self._of_customer2),
            name="Test credit",
        )
        with self.assertRaises(GateRefusal) as refused:
            self._depart()
        refusal = refused.exception
        self.assertEqual([i.record for i in refusal.issues], [self.stop2])
        self.assertEqual(refusal.issues[0].rule, "Test credit")
        self.assertIn("徐丽华 is over the credit limit", refusal.message)
        self.assertEqual(
            refusal.hints, [("Ask the store manager to approve the order.", "/jc/approval/test")]
        )
        # refused as a whole: no stop released, the trip still waits, the driver not moved
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        self.assertFalse(self.trip.jiancai_departed_at)
        self.assertFalse((self.stop1 | self.stop2).filtered("jiancai_released_at"))
        self.assertFalse(self.driver.jiancai_last_position_at)
        # the general manager switches the check off: the same trip departs
        rule.with_user(self.users["gm"]).enabled = False
        self._depart()
        self.assertEqual(self.trip.jiancai_trip_state, "departed")
        self.assertTrue(self.stop1.jiancai_released_at)
        self.assertTrue(self.stop2.jiancai_released_at)

    def test_preview_flags_at_planning(self):
        calls = []
        self.gate_rule(
            RELEASE,
            "_jiancai_gate_test_refuse",
            self.refuse(self._of_customer2, calls),
            name="Credit",
        )
        # a draft trip: the stop is flagged, the trip says it, planning still goes on
        self.assertFalse(self.stop1.jiancai_release_warning)
        self.assertEqual(
            self.stop2.jiancai_release_warning, "Credit: 徐丽华 is over the credit limit."
        )
        warning = self.trip.with_user(self.dispatcher).jiancai_release_warning
        self.assertIn("1 delivery would be refused at departure:", warning)
        self.assertIn(self.stop2.name, warning)
        self.assertNotIn(self.stop1.name, warning)
        self.assertTrue(calls)
        self.assertTrue(all(dry_run for _code, dry_run, _ids in calls), calls)
        self._plan()
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        self.env.invalidate_all()
        self.assertIn(self.stop2.name, self.trip.jiancai_release_warning)
        # a delivery waiting for a trip (Deliveries to Plan) is flagged as well
        waiting = self.stop2.copy()
        waiting.action_confirm()
        self.assertFalse(waiting.batch_id)
        self.assertIn("over the credit limit", waiting.jiancai_release_warning)
        self.assertFalse(self.stop1.copy().jiancai_release_warning)

    def test_preview_counts_every_refused_stop_and_stays_quiet_after_departure(self):
        rule = self.gate_rule(RELEASE, "_jiancai_gate_test_refuse", self.refuse(), name="Lot")
        self.assertIn(
            "2 deliveries would be refused at departure:", self.trip.jiancai_release_warning
        )
        self._plan()
        rule.enabled = False
        self._depart()
        rule.enabled = True
        self.env.invalidate_all()
        self.assertFalse(self.trip.jiancai_release_warning)
        self.assertFalse(self.stop1.jiancai_release_warning)

    # ------------------------------------------------------------------ delivered
    def test_delivered_listeners_run_once_at_the_drivers_delivered(self):
        released, delivered, checked = [], [], []
        self.gate_rule(RELEASE, "_jiancai_gate_test_released", self.listen(released),
                       kind="listener")  # fmt: skip
        self.gate_rule(DELIVERED, "_jiancai_gate_test_delivered", self.listen(delivered),
                       kind="listener")  # fmt: skip
        self.gate_rule(RELEASE, "_jiancai_gate_test_check", self._passing(checked))
        self._plan()
        self._depart()
        self.assertEqual(released, [(RELEASE, (self.stop1 | self.stop2).ids)])
        self.assertEqual(checked, [(self.stop1 | self.stop2).ids])
        self.assertEqual(delivered, [])
        self._deliver(self.stop1)
        self.assertEqual(self.stop1.state, "done")
        self.assertEqual(self.stop1.jiancai_stop_state, "delivered")
        self.assertEqual(delivered, [(DELIVERED, self.stop1.ids)])
        # the validation at the door released nothing again
        self.assertEqual(len(released), 1)
        self.assertEqual(len(checked), 1)

    def _passing(self, calls):
        def check(records, gate):
            if not gate.dry_run:
                calls.append(records.ids)
            return []

        return check

    def test_delivered_check_refuses_at_the_door(self):
        self._plan()
        self._depart()
        self.gate_rule(DELIVERED, "_jiancai_gate_test_refuse", self.refuse(), name="Payment")
        with self.assertRaisesRegex(GateRefusal, "over the credit limit"):
            self._deliver(self.stop1)
        self.assertEqual(self.stop1.state, "assigned")
        self.assertEqual(self.stop1.jiancai_stop_state, "arrived")
        self.assertFalse(self.stop1.jiancai_delivered_at)

    def test_validated_in_the_warehouse_before_departure(self):
        """Decided: it is released and delivered by the validation and leaves its trip."""
        released, delivered = [], []
        self.gate_rule(RELEASE, "_jiancai_gate_test_released", self.listen(released),
                       kind="listener")  # fmt: skip
        self.gate_rule(DELIVERED, "_jiancai_gate_test_delivered", self.listen(delivered),
                       kind="listener")  # fmt: skip
        self._plan()
        stop2 = self.stop2.with_user(self.users["warehouse"])
        stop2.move_ids.picked = True
        self.assertIs(stop2.with_context(skip_sms=True).button_validate(), True)
        self.assertEqual(self.stop2.state, "done")
        self.assertTrue(self.stop2.jiancai_released_at)
        self.assertEqual(released, [(RELEASE, self.stop2.ids)])
        self.assertEqual(delivered, [(DELIVERED, self.stop2.ids)])
        self.assertFalse(self.stop2.batch_id)
        self.assertFalse(self.stop2.jiancai_trip_id)
        self.assertFalse(self.stop2.jiancai_stop_state)
        self.assertEqual(self.trip._jiancai_stops(), self.stop1)
        self.assertTrue(any("validated in the warehouse" in m.body for m in self.trip.message_ids))
        # the trip departs with the other stop only
        self._depart()
        self.assertEqual(released[1], (RELEASE, self.stop1.ids))

    # ------------------------------------------------------------------ integrity
    def test_stop_and_trip_fields_only_through_their_steps(self):
        self._plan()
        stop = self.stop1.with_user(self.driver)
        trip = self.trip.with_user(self.driver)
        self.assertTrue(stop.has_access("write"))  # the ACL lets the driver write stops
        for field, value in STOP_VALUES.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                stop.write({field: value})
        with self.assertRaises(AccessError):
            stop.write({"jiancai_trip_id": False})
        for field, value in TRIP_VALUES.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                trip.write({field: value})
        # a dispatcher (who creates deliveries and trips) cannot create them made-up either
        Picking = self.env["stock.picking"].with_user(self.dispatcher)
        for field, value in {**STOP_VALUES, "jiancai_trip_id": self.trip.id}.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                Picking.create({"picking_type_id": self.warehouse.out_type_id.id, field: value})
        Trip = self.env["stock.picking.batch"].with_user(self.dispatcher)
        for field, value in TRIP_VALUES.items():
            with self.subTest(field=field), self.assertRaises(AccessError):
                Trip.create({field: value})
        with self.assertRaises(AccessError):
            self.stop2.with_user(self.dispatcher).write({"jiancai_stop_state": "failed"})
        # ordinary fields stay editable, and the steps still work
        stop.jiancai_site_contact = "王师傅"
        Trip.create({"description": "Second trip"}).copy()
        self._depart()
        self._deliver(self.stop1)
        self.assertEqual(self.stop1.jiancai_stop_state, "delivered")

    def test_migration_releases_stops_of_trips_already_departed(self):
        """Trips on the road at the upgrade: the door must not release their goods."""
        self._plan()
        self.trip.sudo().write(
            {"jiancai_trip_state": "departed", "jiancai_departed_at": "2026-12-02"}
        )
        path = file_path("jiancai_dispatch/migrations/19.0.1.0.2/post-migration.py")
        spec = importlib.util.spec_from_file_location("jiancai_dispatch_mig_2", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.env.flush_all()
        migration.migrate(self.env.cr, "19.0.1.0.1")
        self.env.invalidate_all()
        self.assertEqual(str(self.stop1.jiancai_released_at), "2026-12-02 00:00:00")
        self.assertEqual(str(self.stop2.jiancai_released_at), "2026-12-02 00:00:00")

    def test_back_to_planning_as_dispatcher(self):
        self._plan()
        self._depart()
        self.stop2.with_user(self.driver).action_jiancai_fail("Nobody on site")
        self.stop2.with_user(self.dispatcher).action_jiancai_replan()
        self.assertFalse(self.stop2.jiancai_trip_id)
        self.assertFalse(self.stop2.jiancai_stop_state)
        self.assertFalse(self.stop2.jiancai_freight_amount)


@tagged("post_install", "-at_install")
class TestDispatchGatesHttp(GateCase, JiancaiHttpCase, DispatchCase):
    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_protected_fields_over_json_rpc(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.authenticate("jc_test_driver", "jc_test_driver")

        def call(model, method, args):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {"model": model, "method": method, "args": args, "kwargs": {}},
            )

        for field, value in {**STOP_VALUES, "jiancai_trip_id": False}.items():
            with (
                self.subTest(field=field),
                mute_logger("odoo.http"),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                call("stock.picking", "write", [self.stop1.ids, {field: value}])
        for field, value in TRIP_VALUES.items():
            with (
                self.subTest(field=field),
                mute_logger("odoo.http"),
                self.assertRaisesRegex(JsonRpcException, "AccessError"),
            ):
                call("stock.picking.batch", "write", [self.trip.ids, {field: value}])
        with mute_logger("odoo.http"), self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call("stock.picking", "create", [{"jiancai_stop_state": "delivered"}])
        self.assertEqual(self.stop1.jiancai_stop_state, "planned")
        self.assertFalse(self.stop1.jiancai_receipt_by)
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        # what the driver may edit still goes through
        self.assertTrue(
            call("stock.picking", "write", [self.stop1.ids, {"jiancai_site_contact": "王"}])
        )

    def test_refused_departure_page_keeps_nothing(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        rule = self.gate_rule(
            RELEASE, "_jiancai_gate_test_refuse", self.refuse(), name="Test credit limit"
        )
        token = self.trip.sudo().jiancai_departure_token
        url = f"/jc/driver/depart/{self.trip.id}/{token}"
        self.authenticate("jc_test_driver", "jc_test_driver")
        res = self.url_open(
            url,
            data={"csrf_token": self._csrf(url), "latitude": "31.2", "longitude": "121.4"},
            files={"photo": ("loaded.jpg", make_jpeg(), "image/jpeg")},
        )
        self.assertEqual(res.status_code, 409)
        self.assertIn("o_jiancai_gate_refusal", res.text)
        self.assertIn("Test credit limit", res.text)
        self.assertIn("徐丽华 is over the credit limit.", res.text)
        self.assertIn("Ask the store manager to approve the order.", res.text)
        self.assertIn('href="/jc/approval/test"', res.text)
        self.assertIn("o_jiancai_dispatch_depart", res.text)  # the driver can try again
        self.env.invalidate_all()
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        self.assertFalse(self.trip.jiancai_photo_ids)
        self.assertFalse(self.driver.jiancai_last_position_at)
        self.assertFalse(self.stop1.jiancai_released_at)
        # switched off: the same departure goes through, with its photo
        rule.enabled = False
        res = self.url_open(
            url,
            data={"csrf_token": self._csrf(url)},
            files={"photo": ("loaded.jpg", make_jpeg(), "image/jpeg")},
        )
        self.assertEqual(res.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.trip.jiancai_trip_state, "departed")
        self.assertEqual(len(self.trip.jiancai_photo_ids), 1)

    def test_refused_departure_on_a_phone(self):
        self.driver.lang = "zh_CN"
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.gate_rule(RELEASE, "_jiancai_gate_test_refuse", self.refuse(), name="信用额度（测试）")
        token = self.trip.sudo().jiancai_departure_token
        url = f"/jc/driver/depart/{self.trip.id}/{token}"
        with self.page(url, login="jc_test_driver", size="375x812") as browser:
            self.run_js(browser, "document.querySelector('.o_jiancai_dispatch_depart').submit()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_gate_refusal')", "refusal page"
            )
            self.shot(browser, "driver_depart_refused_375")
            text = self.run_js(browser, "document.body.innerText")
            overflow = self.run_js(
                browser, "document.documentElement.scrollWidth > window.innerWidth"
            )
        self.assertIn("信用额度（测试）", text)
        self.assertIn(self.customer2.name, text)
        self.assertFalse(overflow, "the refusal page is wider than the phone")
        self.assertEqual(self.trip.jiancai_trip_state, "planned")

    def test_unexpected_error_gives_a_polite_page_and_keeps_nothing(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.trip.with_user(self.driver).action_jiancai_depart()
        self.stop2.with_user(self.driver).action_jiancai_arrive()
        link = self.stop2.jiancai_tracking_link_ids.filtered("partner_id")

        def broken(stop):
            stop.sudo().jiancai_receipt_by = "customer"
            stop.env.cr.flush()
            raise ZeroDivisionError("a bug")

        csrf = self._csrf(link.get_portal_url())
        self.patch(type(self.env["stock.picking"]), "_jiancai_confirm_by_customer", broken)
        with mute_logger("odoo.http"):
            res = self.url_open(
                f"/jc/t/{link.id}/received?access_token={link.access_token}",
                data={"csrf_token": csrf},
            )
        self.assertEqual(res.status_code, 500)
        self.assertIn("o_jiancai_error_page", res.text)
        self.assertIn("Nothing was saved", res.text)
        self.assertNotIn("ZeroDivisionError", res.text)
        self.assertNotIn("Traceback", res.text)
        self.env.invalidate_all()
        self.assertFalse(self.stop2.jiancai_receipt_by)

    def test_trip_form_flags_refused_deliveries(self):
        self.gate_rule(RELEASE, "_jiancai_gate_test_refuse", self.refuse(self._of_customer2),
                       name="Credit limit")  # fmt: skip
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        ready = (
            "!!document.querySelector('.o_jiancai_dispatch_release_warning')"
            " && !!document.querySelector('.o_list_table tr.text-danger')"
        )
        with self.page(
            f"/odoo/jiancai-trips/{self.trip.id}", login="jc_test_dispatcher", size=DESKTOP
        ) as browser:
            self.wait_for(browser, ready, "the trip form with its flagged delivery")
            self.shot(browser, "trip_form_release_warning_desktop")
            self.run_js(
                browser, "document.querySelector('.o_list_table tr.text-danger').scrollIntoView()"
            )
            self.shot(browser, "trip_form_release_warning_stops_desktop")
            banner = self.run_js(
                browser, "document.querySelector('.o_jiancai_dispatch_release_warning').innerText"
            )
            red = self.run_js(
                browser,
                "[...document.querySelectorAll('.o_list_table tr.text-danger')]"
                ".map((tr) => tr.innerText).join('|')",
            )
        self.assertIn("1 delivery would be refused at departure:", banner)
        self.assertIn(self.stop2.name, banner)
        self.assertIn(self.stop2.name, red)
        self.assertNotIn(self.stop1.name, red)
