from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

from ..engine.keys import Property, phone_key, property_key
from ..models.jiancai_referral import TIMELINES

REPORT_FIELDS = (
    "customer_name",
    "customer_phone",
    "community",
    "building",
    "unit",
    "room",
    "district",
    "spaces",
    "timeline",
    "expected_start",
)


class JiancaiReferralReport(models.TransientModel):
    """A salesperson reports a customer a designer brought, without browsing referrals.

    Sales guides have no access to referrals (need-to-know); this wizard creates and
    submits the referral in sudo with the same dedup checks, and tells the guide who
    holds the customer only when the guide may know it. A report answers "is this
    customer reported?" like a lookup, so it counts against the same daily limit and is
    logged, refused or not; a refusal does not say whether the phone or the property
    matched.
    """

    _name = "jiancai.referral.report"
    _description = "Report a Referred Customer"

    customer_name = fields.Char(required=True)
    customer_phone = fields.Char(required=True)
    community = fields.Char(required=True, help="小区")
    building = fields.Char(help="楼栋: 3栋, 3号楼 or the whole address 3-1-501")
    unit = fields.Char(help="单元")
    room = fields.Char(help="室")
    district = fields.Char(help="区, e.g. 徐汇区")
    referrer_id = fields.Many2one(
        "res.partner",
        "Designer / Partner",
        required=True,
        domain="[('jiancai_is_referrer', '=', True)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Store",
        required=True,
        domain="[('jiancai_is_store', '=', True)]",
        default=lambda self: self._default_team_id(),
    )
    spaces = fields.Char(help="客厅, 厨房, 卫生间 …")
    timeline = fields.Selection(TIMELINES, "Decoration Timeline")
    expected_start = fields.Date()
    note = fields.Text("Notes")
    referral_name = fields.Char("Reference", readonly=True)
    result_text = fields.Text("Result", readonly=True)
    refused = fields.Boolean(readonly=True)

    @api.model
    def _default_team_id(self):
        return self.env["crm.team"]._jiancai_store_of_user()

    def action_report(self):
        self.ensure_one()
        if self.referral_name or self.refused:
            raise UserError(self.env._("This customer is already reported: close the window."))
        user = self.env.user
        if not user.has_group("jiancai_referral.group_referral_verifier") and (
            self.team_id not in self.env["crm.team"]._jiancai_stores_of_user()
        ):
            raise UserError(
                self.env._(
                    "You can report customers only for your own store; %(store)s is not "
                    "yours. Ask that store's manager.",
                    store=self.team_id.name,
                )
            )
        vals = {name: self[name] or False for name in REPORT_FIELDS}
        vals.update(
            {
                "referrer_id": self.referrer_id.id,
                "team_id": self.team_id.id,
                "user_id": user.id,
                "company_id": self.team_id.company_id.id or self.env.company.id,
                "note": plaintext2html(self.note) if self.note else False,
            }
        )
        self._check_keys(vals)
        self.env["jiancai.referral.lookup.quota"].sudo()._take()
        # one savepoint: on a duplicate nothing of the attempt stays (the guide could not
        # see a kept draft anyway); the refusal is shown and logged, not raised, so that
        # the attempt stays counted
        try:
            with self.env.cr.savepoint():
                referral = self.env["jiancai.referral"].sudo().create(vals)
                referral.action_submit(user=user, draft_kept=False)
                referral.message_post(
                    body=self.env._("Reported by %(user)s.", user=user.name),
                    subtype_xmlid="mail.mt_note",
                )
        except ValidationError:
            raise
        except UserError as refusal:
            self.write({"refused": True, "result_text": str(refusal)})
            self._log(self.env["jiancai.referral"])
        else:
            self.write(
                {
                    "referral_name": referral.name,
                    "result_text": self.env._(
                        "Referral %(ref)s submitted. The store manager verifies it; you are "
                        "its salesperson and get its milestones in your inbox.",
                        ref=referral.name,
                    ),
                }
            )
            self._log(referral)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Report a Customer"),
        }

    def _keys(self):
        return phone_key(self.customer_phone), property_key(
            Property(self.community or "", self.building or "", self.unit or "", self.room or "")
        )

    def _check_keys(self, vals):
        """Bad input is refused before it counts, as in the lookup (same messages)."""
        draft = self.env["jiancai.referral"].sudo().new(vals)
        draft._check_customer_phone()
        draft._check_property()

    def _log(self, referral):
        phone, prop = self._keys()
        holder = referral or self.env["jiancai.referral"]._claiming(phone, prop)
        entered = " ".join(
            filter(
                None,
                [self.customer_phone, self.community, self.building, self.unit, self.room],
            )
        )
        self.env["jiancai.referral.lookup.log"]._record(
            "report", entered, f"{phone} {prop}", self.result_text, holder
        )
