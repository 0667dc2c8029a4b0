import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

from ..engine.outbound import SendResult
from ..engine.phone import PhoneError, is_cn_mobile, normalize_cn_phone
from ..engine.retry import RetryPolicy
from ..engine.sms import ALIYUN_DEFAULT_ENDPOINT, AliyunSms, SmsMessage
from ..engine.wecom import WECOM_DEFAULT_BASE, WecomApp, WecomRobot

_logger = logging.getLogger(__name__)

PARAM = "jiancai_base.%s"


class JiancaiNotification(models.Model):
    """One message to one person on one channel, and what became of it.

    Every module tells people things through :meth:`notify`. The Odoo inbox copy is
    posted at once; SMS and WeCom messages are queued in the caller's transaction (so a
    rolled-back business operation sends nothing) and sent by a cron in their own
    transaction (so a failed send never rolls back the business operation). Failed
    sends are retried with back-off, then marked failed and reported on the record.
    """

    _name = "jiancai.notification"
    _description = "Notification"
    _inherit = ["jiancai.document.mixin"]
    _order = "id desc"
    _rec_name = "subject"

    subject = fields.Char(required=True)
    body = fields.Text(required=True)
    channel = fields.Selection(
        [
            ("inbox", "Odoo Inbox"),
            ("sms", "SMS"),
            ("wecom", "WeCom App"),
            ("wecom_robot", "WeCom Group Robot"),
        ],
        required=True,
        index=True,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("failed", "Failed"),
            ("cancelled", "Cancelled"),
        ],
        default="queued",
        required=True,
        index=True,
    )
    partner_id = fields.Many2one(
        "res.partner", "Recipient", index="btree_not_null", ondelete="set null"
    )
    user_id = fields.Many2one(
        "res.users", "Recipient User", index="btree_not_null", ondelete="set null"
    )
    address = fields.Char(help="Phone number, WeCom user ID or group robot.")
    sms_template_id = fields.Many2one("jiancai.sms.template", "SMS Template", ondelete="restrict")
    sms_params = fields.Json("SMS Parameters")
    attempt_count = fields.Integer("Attempts", readonly=True)
    next_attempt_at = fields.Datetime("Next Attempt", index=True, readonly=True)
    sent_at = fields.Datetime("Sent On", readonly=True)
    last_error = fields.Text("Error", readonly=True)
    provider_ref = fields.Char("Provider Reference", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _queue_idx = models.Index("(next_attempt_at) WHERE state = 'queued'")

    def _channel_label(self):
        self.ensure_one()
        labels = dict(self._fields["channel"]._description_selection(self.env))
        return labels[self.channel]

    # ------------------------------------------------------------------ public API
    @api.model
    def notify(
        self,
        recipients,
        subject,
        body,
        record=None,
        channels=("inbox",),
        sms_template=None,
        sms_params=None,
    ):
        """Tell people something, on the given channels; return the log rows.

        :param recipients: ``res.partner`` or ``res.users`` records
        :param subject, body: text, or a function of an environment returning the text:
            ``lambda env: env._("Ticket %(name)s is late", name=...)`` is called once per
            language of the recipients, in that language (a cron or an English-speaking
            administrator then still writes to Chinese staff in Chinese)
        :param record: the business document the message is about (optional)
        :param channels: any of ``inbox``, ``sms``, ``wecom``, ``wecom_robot``
        :param sms_template: key or record of a ``jiancai.sms.template`` (SMS only)
        :param sms_params: the template parameters (SMS only)
        """
        unknown = set(channels) - set(dict(self._fields["channel"].selection))
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown notification channel(s): %(channels)s",
                    channels=", ".join(sorted(unknown)),
                )
            )
        if callable(subject) or callable(body):
            return self._notify_in_their_language(
                recipients, subject, body, record, channels, sms_template, sms_params
            )
        if recipients._name == "res.users":
            users = recipients
            partners = recipients.partner_id
        else:
            partners = recipients
            users = recipients.user_ids
        common = {
            "subject": subject,
            "body": body,
            "res_model": record._name if record else False,
            "res_id": record.id if record else False,
        }
        log = self.sudo()
        if "inbox" in channels and partners:
            log |= self._notify_inbox(partners, record, common)
        if "sms" in channels:
            log |= self._queue_sms(partners, common, sms_template, sms_params or {})
        if "wecom" in channels:
            log |= self._queue_wecom(users, partners, common)
        if "wecom_robot" in channels:
            log |= self._queue_robot(common)
        if log.filtered(lambda n: n.state == "queued"):
            self.env.ref("jiancai_base.ir_cron_send_notifications").sudo()._trigger()
        return log

    def _notify_in_their_language(
        self, recipients, subject, body, record, channels, sms_template, sms_params
    ):
        """:meth:`notify` once per language of ``recipients``, with the texts rendered in it."""

        def render(text, lang):
            if not callable(text):
                return text
            return text(self.with_context(lang=lang).env)

        default_lang = self.env.company.partner_id.lang or self.env.lang or "en_US"
        personal = tuple(c for c in channels if c != "wecom_robot")
        log = self.browse()
        if personal:
            for lang, group in recipients.grouped(lambda r: r.lang or default_lang).items():
                log |= self.notify(
                    group,
                    render(subject, lang),
                    render(body, lang),
                    record=record,
                    channels=personal,
                    sms_template=sms_template,
                    sms_params=sms_params,
                )
        if "wecom_robot" in channels:  # a group chat: the company's language
            log |= self.notify(
                recipients.browse(),
                render(subject, default_lang),
                render(body, default_lang),
                record=record,
                channels=("wecom_robot",),
            )
        return log

    # ------------------------------------------------------------------ queueing
    def _notify_inbox(self, partners, record, common):
        vals = {**common, "channel": "inbox"}
        thread = record if record and "message_ids" in record._fields else None
        if thread:
            # posted by whoever notifies (this env's user), with the record's privileges:
            # the author may read the message, so a notification sent as the system must
            # not be authored by the user whose action caused it
            thread = thread.with_env(thread.env(user=self.env.uid, su=thread.env.su or self.env.su))
        try:
            with self.env.cr.savepoint():
                kwargs = {
                    "partner_ids": partners.ids,
                    "subject": common["subject"],
                    "body": plaintext2html(common["body"]),
                }
                if thread:
                    thread.message_notify(**kwargs)
                else:
                    self.env["mail.thread"].sudo().message_notify(**kwargs)
            state = {"state": "sent", "sent_at": fields.Datetime.now(), "attempt_count": 1}
        except Exception as exc:  # noqa: BLE001 - a failed inbox post must not undo the caller
            _logger.warning("Inbox notification failed: %s", exc)
            state = {"state": "failed", "last_error": str(exc), "attempt_count": 1}
        return self.sudo().create(
            [{**vals, **state, "partner_id": p.id, "user_id": p.user_ids[:1].id} for p in partners]
        )

    def _queue_sms(self, partners, common, sms_template, params):
        template = sms_template
        if isinstance(sms_template, str):
            template = (
                self.env["jiancai.sms.template"]
                .sudo()
                .search([("code", "=", sms_template)], limit=1)
            )
        vals_list = []
        for partner in partners:
            vals = {
                **common,
                "channel": "sms",
                "partner_id": partner.id,
                "user_id": partner.user_ids[:1].id,
                "sms_template_id": template.id if template else False,
                "sms_params": params,
                "next_attempt_at": fields.Datetime.now(),
            }
            error = self._sms_error(partner, template, params)
            if error:
                vals.update(state="failed", last_error=error)
            else:
                vals["address"] = normalize_cn_phone(partner.phone)
                if template.preview:
                    vals["body"] = template._render_preview(params)
            vals_list.append(vals)
        return self.sudo().create(vals_list)

    def _sms_error(self, partner, template, params):
        if not template:
            return self.env._("No SMS template given: SMS need an approved template.")
        if not template.provider_template_code:
            return self.env._(
                "SMS template %(name)s has no provider template code; fill it in "
                "Jiancai > Configuration > SMS Templates.",
                name=template.name,
            )
        missing = template._missing_params(params)
        if missing:
            return self.env._(
                "SMS template %(name)s needs the parameter(s) %(missing)s.",
                name=template.name,
                missing=", ".join(missing),
            )
        try:
            phone = normalize_cn_phone(partner.phone)
        except PhoneError:
            return self.env._(
                "%(name)s has no valid mobile number (%(phone)s).",
                name=partner.display_name,
                phone=partner.phone or "-",
            )
        if not is_cn_mobile(phone):
            return self.env._(
                "%(phone)s of %(name)s is a landline: it cannot receive SMS.",
                phone=phone,
                name=partner.display_name,
            )
        return None

    def _queue_wecom(self, users, partners, common):
        vals_list = []
        for partner in partners:
            user = users.filtered(lambda u, p=partner: u.partner_id == p)[:1]
            vals = {
                **common,
                "channel": "wecom",
                "partner_id": partner.id,
                "user_id": user.id,
                "next_attempt_at": fields.Datetime.now(),
            }
            if user and user.jiancai_wecom_userid:
                vals["address"] = user.jiancai_wecom_userid
            else:
                vals.update(
                    state="failed",
                    last_error=self.env._(
                        "%(name)s has no WeCom user ID: set it on the user's form.",
                        name=partner.display_name,
                    ),
                )
            vals_list.append(vals)
        return self.sudo().create(vals_list)

    def _queue_robot(self, common):
        return self.sudo().create(
            {
                **common,
                "channel": "wecom_robot",
                "address": self.env._("Group robot"),
                "next_attempt_at": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------ sending
    @api.model
    def _retry_policy(self):
        icp = self.env["ir.config_parameter"].sudo()
        return RetryPolicy(max_attempts=int(icp.get_param(PARAM % "notify_max_attempts", 5)))

    @api.model
    def _providers(self):
        """Build the provider clients from the settings (never logged)."""
        icp = self.env["ir.config_parameter"].sudo()
        get = lambda key, default="": icp.get_param(PARAM % key, default) or default  # noqa: E731
        providers = {"sms_sign_name": get("sms_sign_name")}
        if get("sms_provider") == "aliyun" and get("aliyun_access_key_id"):
            providers["sms"] = AliyunSms(
                access_key_id=get("aliyun_access_key_id"),
                access_key_secret=get("aliyun_access_key_secret"),
                endpoint=get("aliyun_endpoint", ALIYUN_DEFAULT_ENDPOINT),
            )
        base = get("wecom_base_url", WECOM_DEFAULT_BASE)
        agent_id = get("wecom_agent_id").strip()
        if get("wecom_corp_id") and get("wecom_secret") and agent_id.isdigit():
            providers["wecom"] = WecomApp(
                corp_id=get("wecom_corp_id"),
                secret=get("wecom_secret"),
                agent_id=int(agent_id),
                base_url=base,
            )
        if get("wecom_robot_key"):
            providers["wecom_robot"] = WecomRobot(key=get("wecom_robot_key"), base_url=base)
        return providers

    def _send_with(self, providers):
        self.ensure_one()
        client = providers.get(self.channel)
        if not client:
            return SendResult.failure(
                self.env._(
                    "The %(channel)s channel is not configured: "
                    "see Jiancai > Configuration > Settings.",
                    channel=self._channel_label(),
                ),
                retryable=False,
            )
        if self.channel == "sms":
            return client.send(
                SmsMessage(
                    phone=self.address,
                    sign_name=providers["sms_sign_name"],
                    template_code=self.sms_template_id.provider_template_code,
                    params={k: str(v) for k, v in (self.sms_params or {}).items()},
                )
            )
        text = f"{self.subject}\n{self.body}" if self.subject else self.body
        if self.channel == "wecom":
            return client.send_text(self.address, text)
        return client.send_text(text)

    def _lock_due(self, limit):
        """Queued, due rows nobody else is sending right now (row locks, skip locked)."""
        domain_ids = self.ids
        self.flush_model(["state", "next_attempt_at"])
        query = SQL(
            """SELECT id FROM jiancai_notification
                WHERE state = 'queued' AND next_attempt_at <= %(now)s %(only)s
                ORDER BY next_attempt_at, id LIMIT %(limit)s
                FOR UPDATE SKIP LOCKED""",
            now=fields.Datetime.now(),
            only=SQL("AND id IN %s", tuple(domain_ids)) if domain_ids else SQL(""),
            limit=limit,
        )
        self.env.cr.execute(query)
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def _send_due(self, limit=100, providers=None):
        """Send what is due (restricted to ``self`` when not empty); return what was tried.

        ``providers`` lets one cron run reuse its clients (and the WeCom token).
        """
        todo = self.sudo()._lock_due(limit)
        if not todo:
            return todo
        if providers is None:
            providers = self._providers()
        policy = self._retry_policy()
        for notification in todo:
            try:
                result = notification._send_with(providers)
            except Exception as exc:  # noqa: BLE001 - a provider bug is a failed send, not a crash
                _logger.exception("Sending notification %s failed", notification.id)
                result = SendResult.failure(f"{type(exc).__name__}: {exc}")
            notification._record_result(result, policy)
        return todo

    def _record_result(self, result, policy):
        self.ensure_one()
        attempts = self.attempt_count + 1
        if result.ok:
            self.write(
                {
                    "state": "sent",
                    "attempt_count": attempts,
                    "sent_at": fields.Datetime.now(),
                    "provider_ref": result.provider_ref,
                    "last_error": False,
                }
            )
            return
        if policy.gives_up(attempts, result.retryable):
            self.write({"state": "failed", "attempt_count": attempts, "last_error": result.error})
            self._report_failure()
            return
        self.write(
            {
                "attempt_count": attempts,
                "last_error": result.error,
                "next_attempt_at": fields.Datetime.now()
                + timedelta(seconds=policy.delay(attempts)),
            }
        )

    def _report_failure(self):
        """A message that will not arrive is said on the document it was about."""
        record = self._document()
        if record is None or not hasattr(record, "message_post"):
            return
        try:
            with self.env.cr.savepoint():
                self._post_failure_note(record)
        except Exception:  # noqa: BLE001 - the log row already says it failed
            _logger.exception("Could not report failed notification %s", self.id)

    def _post_failure_note(self, record):
        record.sudo().message_post(
            body=self.env._(
                "%(channel)s to %(to)s could not be sent: %(error)s",
                channel=self._channel_label(),
                to=self.partner_id.display_name or self.address,
                error=self.last_error,
            ),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_send_queued(self):
        providers = self._providers()
        while True:
            done = self._send_due(limit=1, providers=providers)
            if not done:
                return
            remaining = self.search_count(
                [("state", "=", "queued"), ("next_attempt_at", "<=", fields.Datetime.now())]
            )
            if self.env["ir.cron"]._commit_progress(1, remaining=remaining) <= 0:
                return

    # ------------------------------------------------------------------ actions
    def _check_can_manage(self):
        if not self.env.user.has_groups(
            "jiancai_base.group_customer_service,jiancai_base.group_general_manager,"
            "base.group_system"
        ):
            raise AccessError(
                self.env._("Only customer service and managers can retry or cancel messages.")
            )

    def action_retry(self):
        """Queue failed messages again, with the recipient's current number or WeCom ID."""
        self._check_can_manage()
        retry = self.filtered(lambda n: n.state == "failed" and n.channel != "inbox")
        if not retry:
            raise UserError(self.env._("Only failed SMS and WeCom messages can be retried."))
        for notification in retry.sudo():
            vals = {
                "state": "queued",
                "attempt_count": 0,
                "next_attempt_at": fields.Datetime.now(),
                "last_error": False,
            }
            error = notification._readdress(vals)
            if error:
                vals.update(state="failed", last_error=error)
            notification.write(vals)
        self.env.ref("jiancai_base.ir_cron_send_notifications").sudo()._trigger()

    def _readdress(self, vals):
        """Fill ``vals`` with the recipient's current address; return an error, if any."""
        self.ensure_one()
        if self.channel == "sms":
            error = self._sms_error(self.partner_id, self.sms_template_id, self.sms_params or {})
            if not error:
                vals["address"] = normalize_cn_phone(self.partner_id.phone)
            return error
        if self.channel == "wecom":
            user = self.user_id or self.partner_id.user_ids[:1]
            if not user.jiancai_wecom_userid:
                return self.env._(
                    "%(name)s has no WeCom user ID: set it on the user's form.",
                    name=self.partner_id.display_name,
                )
            vals["address"] = user.jiancai_wecom_userid
        return None

    def action_cancel(self):
        self._check_can_manage()
        self.filtered(lambda n: n.state == "queued").sudo().write({"state": "cancelled"})

    def action_open_record(self):
        self.ensure_one()
        record = self._document()
        if record is None:
            raise UserError(self.env._("The related document no longer exists."))
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
