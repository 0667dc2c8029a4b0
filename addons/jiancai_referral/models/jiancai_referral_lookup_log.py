from odoo import api, fields, models


class JiancaiReferralLookupLog(models.Model):
    """Who looked up which customer and what they were shown (need-to-know audit)."""

    _name = "jiancai.referral.lookup.log"
    _description = "Referral Lookup Log"
    _order = "looked_up_at desc, id desc"

    user_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, index=True, readonly=True
    )
    looked_up_at = fields.Datetime(
        "Looked Up On", required=True, default=fields.Datetime.now, readonly=True
    )
    kind = fields.Selection(
        [("phone", "Phone"), ("property", "Property"), ("report", "Customer Report")],
        required=True,
        readonly=True,
    )
    entered = fields.Char(required=True, readonly=True)
    search_key = fields.Char(readonly=True)
    shown = fields.Text(readonly=True)
    referral_id = fields.Many2one("jiancai.referral", readonly=True, ondelete="set null")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    _user_day_idx = models.Index("(user_id, looked_up_at)")

    @api.model
    def _record(self, kind, entered, key, shown, referral):
        """Log what the current user looked up and what they were shown (sudo)."""
        return self.sudo().create(
            {
                "user_id": self.env.uid,
                "kind": kind,
                "entered": entered,
                "search_key": key,
                "shown": shown,
                "referral_id": referral.id,
            }
        )
