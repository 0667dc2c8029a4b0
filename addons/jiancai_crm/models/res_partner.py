from odoo import api, fields, models

from odoo.addons.jiancai_referral.engine.keys import PhoneError, community_key, phone_key


class ResPartner(models.Model):
    _inherit = "res.partner"

    jiancai_community = fields.Char("Community", help="小区 the customer's home is in.")
    jiancai_community_key = fields.Char(
        "Community Key",
        compute="_compute_jiancai_community_key",
        store=True,
        precompute=True,
        index=True,
    )
    jiancai_phone_key = fields.Char(
        "Normalised Phone",
        compute="_compute_jiancai_phone_key",
        store=True,
        precompute=True,
        index=True,
        help="The phone in its canonical form (13812345678): what leads are deduplicated on.",
    )

    @api.depends("jiancai_community")
    def _compute_jiancai_community_key(self):
        for partner in self:
            partner.jiancai_community_key = community_key(partner.jiancai_community) or False

    @api.depends("phone")
    def _compute_jiancai_phone_key(self):
        for partner in self:
            try:
                partner.jiancai_phone_key = phone_key(partner.phone)
            except PhoneError:
                partner.jiancai_phone_key = False

    def action_jiancai_same_community(self):
        self.ensure_one()
        return self._jiancai_same_community_action(
            self.jiancai_community_key, self.jiancai_community, exclude_partner=self
        )

    @api.model
    def _jiancai_same_community_action(self, key, label, exclude_partner=None):
        wizard = self.env["jiancai.crm.community"].create(
            self.env["jiancai.crm.community"]._values_for(key, label, exclude_partner)
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Same community"),
            "res_model": "jiancai.crm.community",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }
