"""Chapter of the demo story: the installation after the delivery (jiancai_service).

何志明's smart toilet was delivered (demo data): the installation ticket opened by itself
and he got the booking link by SMS. He books a time on his phone; the installer 郑海 checks
in, ticks the checklist, takes photos and types 何志明's code, and completes the job; the
follow-up visit appears for customer service (黄丽) at once; 何志明 rates the visit.
"""

import re

from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase, make_jpeg

PHONE_375 = "375x812"
WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestStoryService(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.customer = ref("jiancai_base.partner_customer_he")
        cls.installer = ref("jiancai_base.user_installer")
        cls.service = cls.env["res.users"].search([("login", "=", "jc.service")])
        cls.ticket = cls.env["helpdesk.ticket"].search(
            [
                ("partner_id", "=", cls.customer.id),
                ("jiancai_kind", "=", "installation"),
                ("jiancai_picking_id.state", "=", "done"),
            ],
            limit=1,
        )

    def _submit(self, browser, selector, what):
        self.run_js(
            browser,
            f"window.jcOldPage = true; "
            f"document.querySelector({selector!r}).closest('form').submit()",
        )
        self.wait_for(browser, "!window.jcOldPage && document.readyState === 'complete'", what)

    def test_story_installation(self):
        ticket = self.ticket
        # -- 10. the delivery opened the installation ticket and sent the booking link
        self.assertTrue(ticket, "the demo delivery of the toilet opened no installation ticket")
        self.assertEqual(ticket.jiancai_after_sales_class, "in_warranty")
        sms = self.env["jiancai.notification"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("sms_template_id.code", "=", "service_booking"),
            ]
        )
        self.assertEqual(len(sms), 1)
        link = ticket.jiancai_tracking_link_ids.filtered(
            lambda link_: link_.partner_id == self.customer
        )
        self.assertTrue(sms.sms_params["url"].endswith(link.get_portal_url()))

        # -- 11. 何志明 chooses a time on his phone, in Chinese
        url = f"/zh_CN/jc/t/{link.id}?access_token={link.access_token}"
        with self.page(url, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_slot')", "slots")
            self.shot(browser, "story_11_booking_customer")
            self.run_js(browser, "document.querySelector('.o_jiancai_service_slot input').click()")
            self._submit(browser, ".o_jiancai_service_book_submit", "booked")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_booked')", "ok")
            text = self.run_js(browser, "document.body.innerText")
            self.shot(browser, "story_11_booked_customer")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.jiancai_technician_id.user_id, self.installer)
        self.assertIn("郑海", text)
        self.assertIn("158 2100 6610", text)
        appointment = self.env["jiancai.notification"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("sms_template_id.code", "=", "service_appointment"),
            ]
        )
        code = appointment.sms_params["code"]

        # -- 12. 郑海 on site: check in, checklist, photos, the customer's code, complete
        job_url = f"/jc/service/job/{ticket.id}"
        with self.page(job_url, login="jc.installer", size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_checkin')", "job")
            self._submit(browser, ".o_jiancai_service_checkin", "checked in")
            while self.run_js(
                browser, "!!document.querySelector('.o_jiancai_service_check.btn-outline-primary')"
            ):
                self._submit(browser, ".o_jiancai_service_check.btn-outline-primary", "ticked")
        job = ticket.with_user(self.installer)
        for name in ("before.jpg", "after.jpg"):
            self.env["jiancai.field.photo"].with_user(self.installer).create_from_upload(
                job, make_jpeg(), filename=name
            )
        with self.page(job_url, login="jc.installer", size=PHONE_375) as browser:
            self.run_js(
                browser, f"document.querySelector('.o_jiancai_service_code').value = '{code}'"
            )
            self._submit(browser, ".o_jiancai_service_code", "code")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_confirmed')", "ok")
            self.shot(browser, "story_12_job_installer")
            self._submit(browser, ".o_jiancai_service_complete", "completed")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_done')", "done")
            self.shot(browser, "story_12_done_installer")
        ticket.invalidate_recordset()
        self.assertEqual(ticket.jiancai_phase, "done")
        self.assertEqual(ticket.jiancai_piece_rate, ticket.jiancai_type_id.piece_rate)

        # -- 13. the follow-up visit is there for customer service, who was told at once
        followup = ticket.jiancai_followup_ids
        self.assertEqual(followup.jiancai_kind, "followup")
        told = self.env["jiancai.notification"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", followup.id)]
        )
        self.assertIn(self.service, told.user_id)
        self.assertIn(followup, self.env["helpdesk.ticket"].with_user(self.service).search([]))
        self.screenshot(
            f"/odoo/service-tickets/{followup.id}",
            "story_13_followup_service",
            login="jc.service",
            size=DESKTOP,
            ready=WEB_READY,
        )

        # -- 14. 何志明 rates the visit from the same link
        five = dict(ticket.sudo()._jiancai_rating_urls(self.customer))[5]
        self.authenticate(None, None)
        page = self.url_open(five)
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        submit = five.rsplit("/", 1)[0] + "/submit_feedback"
        data = {"rate": 5, "feedback": "郑师傅安装很仔细", "csrf_token": token}
        self.assertEqual(self.url_open(submit, data=data).status_code, 200)
        self.assertEqual(ticket.sudo().rating_ids[:1].rating, 5)
        self.assertFalse(ticket.activity_ids.filtered(lambda a: "Low rating" in a.summary))
