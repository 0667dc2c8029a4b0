from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # remember what was done on leads before the activities are archived
        done = [
            (activity.res_id, activity.activity_type_id)
            for activity in self
            if activity.res_model == "crm.lead" and activity.activity_type_id
        ]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if done:
            now = fields.Datetime.now()
            leads = self.env["crm.lead"].sudo().browse({res_id for res_id, _type in done})
            follow_up = self.env.ref("jiancai_crm.activity_type_follow_up", False)
            for lead in leads.exists():
                types = [kind for res_id, kind in done if res_id == lead.id]
                if any(kind.jiancai_extends_protection for kind in types):
                    lead._jiancai_real_activity(now)
                if follow_up in types or any(kind.jiancai_extends_protection for kind in types):
                    lead._jiancai_schedule_follow_up()
        return result
