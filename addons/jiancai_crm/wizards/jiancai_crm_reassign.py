from odoo import fields, models
from odoo.exceptions import AccessError


class JiancaiCrmReassign(models.TransientModel):
    """A store manager gives leads to a guide, through the pool's rules, logged."""

    _name = "jiancai.crm.reassign"
    _description = "Reassign Leads"

    lead_ids = fields.Many2many(
        "crm.lead", string="Leads", default=lambda self: self._default_lead_ids()
    )
    user_id = fields.Many2one("res.users", "Guide", required=True, domain="[('share', '=', False)]")
    note = fields.Char("Reason", required=True)

    def _default_lead_ids(self):
        if self.env.context.get("active_model") == "crm.lead":
            return [(6, 0, self.env.context.get("active_ids", []))]
        return []

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("jiancai_base.group_store_manager"):
            raise AccessError(self.env._("Only store managers reassign leads."))
        # the manager must be allowed to change each lead (the store rule decides)
        self.lead_ids.check_access("write")
        moved = self.lead_ids._jiancai_assign(self.user_id, by=self.env.user, note=self.note)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "%(count)s leads given to %(user)s.", count=len(moved), user=self.user_id.name
                ),
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
