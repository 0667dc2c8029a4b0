from odoo import fields, models
from odoo.exceptions import UserError

from ..engine.keys import PhoneError, Property, PropertyError, phone_key, property_key
from ..models.jiancai_referral import CLAIMING_STATES


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
        left = self.env["jiancai.referral.lookup.quota"].sudo()._take()
        field = "phone_key" if self.kind == "phone" else "property_key"
        referral = (
            self.env["jiancai.referral"]
            .sudo()
            .search([(field, "=", key), ("state", "in", CLAIMING_STATES)], limit=1)
        )
        values = {"done": True, "found": bool(referral), "lookups_left": left}
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
        self.env["jiancai.referral.lookup.log"]._record(
            self.kind, entered, key, values["result_text"], referral
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Referral Lookup"),
        }
