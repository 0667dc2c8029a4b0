from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..engine.sms import AliyunSms, aliyun_signature
from .common import JiancaiCase
from .http_recorder import RecordingServer

SECRET = "s3cr3t-KEY-never-logged"
OK = {"Code": "OK", "Message": "OK", "BizId": "900000^0", "RequestId": "r1"}


@tagged("post_install", "-at_install")
class TestNotification(JiancaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notification = cls.env["jiancai.notification"]
        cls.template = cls.env["jiancai.sms.template"].create(
            {
                "name": "Store address",
                "code": "test_store_address",
                "provider_template_code": "SMS_4242",
                "param_names": "name,url",
                "preview": "Hello ${name}, our store: ${url}",
            }
        )
        cls.set_param("sms_provider", "aliyun")
        cls.set_param("sms_sign_name", "美家建材")
        cls.set_param("aliyun_access_key_id", "LTAI-test")
        cls.set_param("aliyun_access_key_secret", SECRET)
        cls.set_param("notify_max_attempts", 3)

    def _sms(self, partner=None, params=None):
        return self.Notification.notify(
            partner or self.customer,
            "Store address",
            "fallback body",
            record=self.store,
            channels=("sms",),
            sms_template="test_store_address",
            sms_params=params if params is not None else {"name": "何志明", "url": "https://x/t/1"},
        )

    def _due_now(self, notifications):
        notifications.write({"next_attempt_at": fields.Datetime.now() - timedelta(seconds=1)})

    # ---------------------------------------------------------------- inbox
    def test_inbox_reaches_the_user_and_is_logged(self):
        driver = self.users["driver"]
        log = self.Notification.notify(
            driver, "Load the truck", "Order S001 is ready", record=self.store
        )
        self.assertEqual(log.channel, "inbox")
        self.assertEqual(log.state, "sent")
        self.assertEqual(log.partner_id, driver.partner_id)
        self.assertEqual(log.record_name, "Test Store")
        message = self.env["mail.message"].search(
            [
                ("model", "=", "crm.team"),
                ("res_id", "=", self.store.id),
                ("subject", "=", "Load the truck"),
            ]
        )
        self.assertTrue(message)
        self.assertIn(driver.partner_id, message.notification_ids.res_partner_id)

    def test_texts_are_written_in_each_recipients_language(self):
        # a cron (English) tells a Chinese driver and an English-speaking admin
        driver, finance = self.users["driver"], self.users["finance"]
        driver.lang = "zh_CN"
        finance.lang = "en_US"
        log = self.Notification.with_context(lang="en_US").notify(
            driver | finance,
            lambda env: env._("Group robot"),
            lambda env: env._("Group robot") + " ✓",
            record=self.store,
        )
        by_person = {n.partner_id: n for n in log}
        self.assertEqual(by_person[driver.partner_id].subject, "群机器人")
        self.assertEqual(by_person[driver.partner_id].body, "群机器人 ✓")
        self.assertEqual(by_person[finance.partner_id].subject, "Group robot")

    def test_unknown_channel_is_refused(self):
        with self.assertRaises(UserError):
            self.Notification.notify(self.customer, "x", "y", channels=("fax",))

    # ---------------------------------------------------------------- SMS
    def test_sms_is_queued_then_sent_to_aliyun(self):
        with RecordingServer().on("/", (200, OK)) as server:
            self.set_param("aliyun_endpoint", server.url + "/")
            log = self._sms()
            self.assertEqual(log.state, "queued", "SMS leave in the cron, not in the transaction")
            self.assertEqual(log.address, "13817654321")
            self.assertEqual(log.body, "Hello 何志明, our store: https://x/t/1")
            cron = self.env.ref("jiancai_base.ir_cron_send_notifications")
            self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
            self.assertEqual(server.requests, [])
            self.Notification._send_due()
        self.assertEqual(log.state, "sent")
        self.assertEqual(log.provider_ref, "900000^0")
        self.assertEqual(log.attempt_count, 1)
        (request,) = server.requests
        form = request.form
        self.assertEqual(form["Action"], "SendSms")
        self.assertEqual(form["PhoneNumbers"], "13817654321")
        self.assertEqual(form["SignName"], "美家建材")
        self.assertEqual(form["TemplateCode"], "SMS_4242")
        self.assertEqual(form["TemplateParam"], '{"name": "何志明", "url": "https://x/t/1"}')
        signature = form.pop("Signature")
        self.assertEqual(signature, aliyun_signature(SECRET, "POST", form))
        self.assertNotIn(SECRET, request.body.decode())

    def test_sms_failure_is_retried_then_reported_on_the_document(self):
        with RecordingServer().on("/", (500, b"upstream down")) as server:
            self.set_param("aliyun_endpoint", server.url + "/")
            log = self._sms()
            self.Notification._send_due()
            self.assertEqual(log.state, "queued")
            self.assertEqual(log.attempt_count, 1)
            self.assertGreater(log.next_attempt_at, fields.Datetime.now())
            self.assertIn("HTTP 500", log.last_error)
            # not due yet: nothing is sent again
            self.Notification._send_due()
            self.assertEqual(len(server.requests), 1)
            for _attempt in range(2):
                self._due_now(log)
                self.Notification._send_due()
        self.assertEqual(len(server.requests), 3)
        self.assertEqual(log.state, "failed")
        self.assertEqual(log.attempt_count, 3)
        note = self.store.message_ids.filtered(lambda m: "could not be sent" in (m.body or ""))
        self.assertTrue(note, "the failure is said on the store's chatter")
        self.assertIn("何志明", note[0].body)

    def test_final_provider_error_is_not_retried(self):
        reply = {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "invalid mobile"}
        with RecordingServer().on("/", (200, reply)) as server:
            self.set_param("aliyun_endpoint", server.url + "/")
            log = self._sms()
            self.Notification._send_due()
        self.assertEqual(log.state, "failed")
        self.assertIn("MOBILE_NUMBER_ILLEGAL", log.last_error)

    def test_unreachable_provider_is_a_retry_not_an_error(self):
        with RecordingServer() as server:
            closed = server.url
        self.set_param("aliyun_endpoint", closed + "/")
        log = self._sms()
        self.Notification._send_due()  # a refused connection must not raise
        self.assertEqual(log.state, "queued")
        self.assertEqual(log.attempt_count, 1)
        self.assertIn("unreachable", log.last_error)
        self.assertNotIn(SECRET, log.last_error)

    def test_sms_problems_are_visible_at_once(self):
        landline = self.env["res.partner"].create({"name": "Office", "phone": "021-6478 8888"})
        nophone = self.env["res.partner"].create({"name": "No Phone"})
        log = self._sms(landline) | self._sms(nophone) | self._sms(params={"name": "x"})
        self.assertEqual(log.mapped("state"), ["failed"] * 3)
        self.assertIn("landline", log[0].last_error)
        self.assertIn("no valid mobile", log[1].last_error)
        self.assertIn("url", log[2].last_error)
        self.template.provider_template_code = False
        self.assertIn("no provider template code", self._sms().last_error)

    def test_sms_not_configured_fails_with_a_reason(self):
        self.set_param("sms_provider", "none")
        log = self._sms()
        self.Notification._send_due()
        self.assertEqual(log.state, "failed")
        self.assertIn("not configured", log.last_error)

    def test_retry_uses_the_current_phone_number(self):
        partner = self.env["res.partner"].create({"name": "新客户"})
        log = self._sms(partner)
        self.assertEqual(log.state, "failed")
        partner.phone = "139 0192 5566"
        with self.assertRaises(AccessError):
            log.with_user(self.users["guide"]).action_retry()
        log.with_user(self.users["service"]).action_retry()
        self.assertEqual((log.state, log.address, log.attempt_count), ("queued", "13901925566", 0))

    def test_cron_sends_everything_due_with_one_set_of_clients(self):
        with RecordingServer().on("/", (200, OK)) as server:
            self.set_param("aliyun_endpoint", server.url + "/")
            log = self._sms() | self._sms()
            Cron = self.registry["ir.cron"]
            with patch.object(Cron, "_commit_progress", return_value=60.0) as progress:
                self.Notification._cron_send_queued()
        self.assertEqual(log.mapped("state"), ["sent", "sent"])
        self.assertEqual(len(server.requests), 2)
        self.assertEqual(progress.call_count, 2)

    def test_a_provider_bug_is_a_failed_attempt(self):
        log = self._sms()
        with (
            patch.object(AliyunSms, "send", side_effect=RuntimeError("boom")),
            mute_logger("odoo.addons.jiancai_base.models.jiancai_notification"),
        ):
            self.Notification._send_due()
        self.assertEqual(log.state, "queued")
        self.assertIn("RuntimeError: boom", log.last_error)

    def test_retry_and_cancel_buttons(self):
        self.set_param("sms_provider", "none")
        log = self._sms()
        self.Notification._send_due()
        log.with_user(self.users["service"]).action_retry()
        self.assertEqual(log.state, "queued")
        log.with_user(self.users["service"]).action_cancel()
        self.assertEqual(log.state, "cancelled")
        with self.assertRaises(UserError):
            log.action_retry()

    # ---------------------------------------------------------------- WeCom
    def test_wecom_app_and_robot(self):
        manager = self.users["store_manager"]
        manager.jiancai_wecom_userid = "LiXiuYing"
        with RecordingServer() as server:
            server.on(
                "/cgi-bin/gettoken",
                (200, {"errcode": 0, "access_token": "TOK", "expires_in": 7200}),
            )
            server.on("/cgi-bin/message/send", (200, {"errcode": 0, "errmsg": "ok", "msgid": "m1"}))
            server.on("/cgi-bin/webhook/send", (200, {"errcode": 0, "errmsg": "ok"}))
            self.set_param("wecom_base_url", server.url)
            self.set_param("wecom_corp_id", "ww-corp")
            self.set_param("wecom_secret", SECRET)
            self.set_param("wecom_agent_id", "1000002")
            self.set_param("wecom_robot_key", "robot-key")
            log = self.Notification.notify(
                manager | self.users["driver"],
                "今日到店",
                "徐丽华 14:00 到店",
                record=self.store,
                channels=("wecom", "wecom_robot"),
            )
            by_state = {n.partner_id: n for n in log.filtered(lambda n: n.channel == "wecom")}
            self.assertEqual(by_state[self.users["driver"].partner_id].state, "failed")
            self.assertIn("no WeCom user ID", by_state[self.users["driver"].partner_id].last_error)
            self.Notification._send_due()
        app = by_state[manager.partner_id]
        robot = log.filtered(lambda n: n.channel == "wecom_robot")
        self.assertEqual((app.state, robot.state), ("sent", "sent"))
        sent = {r.path: r for r in server.requests}
        self.assertEqual(
            sent["/cgi-bin/gettoken"].query, {"corpid": "ww-corp", "corpsecret": SECRET}
        )
        self.assertEqual(sent["/cgi-bin/message/send"].query["access_token"], "TOK")
        self.assertEqual(sent["/cgi-bin/message/send"].json["touser"], "LiXiuYing")
        self.assertEqual(sent["/cgi-bin/message/send"].json["agentid"], 1000002)
        self.assertIn("徐丽华 14:00 到店", sent["/cgi-bin/message/send"].json["text"]["content"])
        self.assertEqual(sent["/cgi-bin/webhook/send"].query["key"], "robot-key")

    def test_rolled_back_business_sends_nothing(self):
        with RecordingServer().on("/", (200, OK)) as server:
            self.set_param("aliyun_endpoint", server.url + "/")
            with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
                self._sms()
                _total = 1 / 0  # the business operation breaks after queueing its SMS
            self.Notification._send_due()
        self.assertEqual(server.requests, [])
