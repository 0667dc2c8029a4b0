from odoo import api, fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "jiancai.credit.level.mixin"]
    _jiancai_credit_limit_field = "credit_limit"

    jiancai_credit_prepay = fields.Boolean(
        "Prepay",
        tracking=True,
        help="Orders of this customer are confirmed and shipped only once paid in full.",
    )
    jiancai_store_id = fields.Many2one(
        "crm.team",
        "Store",
        index="btree_not_null",
        tracking=True,
        domain="[('jiancai_is_store', '=', True)]",
        help="The store this customer buys from: its credit counts in the store's limit.",
    )
    jiancai_credit_check_count = fields.Integer(
        "Credit Checks", readonly=True, copy=False, groups="base.group_system"
    )
    jiancai_credit_approval_ids = fields.One2many(
        "jiancai.credit.approval", "partner_id", string="Credit Approvals"
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["jiancai_credit_prepay", "jiancai_store_id"]

    def _jiancai_credit_kind(self):
        return "customer"

    def _jiancai_credit_limit_value(self):
        limit = self.commercial_partner_id.sudo().credit_limit
        return limit if limit and limit > 0 else None

    @api.depends_context("company")
    def _compute_jiancai_exposure(self):
        # the exposure belongs to the commercial partner
        commercial = self.commercial_partner_id.filtered("id")
        result = super(ResPartner, commercial)._compute_jiancai_exposure()
        for partner in self - commercial:
            source = partner.commercial_partner_id
            for name in self.env["jiancai.credit.level.mixin"]._fields:
                if name.startswith("jiancai_"):
                    partner[name] = source[name]
        return result
