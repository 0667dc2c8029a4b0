from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # who referred the customer is the referral verifiers' to know (a technician or customer
    # service must not learn it): the field is theirs only
    jiancai_referral_id = fields.Many2one(
        "jiancai.referral",
        "Referral",
        compute="_compute_jiancai_referral_id",
        groups="jiancai_referral.group_referral_verifier",
        help="The verified (or won) referral of this customer.",
    )

    def _compute_jiancai_referral_id(self):
        Referral = self.env["jiancai.referral"].sudo()
        for ticket in self:
            partner = ticket.partner_id
            ticket.jiancai_referral_id = (
                Referral.search(
                    [
                        ("partner_id", "in", partner.commercial_partner_id.ids + partner.ids),
                        ("state", "in", ("verified", "won")),
                    ],
                    limit=1,
                )
                if partner
                else Referral
            )

    def _jiancai_gate_service_referral_installed(self, gate):
        """Listener of the close checkpoint: a completed installation is the referral's
        *Installed* milestone (the designer sees it; added once)."""
        Referral = self.env["jiancai.referral"].sudo()
        for ticket in self.filtered(lambda t: t.jiancai_kind == "installation"):
            Referral._jiancai_referral_event(ticket.partner_id, "installed", record=ticket)
