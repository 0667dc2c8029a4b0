from odoo import fields, models
from odoo.tools import SQL

from .crm_lead import INTENT_LEVELS, RENOVATION_STAGES


class JiancaiCrmPoolLead(models.Model):
    """The lead pool (公海池) as guides see it: unassigned leads, phone masked.

    A database view over ``crm_lead``: guides have no read access to unassigned leads
    themselves (Odoo's rule is narrowed to their own), so the phone number never reaches
    them before they claim; the claim runs the pool's rules on the lead.
    """

    _name = "jiancai.crm.pool.lead"
    _description = "Lead Pool"
    _auto = False
    _order = "jiancai_reclaim_count, create_date desc, id desc"
    _depends = {
        "crm.lead": [
            "name", "contact_name", "jiancai_community", "jiancai_building", "jiancai_room",
            "jiancai_phone_key", "team_id", "company_id", "source_id", "jiancai_intent_level",
            "jiancai_renovation_stage", "jiancai_reclaim_count", "user_id", "active", "stage_id",
        ],
        "crm.stage": ["is_won"],
    }  # fmt: skip

    lead_id = fields.Many2one("crm.lead", readonly=True)
    name = fields.Char("Title", readonly=True)
    contact_name = fields.Char("Contact", readonly=True)
    jiancai_community = fields.Char("Community", readonly=True)
    jiancai_building = fields.Char("Building", readonly=True)
    jiancai_room = fields.Char("Room", readonly=True)
    phone_masked = fields.Char("Phone", readonly=True)
    team_id = fields.Many2one("crm.team", "Store", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    jiancai_intent_level = fields.Selection(INTENT_LEVELS, "Intent Level", readonly=True)
    jiancai_renovation_stage = fields.Selection(
        RENOVATION_STAGES, "Renovation Stage", readonly=True
    )
    jiancai_reclaim_count = fields.Integer("Times Reclaimed", readonly=True)
    create_date = fields.Datetime("Created On", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT l.id, l.id AS lead_id, l.name, l.contact_name, l.jiancai_community,
                   l.jiancai_building, l.jiancai_room,
                   CASE WHEN length(l.jiancai_phone_key) >= 7
                        THEN left(l.jiancai_phone_key, 3)
                             || repeat('*', length(l.jiancai_phone_key) - 7)
                             || right(l.jiancai_phone_key, 4)
                        ELSE '' END AS phone_masked,
                   l.team_id, l.company_id, l.source_id, l.jiancai_intent_level,
                   l.jiancai_renovation_stage, l.jiancai_reclaim_count, l.create_date
              FROM crm_lead l
              LEFT JOIN crm_stage s ON s.id = l.stage_id
             WHERE l.user_id IS NULL AND l.active AND l.team_id IS NOT NULL
               AND COALESCE(s.is_won, FALSE) = FALSE
            """
        )

    def action_claim(self):
        self.env["crm.lead"].browse(self.ids)._jiancai_claim(self.env.user)
        if len(self) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "crm.lead",
                "res_id": self.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._("%(count)s leads claimed.", count=len(self)),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
