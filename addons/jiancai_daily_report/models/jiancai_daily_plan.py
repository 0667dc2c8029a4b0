from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class JiancaiDailyPlan(models.Model):
    _name = "jiancai.daily.plan"
    _description = "Daily Plan Item"
    _order = "plan_date desc, sequence, id"

    report_id = fields.Many2one(
        "jiancai.daily.report",
        "Planned In",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Plan", required=True)
    scope = fields.Selection(related="report_id.scope", store=True)
    user_id = fields.Many2one(related="report_id.user_id", store=True, index=True)
    store_id = fields.Many2one(related="report_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    plan_date = fields.Date(
        "For", compute="_compute_plan_date", store=True, index=True, help="The next day."
    )
    checked_report_id = fields.Many2one(
        "jiancai.daily.report",
        "Checked In",
        index=True,
        ondelete="set null",
        readonly=True,
        help="The report of the planned day, where the item is ticked.",
    )
    done = fields.Boolean()
    note = fields.Char()

    @api.depends("report_id.date")
    def _compute_plan_date(self):
        for plan in self:
            plan.plan_date = plan.report_id.date and plan.report_id.date + timedelta(days=1)

    def write(self, vals):
        if not self.env.su:
            planning = {"name", "sequence", "report_id"}.intersection(vals)
            ticking = {"done", "note"}.intersection(vals)
            if "checked_report_id" in vals:
                raise AccessError(self.env._("A plan item is checked in the report of its day."))
            for plan in self:
                if planning:
                    plan.report_id._check_author_draft()
                if ticking:
                    if not plan.checked_report_id:
                        raise UserError(
                            self.env._("A plan item is ticked in the report of the day it is for.")
                        )
                    plan.checked_report_id._check_author_draft()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("checked_report_id") for vals in vals_list):
            raise AccessError(self.env._("A plan item is checked in the report of its day."))
        plans = super().create(vals_list)
        if not self.env.su:
            for plan in plans:
                plan.report_id._check_author_draft()
        return plans

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_draft(self):
        if self.env.su:
            return
        for plan in self:
            plan.report_id._check_author_draft()
