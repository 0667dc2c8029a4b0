from odoo import api, fields, models
from odoo.exceptions import UserError


class JiancaiCrmSms(models.TransientModel):
    """Send a lead an SMS from an approved template (brand and product information)."""

    _name = "jiancai.crm.sms"
    _description = "Lead SMS"

    lead_id = fields.Many2one("crm.lead", required=True)
    template_id = fields.Many2one(
        "jiancai.sms.template",
        required=True,
        domain="[('code', '=like', 'crm_%')]",
        default=lambda self: self.env.ref("jiancai_crm.sms_template_crm_intro", False),
    )
    product = fields.Char(default=lambda self: self.env._("tiles and sanitary ware"))
    preview = fields.Text(compute="_compute_preview")

    def _params(self):
        self.ensure_one()
        lead = self.lead_id
        store = lead.team_id
        return {
            "name": lead.contact_name or lead.partner_id.name or "",
            "brand": (store.company_id or self.env.company).name,
            "product": self.product or "",
            "store": store.name or "",
            "phone": store.jiancai_phone or "",
        }

    @api.depends("template_id", "product", "lead_id")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = (
                wizard.template_id._render_preview(wizard._params()) if wizard.template_id else ""
            )

    def action_send(self):
        self.ensure_one()
        lead = self.lead_id
        lead.check_access("write")
        if not lead.jiancai_phone_key:
            raise UserError(self.env._("The lead has no valid phone number."))
        if not lead.partner_id:
            # Odoo's own conversion: the lead's contact becomes a customer
            lead._handle_partner_assignment(create_missing=True)
            lead.partner_id.sudo().write({"jiancai_community": lead.jiancai_community})
        log = self.env["jiancai.notification"].notify(
            lead.partner_id,
            self.template_id.name,
            self.preview,
            record=lead,
            channels=("sms",),
            sms_template=self.template_id,
            sms_params=self._params(),
        )
        failed = log.filtered(lambda n: n.state == "failed")
        if failed:
            raise UserError(failed[0].last_error)
        lead.message_post(body=self.env._("SMS queued: %(text)s", text=self.preview))
        return {"type": "ir.actions.act_window_close"}
