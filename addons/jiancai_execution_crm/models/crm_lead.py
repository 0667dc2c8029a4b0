from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # stored so that a rule finds overdue follow-ups in one SQL query (the due date lives
    # on jiancai_crm's open Lead Follow-up activity)
    jiancai_execution_follow_up_due = fields.Date(
        "Follow-up Due",
        compute="_compute_jiancai_execution_follow_up_due",
        store=True,
        index="btree_not_null",
        help="Due date of the lead's open follow-up, set by its intent level's cycle.",
    )

    @api.depends(
        "activity_ids.date_deadline", "activity_ids.activity_type_id", "activity_ids.active"
    )
    def _compute_jiancai_execution_follow_up_due(self):
        follow_up = self.env.ref("jiancai_crm.activity_type_follow_up", raise_if_not_found=False)
        for lead in self:
            dates = lead.activity_ids.filtered(
                lambda a: a.active and a.activity_type_id == follow_up
            ).mapped("date_deadline")
            lead.jiancai_execution_follow_up_due = min(dates) if dates else False
