"""The demo dealer's story, on the demo data as ``bin/run`` builds it.

美家建材's guide 张伟 quotes tiles for 何志明, whom the designer 林晓东 referred, with the
shade pinned; the order is confirmed; the warehouse matches colour lots; the dispatcher
plans a trip; the driver's departure is refused by credit control; finance and the general
manager approve from their phones; the driver departs and delivers with a photo and the
customer's code; the customer tracks and rates; the referral reaches "delivered"; finance
sees the customer's exposure. Every step runs as the demo user who does it, with
screenshots of what they see. Later modules add their chapter here.
"""

import re

from odoo import fields
from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase, make_jpeg

PHONE_375 = "375x812"
WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestDemoStory(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.guide = ref("jiancai_base.user_guide_xuhui")
        cls.warehouse = ref("jiancai_base.user_warehouse")
        cls.dispatcher = ref("jiancai_base.user_dispatcher")
        cls.driver = ref("jiancai_base.user_driver")
        cls.finance = ref("jiancai_base.user_finance")
        cls.gm = ref("jiancai_base.user_general_manager")
        cls.customer = ref("jiancai_base.partner_customer_he")
        cls.referral = ref("jiancai_referral.referral_demo_he")
        cls.tile = ref("jiancai_base.product_tile_yunshihui").product_variant_id
        cls.vehicle = ref("jiancai_dispatch.vehicle_box_truck")

    def _backend_shot(self, url, name, login, ready):
        self.screenshot(url, name, login=login, size=DESKTOP, ready=WEB_READY + " && " + ready)

    def test_story(self):
        # -- 1. the guide quotes 57.6 m² of 云石灰 in shade B07 for the referred customer
        form = Form(self.env["sale.order"].with_user(self.guide))
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.tile
            line.product_uom_qty = 57.6
        order = form.save()
        order.order_line.with_user(self.guide).write({"jiancai_shade": "B07"})
        self.assertEqual(order.user_id, self.guide)
        self._backend_shot(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "story_1_quotation_guide",
            "jc.guide.xh",
            "document.body.innerText.includes('B07')",
        )

        # -- 2. the customer agreed: the guide confirms; the referral hears of the order
        order.with_user(self.guide).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertIn("order_confirmed", self.referral.milestone_ids.mapped("code"))
        picking = order.picking_ids
        self.assertEqual(len(picking), 1)
        self._backend_shot(
            f"/odoo/action-sale.action_orders/{order.id}",
            "story_2_order_confirmed_guide",
            "jc.guide.xh",
            f"document.body.innerText.includes('{order.name}')",
        )

        # -- 3. the warehouse matches colour lots: only B07 lots are reserved
        picking.with_user(self.warehouse).action_jiancai_match_lots()
        lots = picking.move_line_ids.lot_id
        self.assertTrue(lots)
        self.assertEqual(set(lots.mapped("jiancai_shade")), {"B07"})
        self._backend_shot(
            f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
            "story_3_lots_matched_warehouse",
            "jc.warehouse",
            f"document.body.innerText.includes('{picking.name}')",
        )

        # -- 4. the dispatcher plans a trip; credit control flags the delivery
        trip = (
            self.env["stock.picking.batch"]
            .with_user(self.dispatcher)
            .create(
                {
                    "vehicle_id": self.vehicle.id,
                    "jiancai_driver_user_id": self.driver.id,
                    "scheduled_date": fields.Datetime.now(),
                    "jiancai_distance_km": 26,
                    "picking_ids": [(6, 0, picking.ids)],
                }
            )
        )
        trip.action_jiancai_plan()
        self.assertEqual(trip.jiancai_trip_state, "planned")
        self.assertTrue(picking.with_user(self.dispatcher).jiancai_release_warning)
        self._backend_shot(
            f"/odoo/jiancai-trips/{trip.id}",
            "story_4_trip_planned_dispatcher",
            "jc.dispatcher",
            f"document.body.innerText.includes('{picking.name}')",
        )

        # -- 5. the driver scans the sheet: departure refused, with what to do next
        depart_url = f"/jc/driver/depart/{trip.id}/{trip.sudo().jiancai_departure_token}"
        with self.page(depart_url, login="jc.driver", size=PHONE_375) as browser:
            self.run_js(browser, "document.querySelector('form button').closest('form').submit()")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_gate_refusal')", "refusal")
            self.shot(browser, "story_5_departure_refused_driver")
        trip.invalidate_recordset()
        self.assertEqual(trip.jiancai_trip_state, "planned")

        # -- 6. the dispatcher asks for approval; finance, then the manager, approve by phone
        with self.assertRaises(GateRefusal) as caught:
            trip.with_user(self.dispatcher).action_jiancai_depart()
        action = caught.exception.issues[0].action
        request = Form(
            self.env["jiancai.credit.approval"]
            .with_user(self.dispatcher)
            .with_context(**action["context"])
        )
        request.note = "何先生周五付清，先送瓷砖"
        approval = request.save()
        approval.action_submit()
        approval_url = f"/jc/credit/approval/{approval.id}"
        for login in ("jc.finance", "jc.gm"):
            with self.page(approval_url, login=login, size=PHONE_375) as browser:
                self.wait_for(
                    browser, "!!document.querySelector('.o_jiancai_credit_approve')", "button"
                )
                self.shot(browser, f"story_6_approval_{login.replace('.', '_')}")
                self.run_js(browser, "document.querySelector('.o_jiancai_credit_approve').click()")
                self.wait_for(
                    browser,
                    "!document.querySelector('.o_jiancai_credit_approve')"
                    " && document.readyState === 'complete'",
                    f"approved by {login}",
                )
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "approved")

        # -- 7. the driver departs, arrives, takes a photo, reads the code, delivers
        response = self.post_form("jc.driver", depart_url)
        self.assertEqual(response.status_code, 200)
        trip.invalidate_recordset()
        self.assertEqual(trip.jiancai_trip_state, "departed")
        self.assertEqual(approval.state, "used")
        stop = picking.with_user(self.driver)
        stop.action_jiancai_arrive()
        self.env["jiancai.field.photo"].with_user(self.driver).create_from_upload(
            stop, make_jpeg(), filename="goods.jpg"
        )
        stop_url = f"/jc/driver/stop/{picking.id}"
        code = picking.sudo().jiancai_receipt_code
        response = self.post_form("jc.driver", f"{stop_url}/code", {"code": code}, stop_url)
        self.assertEqual(response.status_code, 200)
        with self.page(stop_url, login="jc.driver", size=PHONE_375) as browser:
            self.wait_for(browser, "document.readyState === 'complete'", "stop page")
            self.shot(browser, "story_7_stop_driver")
        response = self.post_form("jc.driver", f"{stop_url}/deliver", form_url=stop_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.jiancai_stop_state, "delivered")
        shipped = picking.sudo().move_line_ids.lot_id
        self.assertEqual(set(shipped.mapped("jiancai_shade")), {"B07"})

        # -- 8. the customer follows the link and rates the delivery
        link = picking.sudo()._jiancai_tracking_link(partner=self.customer)
        self.authenticate(None, None)
        with self.page(f"/jc/t/{link.id}?access_token={link.access_token}", size=PHONE_375) as b:
            self.wait_for(b, "document.readyState === 'complete'", "tracking page")
            self.shot(b, "story_8_tracking_customer")
        # the rating buttons of the tracking page: Odoo's /rate/<token>/<score>
        five = dict(picking.sudo()._jiancai_rating_urls(self.customer))[5]
        page = self.url_open(five)
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        submit = five.rsplit("/", 1)[0] + "/submit_feedback"
        data = {"rate": 5, "feedback": "师傅很专业", "csrf_token": token}
        self.assertEqual(self.url_open(submit, data=data).status_code, 200)
        self.assertEqual(picking.sudo().rating_ids[:1].rating, 5)

        # -- 9. the referral reached "delivered"; finance sees the customer's exposure
        self.assertIn("delivered", self.referral.milestone_ids.mapped("code"))
        self.customer.invalidate_recordset()
        self.assertGreater(self.customer.with_user(self.finance).jiancai_exposure_total, 0)
        with self.page(f"/my/referrals/{self.referral.id}", login="jc.designer") as browser:
            self.wait_for(browser, "document.readyState === 'complete'", "referral page")
            self.shot(browser, "story_9_referral_designer")
        self._backend_shot(
            "/odoo/jiancai-credit-customers",
            "story_9_credit_finance",
            "jc.finance",
            "document.body.innerText.includes('何志明')",
        )
