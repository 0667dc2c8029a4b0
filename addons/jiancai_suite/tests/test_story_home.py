"""Chapter of the demo story: 徐丽华's flat measured and its tiles quoted (jiancai_home).

徐丽华 asked for a measurement of her bathroom before ordering (demo ticket). Customer
service sends 郑海; on site he checks in, opens the home from the job page and adds the
bathroom as measured; the visit does not close before the room is there; the home then
records him as its measurer. 刘洋, the Pudong guide, quotes the wall and floor tiles from
the home in whole boxes, and 徐丽华 reads her home from the link she is sent.
"""

from odoo.tests import Form, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase, make_jpeg

PHONE_375 = "375x812"


@tagged("post_install", "-at_install")
class TestStoryHome(JiancaiHttpCase):
    def _submit(self, browser, selector, what):
        self.run_js(
            browser,
            f"window.jcOldPage = true; "
            f"document.querySelector({selector!r}).closest('form').submit()",
        )
        self.wait_for(browser, "!window.jcOldPage && document.readyState === 'complete'", what)

    def test_story_home(self):
        ref = self.env.ref
        ticket = ref("jiancai_service.ticket_measurement_xu")
        home = ref("jiancai_service_home.home_xu")
        installer = ref("jiancai_base.user_installer")
        service = self.env["res.users"].search([("login", "=", "jc.service")])
        guide = ref("jiancai_base.user_guide_pudong")
        wall_tile = ref("jiancai_base.product_tile_naiyoubai").product_variant_id
        floor_tile = ref("jiancai_base.product_tile_yudubai").product_variant_id

        # -- 20. the measurement ticket is for 徐丽华's flat; customer service sends 郑海
        self.assertEqual(ticket.jiancai_home_id, home)
        self.assertFalse(home.room_ids)
        ticket.with_user(service).write(
            {"jiancai_technician_id": ref("jiancai_service.technician_zheng").id}
        )
        self.assertEqual(ticket.user_id, installer)

        # -- 21. on site: check in, a photo, and the visit refuses to close without rooms
        job_url = f"/jc/service/job/{ticket.id}"
        with self.page(job_url, login="jc.installer", size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_checkin')", "job")
            self._submit(browser, ".o_jiancai_service_checkin", "checked in")
            self.assertIn("测量房间", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "story_21_measurement_job")
        job = ticket.with_user(installer)
        self.env["jiancai.field.photo"].with_user(installer).create_from_upload(
            job, make_jpeg(), filename="bathroom.jpg"
        )
        with self.assertRaises(GateRefusal) as caught:
            job.action_jiancai_complete()
        self.assertIn("仁恒河滨城", str(caught.exception))

        # -- 22. he adds the bathroom on the phone, in Chinese, then completes the visit
        with self.page(f"/jc/home/{home.id}", login="jc.installer", size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_room_form')", "form")
            self.run_js(
                browser,
                "document.querySelector('#jc_room_name').value = '卫生间';"
                "document.querySelector('#jc_room_kind').value = 'bathroom';"
                "document.querySelector('#jc_room_length').value = '2.4';"
                "document.querySelector('#jc_room_width').value = '2.5';"
                "document.querySelector('#jc_room_height').value = '2.6';"
                "document.querySelector('#jc_room_openings').value = '2.2';",
            )
            self._submit(browser, ".o_jiancai_home_add", "room added")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_message')", "added")
            self.assertIn("房间已添加", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "story_22_room_measured")
        room = home.room_ids
        self.assertEqual((room.floor_area, room.wall_area), (6.0, 23.28))
        job.action_jiancai_complete()
        self.assertEqual(ticket.jiancai_phase, "done")
        self.assertEqual(home.measurer_id, installer)
        self.assertTrue(home.measured_at)

        # -- 23. 刘洋 quotes the tiles from the home: walls 23.28 m² + 5 %, floor 6 m² + 12 %
        wizard = Form(
            self.env["jiancai.home.quote"].with_user(guide).with_context(default_home_id=home.id)
        )
        with wizard.line_ids.edit(0) as line:  # the floor
            line.product_id = floor_tile
            line.pattern = "diagonal"
        with wizard.line_ids.edit(1) as line:  # the walls
            line.product_id = wall_tile
        order = self.env["sale.order"].browse(wizard.save().action_quote()["res_id"])
        self.assertEqual(order.partner_id, home.partner_id)
        # 6.72 m² → 5 boxes of 1.44 (7.20); 24.45 m² → 17 boxes of 1.44 (24.48)
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [7.2, 24.48])

        # -- 24. 徐丽华 opens her home from the link she is sent
        token = home.sudo()._portal_ensure_token()
        self.authenticate(None, None)
        url = f"/zh_CN/my/home/{home.id}?access_token={token}"
        with self.page(url, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_portal')", "home")
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("卫生间", text)
            self.assertIn("量房于", text)
            self.shot(browser, "story_24_home_customer")
