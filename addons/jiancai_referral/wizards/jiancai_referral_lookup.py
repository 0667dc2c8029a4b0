from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

from ..engine.keys import PhoneError, Property, PropertyError, phone_key, property_key
from ..engine.protection import daily_lookups_left
from ..models.jiancai_referral import CLAIMING_STATES

DEFAULT_DAILY_LIMIT = 20


class JiancaiReferralLookup(models.TransientModel):
    """Is this customer already reported? Exact phone or exact property, nothing else."""

    _name = "jiancai.referral.lookup"
    _description = "Referral Lookup"

    kind = fields.Selection(
        [("phone", "Phone"), ("property", "Property")], default="phone", required=True
    )
    phone = fields.Char(help="The customer's full phone number.")
    community = fields.Char(help="小区")
    building = fields.Char()
    unit = fields.Char()
    room = fields.Char()
    done = fields.Boolean(readonly=True)
    found = fields.Boolean(readonly=True)
    result_state = fields.Char("Status", readonly=True)
    result_owner = fields.Char("Owner", readonly=True)
    result_protection_end = fields.Date("Protected Until", readonly=True)
    result_text = fields.Text("Result", readonly=True)
    lookups_left = fields.Integer("Lookups Left Today", readonly=True)

    def _daily_limit(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("jiancai_referral.lookup_daily_limit")
        )
        try:
            return int(value) if value else DEFAULT_DAILY_LIMIT
        except ValueError:
            return DEFAULT_DAILY_LIMIT

    def _used_today(self):
        # the user's own day, in their time zone
        day = fields.Date.context_today(self)
        tz = pytz.timezone(self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        end = start + timedelta(days=1)
        return (
            self.env["jiancai.referral.lookup.log"]
            .sudo()
            .search_count(
                [
                    ("user_id", "=", self.env.uid),
                    ("looked_up_at", ">=", start.replace(tzinfo=None)),
                    ("looked_up_at", "<", end.replace(tzinfo=None)),
                ]
            )
        )

    def _search_key(self):
        self.ensure_one()
        try:
            if self.kind == "phone":
                return self.phone or "", phone_key(self.phone)
            prop = Property(
                self.community or "", self.building or "", self.unit or "", self.room or ""
            )
            entered = " ".join(filter(None, [self.community, self.building, self.unit, self.room]))
            return entered, property_key(prop)
        except PhoneError:
            raise UserError(
                self.env._("Enter the customer's full phone number (11 digits for a mobile).")
            ) from None
        except PropertyError:
            raise UserError(
                self.env._("Enter the exact property: community (小区) and room (室) at least.")
            ) from None

    def action_lookup(self):
        self.ensure_one()
        entered, key = self._search_key()
        limit = self._daily_limit()
        left = daily_lookups_left(self._used_today(), limit)
        if not left:
            raise UserError(
                self.env._(
                    "You reached today's limit of %(limit)s lookups. Ask your store manager "
                    "if you need more.",
                    limit=limit,
                )
            )
        field = "phone_key" if self.kind == "phone" else "property_key"
        referral = (
            self.env["jiancai.referral"]
            .sudo()
            .search([(field, "=", key), ("state", "in", CLAIMING_STATES)], limit=1)
        )
        values = {"done": True, "found": bool(referral), "lookups_left": left - 1}
        if referral:
            owner = " / ".join(filter(None, [referral.user_id.name, referral.team_id.name]))
            values.update(
                result_state=referral._state_label(),
                result_owner=owner,
                result_protection_end=referral.protection_end,
                result_text=self.env._(
                    "Already reported. Status: %(state)s. Owner: %(owner)s. "
                    "Protected until: %(end)s.",
                    state=referral._state_label(),
                    owner=owner,
                    end=referral.protection_end or "-",
                ),
            )
        else:
            values.update(
                result_state=False,
                result_owner=False,
                result_protection_end=False,
                result_text=self.env._("Not reported: the customer is free."),
            )
        self.write(values)
        self.env["jiancai.referral.lookup.log"].sudo().create(
            {
                "user_id": self.env.uid,
                "kind": self.kind,
                "entered": entered,
                "search_key": key,
                "shown": values["result_text"],
                "referral_id": referral.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Referral Lookup"),
        }
