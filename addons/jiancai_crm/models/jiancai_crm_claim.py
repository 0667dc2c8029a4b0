from odoo import fields, models

ACTIONS = [
    ("claim", "Claimed from the pool"),
    ("release", "Given back to the pool"),
    ("reclaim", "Reclaimed (protection ended)"),
    ("reassign", "Reassigned by a manager"),
]


class JiancaiCrmClaim(models.Model):
    """Who held a lead when: the pool's log, read by the cool-down and the daily limit."""

    _name = "jiancai.crm.claim"
    _description = "Lead Pool Log"
    _order = "date desc, id desc"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", "Guide", required=True, index=True, ondelete="cascade")
    action = fields.Selection(ACTIONS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    by_user_id = fields.Many2one("res.users", "Done By", ondelete="set null")
    protected_until = fields.Datetime()
    note = fields.Char()
    team_id = fields.Many2one("crm.team", "Store", index="btree_not_null", ondelete="set null")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _user_action_date_idx = models.Index("(user_id, action, date)")
