from odoo import api, fields, models
from odoo.exceptions import ValidationError


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    jiancai_home_id = fields.Many2one(
        "jiancai.home",
        "Home",
        index="btree_not_null",
        compute="_compute_jiancai_home_id",
        store=True,
        readonly=False,
        domain="[('partner_id', 'child_of', jiancai_commercial_partner_id)]",
        help="The customer's home the visit is for (its rooms are measured on a "
        "measurement visit).",
    )
    jiancai_commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")

    @api.depends("partner_id")
    def _compute_jiancai_home_id(self):
        Home = self.env["jiancai.home"].sudo()
        for ticket in self:
            partner = ticket.partner_id.commercial_partner_id
            if ticket.jiancai_home_id and (
                ticket.jiancai_home_id.partner_id.commercial_partner_id == partner
            ):
                continue
            homes = Home
            if partner:
                homes = Home.search([("partner_id", "child_of", partner.ids)], limit=2)
            # the customer's only home; with two, customer service picks
            ticket.jiancai_home_id = homes if len(homes) == 1 else False

    @api.constrains("jiancai_home_id", "partner_id")
    def _check_jiancai_home(self):
        for ticket in self.filtered("jiancai_home_id"):
            owner = ticket.jiancai_home_id.sudo().partner_id.commercial_partner_id
            if owner != ticket.partner_id.commercial_partner_id:
                raise ValidationError(
                    self.env._(
                        "The home %(home)s is not %(customer)s's.",
                        home=ticket.jiancai_home_id.sudo().display_name,
                        customer=ticket.partner_id.display_name,
                    )
                )

    def _jiancai_gate_service_home_rooms(self, gate):
        """Check of the close checkpoint: a measurement visit ends with the home's rooms
        measured."""
        issues = []
        for ticket in self.filtered(lambda t: t.jiancai_kind == "measurement"):
            home = ticket.jiancai_home_id.sudo()
            if not home:
                issues.append(
                    ticket._jiancai_gate_issue(
                        self.env._("The measurement is not linked to the customer's home."),
                        hint=self.env._(
                            "Customer service links the home on the ticket (or creates it)."
                        ),
                    )
                )
            elif not home.room_ids:
                issues.append(
                    ticket._jiancai_gate_issue(
                        self.env._("No room of %(home)s is measured.", home=home.display_name),
                        hint=self.env._("Add the rooms on the phone, from the job page."),
                        url=f"/jc/home/{home.id}",
                    )
                )
        return issues

    def _jiancai_gate_service_home_measured(self, gate):
        """Listener of the close checkpoint: the home records who measured it and when."""
        measured = self.filtered(lambda t: t.jiancai_kind == "measurement" and t.jiancai_home_id)
        for ticket in measured:
            ticket.jiancai_home_id.sudo().write(
                {
                    "measured_at": fields.Date.context_today(
                        ticket, ticket.jiancai_done_at or fields.Datetime.now()
                    ),
                    "measurer_id": ticket.user_id.id or False,
                }
            )
            ticket.jiancai_home_id.sudo().message_post(
                body=self.env._("Measured on the visit %(ticket)s.", ticket=ticket.display_name),
                subtype_xmlid="mail.mt_note",
            )
