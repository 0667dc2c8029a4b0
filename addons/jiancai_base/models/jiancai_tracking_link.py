import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, consteq


class JiancaiTrackingLink(models.Model):
    """A public link to one record, for someone who has no login.

    The secret is the ``access_token`` of :class:`portal.mixin`; the page behind the link
    is drawn by the record itself (see ``jiancai.trackable.mixin``). A link can expire and
    can be revoked; each opening is counted.
    """

    _name = "jiancai.tracking.link"
    _description = "Tracking Link"
    _inherit = ["portal.mixin", "jiancai.document.mixin"]
    _order = "id desc"

    res_model = fields.Char(required=True)
    res_id = fields.Many2oneReference(required=True)
    partner_id = fields.Many2one(
        "res.partner",
        "For",
        index="btree_not_null",
        help="The person the link was made for (customer, designer, distributor).",
    )
    expires_at = fields.Datetime("Expires On")
    active = fields.Boolean(default=True)
    view_count = fields.Integer("Views", readonly=True)
    last_viewed_at = fields.Datetime("Last Viewed", readonly=True)
    url = fields.Char("Link", compute="_compute_url")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _record_idx = models.Index("(res_model, res_id)")

    def _compute_access_url(self):
        for link in self:
            link.access_url = f"/jc/t/{link.id}"

    def _compute_url(self):
        for link in self:
            link.url = link.get_base_url() + link.get_portal_url() if link.id else False

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_document_access(vals.get("res_model"), vals.get("res_id"))
        links = super().create(vals_list)
        for link in links:
            link._portal_ensure_token()
        return links

    def write(self, vals):
        if {"res_model", "res_id"} & set(vals) and not self.env.su:
            raise UserError(self.env._("A link cannot be moved to another document."))
        return super().write(vals)

    @api.model
    def _check_document_access(self, res_model, res_id):
        """Only someone who may read a document may publish it."""
        if not res_model or res_model not in self.env:
            raise UserError(self.env._("Links cannot be made to %(model)s.", model=res_model))
        self.env[res_model].browse(res_id).check_access("read")

    def _is_valid(self, token):
        """True when ``token`` opens this link now: same token, active, not expired."""
        self.ensure_one()
        return bool(
            self.active
            and token
            and self.access_token
            and consteq(self.access_token.encode(), str(token).encode())
            and (not self.expires_at or self.expires_at > fields.Datetime.now())
        )

    def _register_view(self):
        """Count an opening; concurrent openings add up and never block the page."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """UPDATE jiancai_tracking_link
                      SET view_count = COALESCE(view_count, 0) + 1, last_viewed_at = %s
                    WHERE id = %s""",
                fields.Datetime.now(),
                self.id,
            )
        )
        self.invalidate_recordset(["view_count", "last_viewed_at"])

    def action_revoke(self):
        # a new secret: the leaked one never works again, even if the link is extended
        for link in self:
            link.write({"active": False, "access_token": str(uuid.uuid4())})

    def action_extend(self):
        days = int(
            self.env["ir.config_parameter"].sudo().get_param("jiancai_base.tracking_link_days", 30)
        )
        self.write({"active": True, "expires_at": fields.Datetime.now() + timedelta(days=days)})

    def action_open(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self.url, "target": "new"}
