from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.keys import PhoneError, phone_key


class JiancaiStoreVisit(models.Model):
    """A customer came to the store: the proof of the 'store visit' milestone."""

    _name = "jiancai.store.visit"
    _description = "Store Visit"
    _inherit = ["mail.thread"]
    _order = "visit_at desc, id desc"

    partner_id = fields.Many2one("res.partner", "Customer", index="btree_not_null")
    customer_phone = fields.Char(help="The customer's phone when no contact exists yet.")
    phone_key = fields.Char(compute="_compute_phone_key", store=True, index=True)
    team_id = fields.Many2one(
        "crm.team",
        "Store",
        required=True,
        domain="[('jiancai_is_store', '=', True)]",
        default=lambda self: self.env.user.sale_team_id,
    )
    user_id = fields.Many2one("res.users", "Received By", default=lambda self: self.env.user)
    visit_at = fields.Datetime("Visited On", required=True, default=fields.Datetime.now)
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.depends("customer_phone", "partner_id.phone")
    def _compute_phone_key(self):
        for visit in self:
            try:
                visit.phone_key = phone_key(visit.customer_phone or visit.partner_id.phone)
            except PhoneError:
                visit.phone_key = False

    @api.constrains("partner_id", "customer_phone")
    def _check_customer(self):
        for visit in self:
            if not visit.partner_id and not visit.phone_key:
                raise ValidationError(
                    self.env._("Choose the customer or enter their full phone number.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        Referral = self.env["jiancai.referral"].sudo()
        for visit in visits:
            partner = visit.partner_id
            if not partner and visit.phone_key:
                partner = Referral.search(
                    [("phone_key", "=", visit.phone_key), ("state", "in", ("verified", "won"))],
                    limit=1,
                ).partner_id
            Referral._jiancai_referral_event(partner, "store_visit", record=visit)
        return visits
