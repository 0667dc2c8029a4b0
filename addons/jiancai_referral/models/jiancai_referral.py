import logging
from datetime import datetime, time

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models, sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..engine.keys import PhoneError, Property, PropertyError, phone_key, property_key
from ..engine.protection import (
    DEFAULT_NO_VISIT_DAYS,
    DEFAULT_PROTECTION_DAYS,
    ReferralDates,
    extended_protection_end,
    is_expired,
    needs_no_visit_reminder,
    protection_end,
)
from .jiancai_referral_milestone import MILESTONES

_logger = logging.getLogger(__name__)

PARAM = "jiancai_referral.%s"
# the states in which a referral holds the customer: the unique indexes cover only these
CLAIMING_STATES = ("submitted", "verified", "won")
# events that count as progress and renew the protection
TIMELINES = [
    ("now", "Decorating now"),
    ("1m", "Within a month"),
    ("3m", "In 1-3 months"),
    ("6m", "In 3-6 months"),
    ("later", "Later"),
]
PROGRESS_CODES = ("store_visit", "deposit_paid", "order_confirmed", "in_production", "delivered")


class JiancaiReferral(models.Model):
    """A customer a designer or partner brought to the dealer (家装报备)."""

    _name = "jiancai.referral"
    _description = "Referral"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        "Reference", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("verified", "Verified"),
            ("rejected", "Rejected"),
            ("expired", "Expired"),
            ("won", "Won"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        group_expand="_group_expand_states",
    )
    customer_name = fields.Char(required=True, tracking=True)
    customer_phone = fields.Char(required=True, tracking=True)
    phone_key = fields.Char(
        compute="_compute_phone_key", store=True, precompute=True, readonly=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The customer record, linked at verification; its orders and deliveries "
        "become milestones.",
    )
    community = fields.Char(required=True, help="小区")
    building = fields.Char(help="楼栋: 3栋, 3号楼 or the whole address 3-1-501")
    unit = fields.Char(help="单元")
    room = fields.Char(help="室")
    district = fields.Char(help="区, e.g. 徐汇区")
    property_key = fields.Char(
        compute="_compute_property_key", store=True, precompute=True, readonly=True, index=True
    )
    referrer_id = fields.Many2one(
        "res.partner",
        "Designer / Partner",
        required=True,
        tracking=True,
        index=True,
        domain="[('jiancai_is_referrer', '=', True)]",
    )
    referrer_commercial_id = fields.Many2one(
        related="referrer_id.commercial_partner_id", string="Design Company", store=True
    )
    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        tracking=True,
        index="btree_not_null",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Store",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('jiancai_is_store', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    product_interest_ids = fields.Many2many(
        "product.template", string="Products of Interest", check_company=True
    )
    spaces = fields.Char(help="客厅, 厨房, 卫生间 …")
    timeline = fields.Selection(TIMELINES, "Decoration Timeline")
    expected_start = fields.Date()
    note = fields.Html("Notes")
    submitted_on = fields.Datetime(readonly=True, copy=False)
    verified_on = fields.Date(readonly=True, copy=False, tracking=True)
    verifier_id = fields.Many2one("res.users", "Verified By", readonly=True, copy=False)
    protection_end = fields.Date(readonly=True, copy=False, tracking=True)
    first_visit_on = fields.Date("First Store Visit", readonly=True, copy=False)
    no_visit_reminded = fields.Boolean(readonly=True, copy=False)
    reject_reason = fields.Text(readonly=True, copy=False, tracking=True)
    milestone_ids = fields.One2many("jiancai.referral.milestone", "referral_id", "Milestones")
    last_milestone = fields.Selection(MILESTONES, compute="_compute_last_milestone", store=True)
    conflict_ids = fields.One2many("jiancai.referral.conflict", "referral_id", "Conflicts")
    conflict_count = fields.Integer(compute="_compute_conflict_count")
    is_won = fields.Boolean(compute="_compute_is_won", store=True, aggregator="sum")
    won_count = fields.Integer("Won", compute="_compute_is_won", store=True)

    # two submissions of the same customer cannot both hold it, even at the same moment
    _phone_claim_unique = models.UniqueIndex(
        "(phone_key) WHERE state IN ('submitted', 'verified', 'won')",
        "This customer's phone number is already reported by an active referral.",
    )
    _property_claim_unique = models.UniqueIndex(
        "(property_key) WHERE state IN ('submitted', 'verified', 'won')",
        "This property is already reported by an active referral.",
    )

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in self._fields["state"].selection]

    @api.depends("customer_phone")
    def _compute_phone_key(self):
        for referral in self:
            try:
                referral.phone_key = phone_key(referral.customer_phone)
            except PhoneError:
                referral.phone_key = False

    @api.depends("community", "building", "unit", "room")
    def _compute_property_key(self):
        for referral in self:
            try:
                referral.property_key = property_key(referral._jiancai_property())
            except PropertyError:
                referral.property_key = False

    @api.depends("milestone_ids.code", "milestone_ids.date")
    def _compute_last_milestone(self):
        for referral in self:
            referral.last_milestone = referral.milestone_ids.sorted("date")[-1:].code or False

    @api.depends("state")
    def _compute_is_won(self):
        for referral in self:
            referral.is_won = referral.state == "won"
            referral.won_count = int(referral.is_won)

    def _compute_conflict_count(self):
        for referral in self:
            referral.conflict_count = len(referral.sudo().conflict_ids)

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for referral in self:
            referral.access_url = f"/my/referrals/{referral.id}"
        return result

    @api.constrains("customer_phone")
    def _check_customer_phone(self):
        for referral in self:
            try:
                phone_key(referral.customer_phone)
            except PhoneError:
                raise ValidationError(
                    self.env._(
                        "%(phone)s is not a phone number we can use: enter the customer's "
                        "11-digit mobile number or a landline with area code.",
                        phone=referral.customer_phone or "",
                    )
                ) from None

    @api.constrains("community", "building", "unit", "room")
    def _check_property(self):
        for referral in self:
            if not referral.property_key:
                raise ValidationError(
                    self.env._(
                        "Enter the property: the community (小区) and the room (室), "
                        "e.g. 3栋 1单元 501室 or 3-1-501."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("jiancai.referral") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------------ helpers
    def _jiancai_property(self):
        self.ensure_one()
        return Property(self.community or "", self.building or "", self.unit or "", self.room or "")

    @api.model
    def _param_int(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM % key)
        try:
            return int(value) if value else default
        except ValueError:
            return default

    def _protection_days(self):
        return self._param_int("protection_days", DEFAULT_PROTECTION_DAYS)

    def _may_know_owner(self, user=None):
        """May ``user`` learn who holds this referral? Verifiers, its salesperson, its referrer."""
        self.ensure_one()
        user = user or self.env.user
        if user.has_group("jiancai_referral.group_referral_verifier"):
            return True
        if user == self.user_id:
            return True
        return bool(user.partner_id) and user.partner_id == self.referrer_id

    @api.model
    def _claiming(self, phone=None, prop_key=None, exclude=None):
        """The active referral holding this phone key or property key (sudo), if any."""
        Referral = self.sudo().with_context(active_test=False)
        found = Referral.browse()
        if phone:
            found = Referral.search(
                [("phone_key", "=", phone), ("state", "in", CLAIMING_STATES)], limit=1
            )
        if not found and prop_key:
            found = Referral.search(
                [("property_key", "=", prop_key), ("state", "in", CLAIMING_STATES)], limit=1
            )
        if exclude and found == exclude:
            return Referral.browse()
        return found

    def _duplicate_message(self, holder, user, draft_kept=True):
        """What a person is told when the customer is already reported.

        ``draft_kept`` is False when nothing of the attempt is kept (a guide's report).
        """
        self.ensure_one()
        same = "phone" if holder.phone_key == self.phone_key else "property"
        if not draft_kept:
            # a guide's report answers like a lookup: which of phone or property matched
            # would tell the guide more than the lookup does
            what = self.env._("This customer")
        elif same == "phone":
            what = self.env._("This customer's phone number")
        else:
            what = self.env._("This property")
        then = (
            self.env._(
                "Nothing was submitted; your draft is kept. If the customer is yours, ask "
                "the store manager to decide (Dispute Ownership)."
            )
            if draft_kept
            else self.env._(
                "Nothing was submitted. If the customer is yours, tell your store manager, "
                "who decides ownership conflicts."
            )
        )
        if holder._may_know_owner(user):
            return self.env._(
                "%(what)s is already reported: referral %(ref)s by %(referrer)s "
                "(salesperson %(salesperson)s, %(state)s, protected until %(end)s). %(then)s",
                what=what,
                ref=holder.name,
                referrer=holder.referrer_id.display_name,
                salesperson=holder.user_id.name or "-",
                state=holder._state_label(),
                end=holder.protection_end or "-",
                then=then,
            )
        return self.env._(
            "%(what)s is already reported by another partner and is protected. %(then)s",
            what=what,
            then=then,
        )

    def _lost_race_message(self, user, draft_kept=True):
        """The message for a submission refused by the unique index.

        The winner committed after this transaction's snapshot, so it is looked up with
        a fresh cursor (the current one would not see it).
        """
        self.ensure_one()
        generic = self.env._(
            "This customer was reported by someone else a moment ago. Nothing was "
            "submitted; look the customer up to see its status."
        )
        # a plain new connection (the registry's cursors are the test cursor under tests)
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            fresh = self.env(cr=cr, su=True)["jiancai.referral"]
            holder = fresh._claiming(self.phone_key, self.property_key, exclude=self)
            if not holder:
                return generic
            return self._duplicate_message(holder, user, draft_kept)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _customers_with_phone(self):
        """Contacts whose phone normalises to this referral's phone key (sudo)."""
        self.ensure_one()
        matches = self.env["res.partner"].sudo()
        candidates = matches.search(
            [("phone", "ilike", self.phone_key[-4:]), ("is_company", "=", False)], limit=200
        )
        for partner in candidates:
            try:
                if phone_key(partner.phone) == self.phone_key:
                    matches |= partner
            except PhoneError:
                continue
        return matches

    def _other_store_customer(self):
        """The store that already sells to this customer, when it is not this referral's."""
        self.ensure_one()
        partners = self._customers_with_phone()
        if not partners:
            return self.env["crm.team"]
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", partners.commercial_partner_id.ids),
                    ("state", "=", "sale"),
                    ("team_id.jiancai_is_store", "=", True),
                ],
                order="date_order desc",
                limit=20,
            )
        )
        if not orders or self.team_id in orders.team_id:
            return self.env["crm.team"]
        return orders[0].team_id

    def _check_can_submit(self, user=None, draft_kept=True):
        """Raise a UserError saying what to do when this referral may not be submitted."""
        self.ensure_one()
        user = user or self.env.user
        if self.state not in ("draft",):
            raise UserError(self.env._("Only a draft referral can be submitted."))
        holder = self._claiming(self.phone_key, self.property_key, exclude=self)
        if holder:
            raise UserError(self._duplicate_message(holder, user, draft_kept))
        other = self._other_store_customer()
        if other:
            raise UserError(
                self.env._(
                    "%(customer)s is already a customer of store %(store)s: a referral "
                    "cannot move a customer between stores. Ask that store's manager.",
                    customer=self.customer_name,
                    store=other.name,
                )
            )

    # ------------------------------------------------------------------ actions
    def action_submit(self, user=None, draft_kept=True):
        """Submit for verification. ``user`` is who is told (the reporter, under sudo)."""
        user = user or self.env.user
        for referral in self:
            referral._check_can_submit(user, draft_kept)
            try:
                # a concurrent submission of the same customer that committed after our
                # snapshot passes the check above; the partial unique index refuses it here
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    referral.write({"state": "submitted", "submitted_on": fields.Datetime.now()})
            except psycopg2.errors.UniqueViolation:
                _logger.info("referral %s lost a concurrent submission", referral.id)
                raise UserError(referral._lost_race_message(user, draft_kept)) from None
            if referral.team_id.user_id:
                referral.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Verify referral %(ref)s", ref=referral.name),
                    user_id=referral.team_id.user_id.id,
                )
        return True

    def _check_verifier(self):
        if not self.env.user.has_group("jiancai_referral.group_referral_verifier"):
            raise AccessError(self.env._("Only a referral verifier may verify or reject."))

    def action_verify(self):
        self._check_verifier()
        today = fields.Date.context_today(self)
        for referral in self:
            if referral.state != "submitted":
                raise UserError(
                    self.env._(
                        "Referral %(ref)s is not waiting for verification.", ref=referral.name
                    )
                )
            referral.write(
                {
                    "state": "verified",
                    "verified_on": today,
                    "verifier_id": self.env.user.id,
                    "protection_end": protection_end(today, referral._protection_days()),
                    "partner_id": referral.partner_id.id or referral._find_or_create_customer().id,
                }
            )
            referral.activity_ids.action_feedback(feedback=self.env._("Verified"))
            referral._add_milestone("verified", record=referral)
        return True

    def action_reject(self):
        self.ensure_one()
        self._check_verifier()
        return {
            "type": "ir.actions.act_window",
            "res_model": "jiancai.referral.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"default_referral_id": self.id},
        }

    def _do_reject(self, reason):
        self._check_verifier()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the rejection: the referrer sees it."))
        for referral in self:
            if referral.state not in ("submitted", "verified"):
                raise UserError(
                    self.env._("Referral %(ref)s cannot be rejected now.", ref=referral.name)
                )
            referral.write({"state": "rejected", "reject_reason": reason})
            referral.activity_ids.action_feedback(feedback=reason)
            referral._notify_people(
                self.env._("Referral %(ref)s rejected", ref=referral.name),
                self.env._(
                    "The referral of %(customer)s was rejected: %(reason)s",
                    customer=referral.customer_name,
                    reason=reason,
                ),
            )

    def action_reset_draft(self):
        for referral in self:
            if referral.state not in ("rejected", "expired"):
                raise UserError(self.env._("Only rejected or expired referrals go back to draft."))
        self.write({"state": "draft", "reject_reason": False, "protection_end": False})
        return True

    def action_dispute(self):
        """The customer is held by another referral: ask the store manager to decide."""
        self.ensure_one()
        holder = self._claiming(self.phone_key, self.property_key, exclude=self)
        if not holder:
            raise UserError(self.env._("No other referral holds this customer: submit it instead."))
        return self.env["jiancai.referral.conflict"].sudo()._open(holder, self)

    def action_view_conflicts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ownership Conflicts"),
            "res_model": "jiancai.referral.conflict",
            "view_mode": "list,form",
            "domain": ["|", ("referral_id", "=", self.id), ("claim_id", "=", self.id)],
        }

    def _find_or_create_customer(self):
        self.ensure_one()
        existing = self._customers_with_phone()
        if existing:
            return existing[0]
        return (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": self.customer_name,
                    "phone": self.phone_key,
                    "jiancai_partner_role": "customer",
                    "user_id": self.user_id.id,
                    "street": " ".join(
                        filter(None, [self.community, self.building, self.unit, self.room])
                    ),
                    "city": self.district or False,
                }
            )
        )

    # ------------------------------------------------------------------ milestones
    def _add_milestone(self, code, record=None, note=None, when=None):
        """Record ``code`` once per referral and tell the salesperson and the designer."""
        Milestone = self.env["jiancai.referral.milestone"].sudo()
        created = Milestone.browse()
        labels = dict(MILESTONES)
        for referral in self.sudo():
            if code in referral.milestone_ids.mapped("code"):
                continue
            created |= Milestone.create(
                {
                    "referral_id": referral.id,
                    "code": code,
                    "date": when or fields.Datetime.now(),
                    "res_model": record._name if record else False,
                    "res_id": record.id if record else False,
                    "source_name": record.display_name if record else False,
                    "note": note,
                }
            )
            label = dict(Milestone._fields["code"]._description_selection(self.env)).get(
                code, labels[code]
            )
            referral.message_post(
                body=self.env._("Milestone: %(milestone)s", milestone=label),
                subtype_xmlid="mail.mt_note",
            )
            if code in PROGRESS_CODES and referral.protection_end:
                referral.protection_end = extended_protection_end(
                    referral.protection_end,
                    fields.Date.context_today(referral),
                    referral._protection_days(),
                )
            referral._notify_people(
                self.env._(
                    "%(customer)s: %(milestone)s",
                    customer=referral.customer_name,
                    milestone=label,
                ),
                self.env._(
                    "Referral %(ref)s of %(customer)s reached the milestone %(milestone)s.",
                    ref=referral.name,
                    customer=referral.customer_name,
                    milestone=label,
                ),
                sms_milestone=label,
            )
        return created

    def _notify_people(self, subject, body, sms_milestone=None):
        """Owning salesperson in the inbox; the designer in the portal and by SMS if configured."""
        self.ensure_one()
        # sent by the system, not by whoever triggered the milestone: the author of a
        # notification (and of its inbox message) may read it, and a guide recording a
        # store visit must not learn which designer referred the customer
        Notification = (
            self.env["jiancai.notification"]
            .with_user(SUPERUSER_ID)
            .with_company(self.company_id or self.env.company)
        )
        if self.user_id:
            Notification.notify(self.user_id, subject, body, record=self)
        referrer = self.referrer_id
        if referrer.user_ids:
            Notification.notify(referrer, subject, body, record=self)
        sms_on = self.env["ir.config_parameter"].sudo().get_param(PARAM % "sms_designer")
        if sms_milestone and sms_on and referrer.phone:
            Notification.notify(
                referrer,
                subject,
                body,
                record=self,
                channels=("sms",),
                sms_template="referral_milestone",
                sms_params={
                    "name": referrer.name,
                    "customer": self.customer_name[:1] + "**",
                    "milestone": sms_milestone,
                },
            )

    @api.model
    def _jiancai_referral_event(self, partner, code, record=None, note=None, when=None):
        """Public hook for other modules: ``partner`` (the end customer) reached ``code``.

        Finds the verified or won referral of the customer's commercial partner and adds
        the milestone once. Returns the created milestones (empty when no referral or
        when already reached). Unknown codes raise a ``ValueError`` (a programming error).
        """
        if code not in dict(MILESTONES):
            raise ValueError(f"unknown referral milestone {code!r}")
        if not partner:
            return self.env["jiancai.referral.milestone"]
        referrals = self.sudo().search(
            [
                ("partner_id", "in", partner.commercial_partner_id.ids + partner.ids),
                ("state", "in", ("verified", "won")),
            ]
        )
        milestones = referrals._add_milestone(code, record=record, note=note, when=when)
        if code == "store_visit":
            for referral in referrals.filtered(lambda r: not r.first_visit_on):
                referral.first_visit_on = fields.Date.context_today(referral)
        if code == "order_confirmed":
            referrals.filtered(lambda r: r.state == "verified").write({"state": "won"})
        return milestones

    # ------------------------------------------------------------------ crons
    @api.model
    def _cron_expire(self):
        """Free the customers of verified referrals whose protection ended."""
        today = fields.Date.context_today(self)
        for referral in self.sudo().search(
            [("state", "=", "verified"), ("protection_end", "<", today)]
        ):
            dates = ReferralDates(referral.verified_on or None, referral.protection_end or None)
            if not is_expired(dates, today):
                continue
            referral.state = "expired"
            referral._add_milestone("expired")

    @api.model
    def _cron_no_visit(self):
        """Remind the salesperson of verified referrals still without a store visit."""
        today = fields.Date.context_today(self)
        days = self._param_int("no_visit_days", DEFAULT_NO_VISIT_DAYS)
        for referral in self.sudo().search(
            [
                ("state", "=", "verified"),
                ("first_visit_on", "=", False),
                ("no_visit_reminded", "=", False),
            ]
        ):
            dates = ReferralDates(
                referral.verified_on or None,
                referral.protection_end or None,
                first_visit_on=referral.first_visit_on or None,
                no_visit_reminded=referral.no_visit_reminded,
            )
            if not needs_no_visit_reminder(dates, today, days):
                continue
            referral._add_milestone(
                "no_visit", note=self.env._("%(days)s days without a store visit", days=days)
            )
            referral.no_visit_reminded = True
            if referral.user_id:
                referral.activity_schedule(
                    "mail.mail_activity_data_call",
                    summary=self.env._(
                        "Invite %(customer)s to the store", customer=referral.customer_name
                    ),
                    user_id=referral.user_id.id,
                )

    @api.model
    def _today_start(self):
        return datetime.combine(fields.Date.context_today(self), time.min)
