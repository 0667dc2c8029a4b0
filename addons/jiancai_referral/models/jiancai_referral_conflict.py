from odoo import api, fields, models
from odoo.exceptions import UserError


class JiancaiReferralConflict(models.Model):
    """Two parties claim the same customer; the store manager decides who owns it."""

    _name = "jiancai.referral.conflict"
    _description = "Referral Ownership Conflict"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    referral_id = fields.Many2one(
        "jiancai.referral", "Holding Referral", required=True, ondelete="cascade", index=True
    )
    claim_id = fields.Many2one(
        "jiancai.referral", "Claiming Referral", required=True, ondelete="cascade", index=True
    )
    holder_referrer_id = fields.Many2one(related="referral_id.referrer_id", string="Holder")
    claimant_referrer_id = fields.Many2one(related="claim_id.referrer_id", string="Claimant")
    team_id = fields.Many2one(related="referral_id.team_id", store=True, string="Store")
    company_id = fields.Many2one(related="referral_id.company_id", store=True)
    state = fields.Selection(
        [("open", "Open"), ("kept", "Holder Keeps"), ("transferred", "Given to Claimant")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    decision_note = fields.Text("Decision", tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    decided_on = fields.Datetime(readonly=True)

    _open_pair_unique = models.UniqueIndex(
        "(referral_id, claim_id) WHERE state = 'open'",
        "This claim is already waiting for the manager's decision.",
    )

    @api.depends("referral_id.name", "claim_id.name")
    def _compute_name(self):
        for conflict in self:
            conflict.name = f"{conflict.referral_id.name} / {conflict.claim_id.name}"

    def _open(self, holder, claim):
        existing = self.search(
            [("referral_id", "=", holder.id), ("claim_id", "=", claim.id), ("state", "=", "open")]
        )
        conflict = existing or self.create({"referral_id": holder.id, "claim_id": claim.id})
        manager = holder.team_id.user_id
        if manager and not existing:
            conflict.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Decide who owns %(customer)s", customer=holder.customer_name),
                user_id=manager.id,
            )
        claim.message_post(
            body=self.env._("Ownership disputed: the store manager decides."),
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _decide(self, state):
        if not self.env.user.has_group("jiancai_referral.group_referral_verifier"):
            raise UserError(self.env._("Only a store manager or verifier decides ownership."))
        for conflict in self:
            if conflict.state != "open":
                raise UserError(self.env._("This conflict is already decided."))
            if not (conflict.decision_note or "").strip():
                raise UserError(self.env._("Write down why you decide so before deciding."))
            conflict.write(
                {
                    "state": state,
                    "decided_by_id": self.env.user.id,
                    "decided_on": fields.Datetime.now(),
                }
            )
            holder, claim = conflict.referral_id.sudo(), conflict.claim_id.sudo()
            if state == "kept":
                claim.write({"state": "rejected", "reject_reason": conflict.decision_note})
            else:
                holder.write({"state": "rejected", "reject_reason": conflict.decision_note})
                holder.flush_recordset(["state"])  # free the customer before the claim takes it
                claim.write({"state": "submitted", "submitted_on": fields.Datetime.now()})
                claim.flush_recordset(["state"])
            for referral in holder | claim:
                referral.message_post(
                    body=self.env._(
                        "Ownership decided by %(user)s: %(decision)s. %(note)s",
                        user=self.env.user.name,
                        decision=dict(self._fields["state"]._description_selection(self.env))[
                            state
                        ],
                        note=conflict.decision_note,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            conflict.activity_ids.action_feedback(feedback=conflict.decision_note)
        return True

    def action_keep(self):
        return self._decide("kept")

    def action_transfer(self):
        return self._decide("transferred")
