from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    jiancai_is_referrer = fields.Boolean(
        "Refers Customers",
        compute="_compute_jiancai_is_referrer",
        store=True,
        help="Designers and decoration companies: they may be named on a referral.",
    )
    jiancai_designer_company = fields.Char(
        "Design Company", help="Studio or company the designer works for, when not a contact."
    )
    jiancai_specialty = fields.Char("Specialty", help="e.g. villas, old-flat renovation, kitchens")
    jiancai_style = fields.Selection(
        [
            ("modern", "Modern"),
            ("minimalist", "Minimalist"),
            ("chinese", "New Chinese"),
            ("nordic", "Nordic"),
            ("luxury", "Light Luxury"),
            ("european", "European"),
            ("other", "Other"),
        ],
        "Design Style",
    )
    jiancai_designer_level = fields.Selection(
        [("a", "A: key partner"), ("b", "B: regular"), ("c", "C: occasional")],
        "Partner Level",
    )
    jiancai_preferences = fields.Text(
        "Hobbies and Preferences", help="What helps the salesperson keep the relation."
    )
    jiancai_referral_ids = fields.One2many("jiancai.referral", "referrer_id", "Referrals")
    jiancai_referral_count = fields.Integer(compute="_compute_jiancai_referral_count")
    jiancai_visit_ids = fields.One2many("jiancai.designer.visit", "partner_id", "Visits")
    jiancai_visit_count = fields.Integer("Visit Count", compute="_compute_jiancai_visit_count")
    jiancai_last_visit = fields.Datetime("Last Visit", compute="_compute_jiancai_visit_count")

    @api.depends("jiancai_partner_role")
    def _compute_jiancai_is_referrer(self):
        for partner in self:
            partner.jiancai_is_referrer = partner.jiancai_partner_role in ("designer", "decorator")

    def _compute_jiancai_referral_count(self):
        counts = dict(
            self.env["jiancai.referral"]._read_group(
                [("referrer_id", "in", self.ids)], ["referrer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.jiancai_referral_count = counts.get(partner, 0)

    @api.depends_context("uid")
    def _compute_jiancai_visit_count(self):
        # counts what the user may see: a salesperson their own visits, a manager the store's
        Visit = self.env["jiancai.designer.visit"]
        stats = {}
        if Visit.has_access("read"):
            stats = {
                partner: (count, last)
                for partner, count, last in Visit._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count", "check_in:max"]
                )
            }
        for partner in self:
            count, last = stats.get(partner, (0, False))
            partner.jiancai_visit_count = count
            partner.jiancai_last_visit = last

    def action_view_jiancai_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jiancai_referral.jiancai_designer_visit_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_filter_mine": 0}
        return action

    def action_view_jiancai_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jiancai_referral.jiancai_referral_action"
        )
        action["domain"] = [("referrer_id", "=", self.id)]
        action["context"] = {"default_referrer_id": self.id}
        return action
