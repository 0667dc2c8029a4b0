import logging
from datetime import datetime, time, timedelta

import psycopg2
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, mute_logger

from odoo.addons.jiancai_base.engine.phone import mask_phone
from odoo.addons.jiancai_referral.engine.keys import (
    PhoneError,
    Property,
    PropertyError,
    community_key,
    phone_key,
    property_key,
)

from ..engine.pool import (
    CLAIM_COOLDOWN,
    CLAIM_DAILY_LIMIT,
    CLAIM_HELD_LIMIT,
    DEFAULT_FOLLOW_UP_DAYS,
    DEFAULT_STAGE_DAYS,
    ClaimerState,
    PoolRules,
    claim_refusal,
    cooldown_end,
    next_follow_up,
    protection_deadline,
    reclaim_due,
    reminder_due,
)

_logger = logging.getLogger(__name__)

PARAM = "jiancai_crm.%s"
CLAIM = "crm.lead.claim"  # the business-gate checkpoint of a claim from the pool
RENOVATION_STAGES = [
    ("undelivered", "Not handed over (未交房)"),
    ("shell", "Bare shell (毛坯)"),
    ("plumbing", "Plumbing and wiring (水电)"),
    ("tiling", "Tiling (泥瓦)"),
    ("carpentry", "Carpentry (木工)"),
    ("painting", "Painting (油漆)"),
    ("installation", "Installation (安装)"),
    ("finished", "Finished (完工)"),
]
INTENT_LEVELS = [("a", "A: buys soon"), ("b", "B: interested"), ("c", "C: someday")]
# set by the pool's flows (sudo), never by users
POOL_FIELDS = {
    "jiancai_claimed_at",
    "jiancai_protected_until",
    "jiancai_last_real_activity",
    "jiancai_reminded",
    "jiancai_reclaim_count",
    "jiancai_signup_ip",
}


class CrmLead(models.Model):
    """Odoo's lead, with the flat it is about, its dedup keys, the pool and follow-up."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "jiancai.gate.mixin"]

    jiancai_community = fields.Char("Community", index="trigram", tracking=True, help="小区")
    jiancai_building = fields.Char("Building", help="楼栋: 3栋, 3号楼 or 3-1-501")
    jiancai_unit = fields.Char("Unit", help="单元")
    jiancai_room = fields.Char("Room", help="室")
    jiancai_community_key = fields.Char(
        "Community Key", compute="_compute_jiancai_keys", store=True, precompute=True, index=True
    )
    jiancai_property_key = fields.Char(
        "Property Key",
        compute="_compute_jiancai_keys",
        store=True,
        precompute=True,
        index=True,
        help="The referral engine's key of the flat: community|building|unit|room.",
    )
    jiancai_phone_key = fields.Char(
        "Normalised Phone", compute="_compute_jiancai_phone_key", store=True, index=True
    )
    jiancai_phone_masked = fields.Char("Phone (masked)", compute="_compute_jiancai_phone_masked")
    jiancai_intent_level = fields.Selection(INTENT_LEVELS, "Intent Level", tracking=True)
    jiancai_renovation_stage = fields.Selection(
        RENOVATION_STAGES, "Renovation Stage", tracking=True
    )
    jiancai_claimed_at = fields.Datetime("Claimed On", readonly=True, copy=False)
    jiancai_protected_until = fields.Datetime(
        "Protected Until", readonly=True, copy=False, tracking=True, index="btree_not_null"
    )
    jiancai_last_real_activity = fields.Datetime(
        "Last Real Activity", readonly=True, copy=False,
        help="The last call, store visit or measurement logged on the lead.",
    )  # fmt: skip
    jiancai_reminded = fields.Boolean("Reminded", readonly=True, copy=False)
    jiancai_reclaim_count = fields.Integer("Times Reclaimed", readonly=True, copy=False)
    jiancai_claim_ids = fields.One2many(
        "jiancai.crm.claim",
        "lead_id",
        "Pool Log",
        groups="jiancai_base.group_sales_guide,jiancai_base.group_customer_service",
    )
    jiancai_signup_ip = fields.Char(
        "Sign-up IP", readonly=True, copy=False, groups="base.group_system"
    )

    # ------------------------------------------------------------------ computes
    @api.depends("jiancai_community", "jiancai_building", "jiancai_unit", "jiancai_room")
    def _compute_jiancai_keys(self):
        for lead in self:
            lead.jiancai_community_key = community_key(lead.jiancai_community) or False
            try:
                lead.jiancai_property_key = property_key(lead._jiancai_property())
            except PropertyError:
                lead.jiancai_property_key = False

    @api.depends("phone")
    def _compute_jiancai_phone_key(self):
        for lead in self:
            try:
                lead.jiancai_phone_key = phone_key(lead.phone)
            except PhoneError:
                lead.jiancai_phone_key = False

    @api.depends("jiancai_phone_key", "phone")
    def _compute_jiancai_phone_masked(self):
        for lead in self:
            lead.jiancai_phone_masked = (
                mask_phone(lead.jiancai_phone_key) if lead.jiancai_phone_key else ""
            )

    def _jiancai_property(self):
        self.ensure_one()
        return Property(
            self.jiancai_community or "",
            building=self.jiancai_building or "",
            unit=self.jiancai_unit or "",
            room=self.jiancai_room or "",
        )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        now = fields.Datetime.now()
        held = leads.filtered("user_id")
        if held:
            rules = self._jiancai_pool_rules()
            for lead in held.sudo():
                lead.write(
                    {
                        "jiancai_claimed_at": now,
                        "jiancai_protected_until": protection_deadline(
                            now, lead.jiancai_renovation_stage, [], rules
                        ),
                    }
                )
            held._jiancai_schedule_follow_up()
        return leads

    def write(self, vals):
        if not self.env.su:
            vals = self._jiancai_check_write(vals)
            if not vals:
                return True
        result = super().write(vals)
        if "jiancai_intent_level" in vals:
            self._jiancai_schedule_follow_up()
        if "jiancai_renovation_stage" in vals:
            self.filtered("jiancai_claimed_at")._jiancai_recompute_protection()
        return result

    def _jiancai_check_write(self, vals):
        """The pool's fields are the flows'; a lead changes hands only through the pool.

        A guide may not set them nor give a lead to someone else; a store manager who
        changes the salesperson goes through the pool's rules (limits, cool-down, log).
        """
        blocked = sorted(POOL_FIELDS & set(vals))
        if blocked:
            raise AccessError(
                self.env._(
                    "The pool fields (%(fields)s) are set by the claim, the follow-up and the "
                    "reclaim, not by hand.",
                    fields=", ".join(blocked),
                )
            )
        if "user_id" not in vals:
            return vals
        new_user = self.env["res.users"].browse(vals["user_id"] or [])
        # the pool is a store's: leads of other teams (or none) follow Odoo's own rules
        moving = self.filtered(
            lambda lead: lead.user_id != new_user and lead.team_id.jiancai_is_store
        )
        if not moving:
            return vals
        if moving != self:
            super(CrmLead, self - moving).write({"user_id": vals["user_id"]})
        if not self.env.user.has_group("jiancai_base.group_store_manager"):
            raise AccessError(
                self.env._(
                    "Leads change hands through the pool: give the lead back to the pool, "
                    "or ask your store manager to reassign it."
                )
            )
        moving.check_access("write")
        if new_user:
            moving._jiancai_assign(new_user, by=self.env.user)
        else:
            moving._jiancai_release("release")
        return {key: value for key, value in vals.items() if key != "user_id"}

    @api.model
    def _jiancai_narrow_crm_rules(self):
        """Guides read their own leads (and, as in Odoo, unassigned leads of teams that are
        not stores); "all leads" (store managers, finance) becomes the stores one leads or
        works in, one's own, and leads of teams that are not stores."""
        not_store = "('team_id', '=', False), ('team_id.jiancai_is_store', '=', False)"
        rules = {
            "crm.crm_rule_personal_lead": "['|', ('user_id', '=', user.id), '&', "
            f"('user_id', '=', False), '|', {not_store}]",
            "crm.crm_rule_all_lead": "['|', '|', '|', '|', ('user_id', '=', user.id), "
            f"{not_store}, ('team_id.user_id', '=', user.id), "
            "('team_id.crm_team_member_ids.user_id', 'in', [user.id])]",
        }
        for xmlid, domain in rules.items():
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            if rule:
                rule.sudo().domain_force = domain

    def export_data(self, fields_to_export):
        """Leads are the dealer's asset: only store managers (and above) export them."""
        if not self.env.su and not self.env.user.has_group("jiancai_base.group_store_manager"):
            raise AccessError(self.env._("Only store managers may export leads."))
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------ settings
    @api.model
    def _jiancai_param(self, key, default):
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM % key)
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            return default
        return number if number >= 0 else default

    @api.model
    def _jiancai_pool_rules(self):
        stage_days = {
            stage: self._jiancai_param(f"protection_days_{stage}", days) or days
            for stage, days in DEFAULT_STAGE_DAYS.items()
        }
        return PoolRules(
            stage_days=stage_days,
            default_days=self._jiancai_param("protection_days_default", 10) or 10,
            extension_days=self._jiancai_param("extension_days", 7),
            max_days=self._jiancai_param("max_protection_days", 60) or 60,
            reminder_days=self._jiancai_param("reminder_days", 2),
            cooldown_days=self._jiancai_param("cooldown_days", 7),
            daily_claim_limit=self._jiancai_param("daily_claim_limit", 20),
            held_limit=self._jiancai_param("held_limit", 200),
        )

    @api.model
    def _jiancai_follow_up_cycles(self):
        return {
            level: self._jiancai_param(f"follow_up_days_{level}", days) or days
            for level, days in DEFAULT_FOLLOW_UP_DAYS.items()
        }

    # ------------------------------------------------------------------ the pool
    def _jiancai_today_start(self, user):
        tz = pytz.timezone(user.tz or "Asia/Shanghai")
        local_midnight = tz.localize(datetime.combine(datetime.now(tz).date(), time.min))
        return local_midnight.astimezone(pytz.utc).replace(tzinfo=None)

    def _jiancai_claimer_state(self, user, lead=None):
        Claim = self.env["jiancai.crm.claim"].sudo()
        held = self.sudo().search_count(
            [("user_id", "=", user.id), ("stage_id.is_won", "=", False)]
        )
        today = Claim.search_count(
            [
                ("user_id", "=", user.id),
                ("action", "in", ("claim", "reassign")),
                ("date", ">=", self._jiancai_today_start(user)),
            ]
        )
        last_release = False
        if lead:
            last = Claim.search(
                [
                    ("lead_id", "=", lead.id),
                    ("user_id", "=", user.id),
                    ("action", "in", ("release", "reclaim")),
                ],
                order="date desc",
                limit=1,
            )
            last_release = last.date
        return ClaimerState(
            held=held, claimed_today=today, last_release_of_this_lead=last_release or None
        )

    def _jiancai_refusal_text(self, code, user, lead, rules, since=None):
        if code == CLAIM_DAILY_LIMIT:
            return self.env._(
                "%(user)s reached today's limit of %(limit)s leads from the pool; "
                "try again tomorrow.",
                user=user.name,
                limit=rules.daily_claim_limit,
            )
        if code == CLAIM_HELD_LIMIT:
            return self.env._(
                "%(user)s already holds %(limit)s leads: give some back to the pool "
                "or win them first.",
                user=user.name,
                limit=rules.held_limit,
            )
        if code == CLAIM_COOLDOWN:
            return self.env._(
                "%(user)s lost lead %(lead)s recently: it may be claimed by them again "
                "from %(date)s.",
                user=user.name,
                lead=lead.name,
                date=fields.Datetime.to_string(cooldown_end(since, rules))[:16],
            )
        return ""

    def _jiancai_check_store_member(self, user):
        stores = self.env["crm.team"]._jiancai_stores_of_user(user)
        for lead in self:
            if lead.team_id not in stores:
                raise UserError(
                    self.env._(
                        "Lead %(lead)s belongs to store %(store)s, which %(user)s does not "
                        "work in.",
                        lead=lead.name,
                        store=lead.team_id.name or "-",
                        user=user.name,
                    )  # fmt: skip
                )

    def _jiancai_lock_for_claim(self):
        """Lock the leads' rows, or refuse at once when another guide is claiming them.

        NOWAIT: the second of two guides tapping at the same moment is told now instead of
        waiting; a row changed since our snapshot (the other guide committed first) gives a
        serialization failure, with the same answer.
        """
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM crm_lead WHERE id IN %s AND user_id IS NULL "
                        "FOR UPDATE NOWAIT",
                        tuple(self.ids),
                    )
                )
                free = {row[0] for row in self.env.cr.fetchall()}
        except (psycopg2.errors.LockNotAvailable, psycopg2.errors.SerializationFailure) as exc:
            raise UserError(
                self.env._("Another guide is claiming this lead right now; it is theirs.")
            ) from exc
        return free

    def _jiancai_claim(self, user=None):
        """A guide takes leads from their store's pool (sudo inside, after the checks)."""
        user = user or self.env.user
        if not self:
            return True
        leads = self.sudo()
        leads._jiancai_check_store_member(user)
        free = leads._jiancai_lock_for_claim()
        taken = leads.filtered(lambda lead: lead.id not in free)
        if taken:
            raise UserError(
                self.env._(
                    "Lead %(lead)s was already claimed by another guide.", lead=taken[0].name
                )
            )
        # one guide's claims are serialised, so two tabs cannot both pass the limits
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", 5418, user.id))
        # the checkpoint: rules of other modules (e.g. the house's execution rules) may
        # refuse this guide; checked as the guide, on leads they may not read yet
        leads.with_user(user).sudo()._jiancai_gate_check(CLAIM)
        rules = self._jiancai_pool_rules()
        now = fields.Datetime.now()
        for lead in leads:
            state = self._jiancai_claimer_state(user, lead)
            code = claim_refusal(state, now, rules)
            if code:
                raise UserError(
                    self._jiancai_refusal_text(
                        code, user, lead, rules, state.last_release_of_this_lead
                    )
                )
            lead._jiancai_take(user, "claim", now, rules)
        return True

    def _jiancai_take(self, user, action, now, rules, by=None, note=None):
        self.ensure_one()
        deadline = protection_deadline(now, self.jiancai_renovation_stage, [], rules)
        self.write(
            {
                "user_id": user.id,
                "jiancai_claimed_at": now,
                "jiancai_protected_until": deadline,
                "jiancai_reminded": False,
            }
        )
        self.env["jiancai.crm.claim"].sudo().create(
            {
                "lead_id": self.id,
                "user_id": user.id,
                "action": action,
                "date": now,
                "by_user_id": (by or self.env.user).id,
                "protected_until": deadline,
                "note": note,
                "team_id": self.team_id.id,
                "company_id": self.company_id.id or self.env.company.id,
            }
        )
        self._jiancai_schedule_follow_up()

    def _jiancai_assign(self, user, by=None, note=None):
        """A manager gives leads to a guide: the pool's rules apply to the whole batch."""
        leads = self.sudo()
        leads._jiancai_check_store_member(user)
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", 5418, user.id))
        rules = self._jiancai_pool_rules()
        now = fields.Datetime.now()
        moving = leads.filtered(lambda lead: lead.user_id != user)
        base = self._jiancai_claimer_state(user)
        code = claim_refusal(base, now, rules, count=len(moving))
        problems = [self._jiancai_refusal_text(code, user, moving[:1], rules)] if code else []
        for lead in moving:
            state = self._jiancai_claimer_state(user, lead)
            if state.last_release_of_this_lead and claim_refusal(
                ClaimerState(0, 0, state.last_release_of_this_lead), now, rules
            ):
                problems.append(
                    self._jiancai_refusal_text(
                        CLAIM_COOLDOWN, user, lead, rules, state.last_release_of_this_lead
                    )
                )
        if problems:
            raise UserError("\n".join(problems))
        for lead in moving:
            if lead.user_id:
                lead._jiancai_log(lead.user_id, "release", now, by=by, note=note)
            lead._jiancai_take(user, "reassign", now, rules, by=by, note=note)
        return moving

    def _jiancai_log(self, user, action, now, by=None, note=None):
        self.env["jiancai.crm.claim"].sudo().create(
            {
                "lead_id": self.id,
                "user_id": user.id,
                "action": action,
                "date": now,
                "by_user_id": (by or self.env.user).id,
                "note": note,
                "team_id": self.team_id.id,
                "company_id": self.company_id.id or self.env.company.id,
            }
        )

    def _jiancai_release(self, action="release", note=None):
        """Back to the pool: the guide's hold and open follow-ups end, logged."""
        now = fields.Datetime.now()
        follow_up = self.env.ref("jiancai_crm.activity_type_follow_up")
        for lead in self.sudo():
            if not lead.user_id:
                continue
            lead._jiancai_log(lead.user_id, action, now, note=note)
            lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up).unlink()
            vals = {
                "user_id": False,
                "jiancai_claimed_at": False,
                "jiancai_protected_until": False,
                "jiancai_reminded": False,
            }
            if action == "reclaim":
                vals["jiancai_reclaim_count"] = lead.jiancai_reclaim_count + 1
            lead.write(vals)

    def action_jiancai_release(self):
        """The guide gives leads back to the pool (the cool-down then applies to them)."""
        for lead in self:
            if lead.user_id != self.env.user and not self.env.user.has_group(
                "jiancai_base.group_store_manager"
            ):
                raise UserError(
                    self.env._("Only the guide holding %(lead)s may give it back.", lead=lead.name)
                )
        self.check_access("write")
        self._jiancai_release("release")
        return True

    def _jiancai_real_activity(self, when):
        """A call, store visit or measurement was logged: extend the protection."""
        for lead in self.sudo():
            lead.jiancai_last_real_activity = when
        self.filtered("jiancai_claimed_at")._jiancai_recompute_protection()

    def _jiancai_recompute_protection(self):
        rules = self._jiancai_pool_rules()
        for lead in self.sudo():
            activities = (
                [lead.jiancai_last_real_activity] if lead.jiancai_last_real_activity else []
            )
            deadline = protection_deadline(
                lead.jiancai_claimed_at, lead.jiancai_renovation_stage, activities, rules
            )
            # a running protection never shrinks: telling the truth about the stage
            # (the tiler is on site) must not cost the guide the lead
            if lead.jiancai_protected_until:
                deadline = max(deadline, lead.jiancai_protected_until)
            if deadline != lead.jiancai_protected_until:
                lead.write({"jiancai_protected_until": deadline, "jiancai_reminded": False})

    # ------------------------------------------------------------------ follow-up
    def _jiancai_schedule_follow_up(self):
        """One open follow-up per lead, due after its intent level's cycle."""
        follow_up = self.env.ref("jiancai_crm.activity_type_follow_up", False)
        if not follow_up:
            return
        cycles = self._jiancai_follow_up_cycles()
        now = fields.Datetime.now()
        for lead in self.sudo():
            lead.activity_ids.filtered(lambda a: a.activity_type_id == follow_up).unlink()
            if not lead.user_id or not lead.jiancai_intent_level or not lead.active:
                continue
            due = next_follow_up(lead.jiancai_intent_level, now, cycles)
            lead.activity_schedule(
                "jiancai_crm.activity_type_follow_up",
                date_deadline=fields.Date.context_today(lead, due),
                user_id=lead.user_id.id,
            )

    # ------------------------------------------------------------------ crons
    @api.model
    def _jiancai_held_domain(self):
        return [
            ("user_id", "!=", False),
            ("jiancai_protected_until", "!=", False),
            ("stage_id.is_won", "=", False),
        ]

    @api.model
    def _cron_jiancai_pool(self):
        """Remind guides before their protection ends; put expired leads back in the pool."""
        rules = self._jiancai_pool_rules()
        now = fields.Datetime.now()
        horizon = now + timedelta(days=rules.reminder_days)
        Lead = self.sudo()
        due = Lead.search(
            self._jiancai_held_domain() + [("jiancai_protected_until", "<=", now)], limit=1000
        )
        for lead in due:
            if reclaim_due(lead.jiancai_protected_until, now):
                guide = lead.user_id
                lead._jiancai_release("reclaim", note=self.env._("Protection ended"))
                self.env["jiancai.notification"].notify(
                    guide,
                    self.env._("Lead back in the pool"),
                    self.env._(
                        "Lead %(lead)s went back to the pool: its protection ended without "
                        "a call, visit or measurement.",
                        lead=lead.name,
                    ),
                    record=lead,
                )
        soon = Lead.search(
            self._jiancai_held_domain()
            + [
                ("jiancai_protected_until", ">", now),
                ("jiancai_protected_until", "<=", horizon),
                ("jiancai_reminded", "=", False),
            ],
            limit=1000,
        )
        for lead in soon:
            if reminder_due(lead.jiancai_protected_until, now, rules, lead.jiancai_reminded):
                lead.jiancai_reminded = True
                self.env["jiancai.notification"].notify(
                    lead.user_id,
                    self.env._("Lead about to go back to the pool"),
                    self.env._(
                        "Lead %(lead)s goes back to the pool on %(date)s unless you log a "
                        "call, a store visit or a measurement.",
                        lead=lead.name,
                        date=fields.Datetime.to_string(lead.jiancai_protected_until)[:16],
                    ),
                    record=lead,
                )
        return len(due), len(soon)

    # ------------------------------------------------------------------ duplicates
    def _jiancai_duplicates(self):
        """Other leads of the same phone or flat, in the same store (sudo)."""
        self.ensure_one()
        domain = [("id", "!=", self.id), ("team_id", "=", self.team_id.id)]
        keys = []
        if self.jiancai_phone_key:
            keys.append([("jiancai_phone_key", "=", self.jiancai_phone_key)])
        if self.jiancai_property_key:
            keys.append([("jiancai_property_key", "=", self.jiancai_property_key)])
        if not keys:
            return self.browse()
        from odoo.fields import Domain

        return self.sudo().search(Domain.AND([domain, Domain.OR(keys)]))

    def action_jiancai_merge_duplicates(self):
        """Open Odoo's merge wizard on this lead and its duplicates (history is kept)."""
        self.ensure_one()
        duplicates = self._jiancai_duplicates()._filtered_access("write")
        if not duplicates:
            raise UserError(self.env._("No other lead of this store has the same phone or flat."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.merge.opportunity",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "crm.lead", "active_ids": (self | duplicates).ids},
        }

    # ------------------------------------------------------------------ same community
    def action_jiancai_same_community(self):
        self.ensure_one()
        return self.env["res.partner"]._jiancai_same_community_action(
            self.jiancai_community_key, self.jiancai_community, exclude_partner=self.partner_id
        )

    def action_jiancai_send_sms(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "jiancai.crm.sms",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lead_id": self.id},
        }

    def _merge_dependences(self, opportunities):
        """Odoo moves messages, activities and attachments; the pool log moves too."""
        result = super()._merge_dependences(opportunities)
        # sudo: a salesperson merging leads may not read the pool log
        opportunities.sudo().jiancai_claim_ids.write({"lead_id": self.id})
        return result

    def _merge_get_fields(self):
        return super()._merge_get_fields() + [
            "jiancai_community",
            "jiancai_building",
            "jiancai_unit",
            "jiancai_room",
            "jiancai_intent_level",
            "jiancai_renovation_stage",
        ]

    # ------------------------------------------------------------------ online sources
    @api.model
    def _jiancai_signup_rate_exceeded(self, ip):
        limit = self._jiancai_param("signup_hourly_limit", 5)
        since = fields.Datetime.now() - timedelta(hours=1)
        count = (
            self.sudo()
            .with_context(active_test=False)
            .search_count([("jiancai_signup_ip", "=", ip or "-"), ("create_date", ">=", since)])
        )
        return count >= limit

    @api.model
    def _jiancai_online_lead(self, values, via, ip=None):
        """Create a lead from a campaign (API or public form), with the import's dedup.

        Returns {"status": "created"|"duplicate"|"invalid", ...}; never raises on bad input.
        """
        name = (values.get("name") or "").strip()
        if not name or len(name) > 100:
            return {
                "status": "invalid",
                "field": "name",
                "detail": "required, at most 100 characters",
                "message": self.env._("Please enter your name."),
            }
        try:
            key = phone_key(values.get("phone"))
        except PhoneError:
            return {
                "status": "invalid",
                "field": "phone",
                "detail": "not a mainland China phone number",
                "message": self.env._("Please enter a valid mobile number (11 digits)."),
            }
        for field_name in ("community", "building", "room", "campaign", "notes", "store"):
            if len(values.get(field_name) or "") > (1000 if field_name == "notes" else 100):
                return {
                    "status": "invalid",
                    "field": field_name,
                    "detail": "too long",
                    "message": self.env._("A field is too long."),
                }
        Team = self.env["crm.team"].sudo()
        store = Team.browse()
        if values.get("store"):
            store = Team.search(
                [("jiancai_store_code", "=", values["store"]), ("jiancai_is_store", "=", True)],
                limit=1,
            )
            if not store:
                return {"status": "invalid", "field": "store", "detail": "unknown store code",
                        "message": self.env._("Unknown store.")}  # fmt: skip
        store = store or Team.search(
            [("jiancai_is_store", "=", True)], order="sequence, id", limit=1
        )
        Import = self.env["jiancai.crm.lead.import"].sudo()
        prop = ""
        try:
            prop = property_key(
                Property(values.get("community") or "", building=values.get("building") or "",
                         room=values.get("room") or "")
            )  # fmt: skip
        except PropertyError:
            prop = ""
        by_phone, by_property = Import._holders({key}, {prop} if prop else set())
        holders = by_phone.get(key, []) + by_property.get(prop, [])
        lead_holder = next((h for h in holders if h.kind == "lead"), None)
        campaign = (values.get("campaign") or "").strip() or self.env._("Online")
        if holders:
            if lead_holder:
                existing = self.sudo().browse(lead_holder.record_id)
                existing.message_post(
                    body=self.env._("Signed up again online (%(campaign)s).", campaign=campaign)
                )
            return {"status": "duplicate"}
        source = self.env["utm.source"].sudo().search([("name", "=", campaign)], limit=1)
        source = source or self.env["utm.source"].sudo().create({"name": campaign})
        title = " ".join(
            p
            for p in (values.get("community"), values.get("building"), values.get("room"), name)
            if p
        )
        lead = self.sudo().create(
            {
                "name": title[:200],
                "type": "lead",
                "contact_name": name,
                "phone": key,
                "jiancai_community": values.get("community") or False,
                "jiancai_building": values.get("building") or False,
                "jiancai_room": values.get("room") or False,
                "description": values.get("notes") or False,
                "source_id": source.id,
                "team_id": store.id or False,
                "user_id": False,
                "jiancai_signup_ip": ip or ("-" if via == "form" else False),
                "company_id": store.company_id.id or self.env.company.id,
            }
        )
        return {"status": "created", "id": lead.id}
