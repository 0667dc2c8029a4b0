from odoo import fields, models

MILESTONES = [
    ("verified", "Verified"),
    ("store_visit", "Store Visit"),
    ("deposit_paid", "Deposit Paid"),
    ("order_confirmed", "Order Confirmed"),
    ("in_production", "In Production"),
    ("delivered", "Delivered"),
    ("installed", "Installed"),
    ("tiling_done", "Tiling Done"),
    ("completed", "Completed"),
    ("no_visit", "No Store Visit Yet"),
    ("expired", "Protection Expired"),
]


class JiancaiReferralMilestone(models.Model):
    """A step of the referred customer's way, recorded from the event that proved it."""

    _name = "jiancai.referral.milestone"
    _description = "Referral Milestone"
    _order = "date desc, id desc"

    referral_id = fields.Many2one("jiancai.referral", required=True, ondelete="cascade", index=True)
    code = fields.Selection(MILESTONES, "Milestone", required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    res_model = fields.Char("Source Model", readonly=True)
    res_id = fields.Many2oneReference("Source Record", model_field="res_model", readonly=True)
    source_name = fields.Char("Source", readonly=True)
    note = fields.Char()
    company_id = fields.Many2one(related="referral_id.company_id", store=True)

    _referral_code_unique = models.UniqueIndex(
        "(referral_id, code)", "A referral reaches each milestone once."
    )
