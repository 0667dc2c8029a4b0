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

    def action_view_jiancai_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jiancai_referral.jiancai_referral_action"
        )
        action["domain"] = [("referrer_id", "=", self.id)]
        action["context"] = {"default_referrer_id": self.id}
        return action
