from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase, make_jpeg
from odoo.addons.jiancai_dispatch.tests.common import DispatchCase

PHONE_375 = "375x812"
SHANGHAI = (31.1, 121.37)


@tagged("post_install", "-at_install")
class TestOverLimitDeliveryOnATrip(JiancaiHttpCase, DispatchCase):
    """An over-limit delivery on a trip: flagged at planning, departure refused on the
    driver's phone, approved by finance then the manager from their phones, then the trip
    departs and the driver delivers; the referral hears of it once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.credit_limit = 100.0  # stop1's order is worth far more
        cls.finance = cls.users["finance"]
        cls.gm = cls.users["gm"]

    def _depart_url(self):
        return f"/jc/driver/depart/{self.trip.id}/{self.trip.sudo().jiancai_departure_token}"

    def test_over_limit_delivery_on_a_trip(self):
        # 1. the dispatcher plans the trip: allowed, the delivery is flagged
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.assertEqual(self.trip.jiancai_trip_state, "planned")
        stop1 = self.stop1.with_user(self.dispatcher)
        self.assertIn("over by", stop1.jiancai_release_warning or "")
        self.assertFalse(self.stop2.with_user(self.dispatcher).jiancai_release_warning)

        # 2. the driver scans the sheet and departs: refused, with what to do next
        url = self._depart_url()
        with self.page(url, login="jc_test_driver", size=PHONE_375) as browser:
            self.run_js(browser, "document.querySelector('form button').closest('form').submit()")
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_gate_refusal')",
                "refusal on the driver's phone",
            )
            self.shot(browser, "driver_departure_refused_375")
            text = self.run_js(browser, "document.body.innerText")
            width = self.run_js(browser, "document.documentElement.scrollWidth")
        self.assertIn(self.stop1.name, text)
        self.assertIn("Ask for a credit approval", text)
        self.assertLessEqual(width, 375, "the refusal fits the phone")
        self.trip.invalidate_recordset()
        self.assertEqual(self.trip.jiancai_trip_state, "planned", "nothing half-written")
        self.assertFalse(self.stop1.jiancai_released_at)
        self.assertFalse(self.stop2.jiancai_released_at, "a trip departs as a whole")

        # 3. the dispatcher asks for approval from the refusal's button
        with self.assertRaises(GateRefusal) as caught:
            self.trip.with_user(self.dispatcher).action_jiancai_depart()
        action = caught.exception.issues[0].action
        form = Form(
            self.env["jiancai.credit.approval"]
            .with_user(self.dispatcher)
            .with_context(**action["context"])
        )
        form.note = "The customer pays the rest on Friday"
        approval = form.save()
        approval.action_submit()
        self.assertEqual(approval.state, "pending")

        # the driver's refusal now names the pending approval
        response = self.post_form("jc_test_driver", url)
        self.assertEqual(response.status_code, 409)
        self.assertIn(approval.name, response.text)

        # 4. finance, then the general manager, approve from their phones
        approval_url = f"/jc/credit/approval/{approval.id}"
        for login in ("jc_test_finance", "jc_test_gm"):
            response = self.post_form(login, f"{approval_url}/approve", form_url=approval_url)
            self.assertEqual(response.status_code, 200, response.text[:500])
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "approved")

        # 5. the trip departs; the approval is used by it
        response = self.post_form("jc_test_driver", url)
        self.assertEqual(response.status_code, 200)
        self.trip.invalidate_recordset()
        self.assertEqual(self.trip.jiancai_trip_state, "departed")
        self.assertTrue(self.stop1.jiancai_released_at)
        self.assertEqual(approval.state, "used")

        # 6. the driver delivers with a photo and the customer's code: no credit check at
        #    the door, the referral's delivered listener runs once
        driver_stop = self.stop1.with_user(self.driver)
        driver_stop.action_jiancai_arrive()
        self.env["jiancai.field.photo"].with_user(self.driver).create_from_upload(
            driver_stop, make_jpeg(), filename="goods.jpg"
        )
        self.customer.credit_limit = 1.0  # even lower now: the goods already left
        code = self.stop1.sudo().jiancai_receipt_code
        self.assertTrue(driver_stop._jiancai_confirm_receipt_code(code).ok)
        driver_stop.action_jiancai_deliver()
        self.assertEqual(self.stop1.state, "done")
        self.assertEqual(self.stop1.jiancai_stop_state, "delivered")

    def test_credit_rule_switched_off_lets_the_trip_depart(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.env.ref("jiancai_credit.gate_rule_release_credit").with_user(self.gm).enabled = False
        self.assertFalse(self.stop1.with_user(self.dispatcher).jiancai_release_warning)
        self.trip.with_user(self.driver).action_jiancai_depart()
        self.assertEqual(self.trip.jiancai_trip_state, "departed")

    def test_driver_cannot_write_the_receipt(self):
        self.trip.with_user(self.dispatcher).action_jiancai_plan()
        self.env.ref("jiancai_credit.gate_rule_release_credit").sudo().enabled = False
        self.trip.with_user(self.driver).action_jiancai_depart()
        driver_stop = self.stop2.with_user(self.driver)
        driver_stop.action_jiancai_arrive()
        with self.assertRaisesRegex(Exception, "change only through its own steps"):
            driver_stop.write({"jiancai_receipt_by": "code"})
        with self.assertRaisesRegex(Exception, "Confirm the receipt first"):
            driver_stop.action_jiancai_deliver()
