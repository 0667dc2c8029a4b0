from odoo import fields, models
from odoo.exceptions import UserError


class CrmLead(models.Model):
    _inherit = "crm.lead"

    jiancai_home_id = fields.Many2one(
        "jiancai.home",
        "Home",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The customer's home file of this lead's flat.",
    )

    def action_jiancai_home(self):
        """Open the home file of the lead's flat, starting it when there is none yet."""
        self.ensure_one()
        home = self.jiancai_home_id or self._jiancai_find_or_start_home()
        return {
            "type": "ir.actions.act_window",
            "res_model": "jiancai.home",
            "res_id": home.id,
            "view_mode": "form",
        }

    def _jiancai_find_or_start_home(self):
        if not self.partner_id:
            raise UserError(
                self.env._("Link the lead to its customer first: a home file is a customer's.")
            )
        if not self.jiancai_room_key_ready():
            raise UserError(
                self.env._("Fill in the community and the flat's number of the lead first.")
            )
        Home = self.env["jiancai.home"]
        key = Home.new(
            {
                "community": self.jiancai_community,
                "building": self.jiancai_building,
                "unit": self.jiancai_unit,
                "room": self.jiancai_room,
            }
        ).property_key
        # sudo: the flat may be on file with a store this guide does not see
        existing = Home.sudo().search(
            [
                ("property_key", "=", key),
                ("company_id", "=", self.company_id.id or self.env.company.id),
            ],
            limit=1,
        )
        customer = self.partner_id.commercial_partner_id
        if existing:
            if existing.partner_id.commercial_partner_id != customer:
                # who owns it is not the guide's to learn
                raise UserError(
                    self.env._(
                        "This flat is already on file for another customer; customer service "
                        "can check it."
                    )
                )
            home = existing.with_env(self.env)
            if not home.has_access("read"):
                raise UserError(
                    self.env._(
                        "This customer's flat is on file with another store; ask its store "
                        "manager to share it."
                    )
                )
        else:
            team = self.team_id if self.team_id.jiancai_is_store else self.env["crm.team"]
            home = Home.create(
                {
                    "partner_id": self.partner_id.id,
                    "community": self.jiancai_community,
                    "building": self.jiancai_building,
                    "unit": self.jiancai_unit,
                    "room": self.jiancai_room,
                    "store_id": team.id,
                }
            )
        self.sudo().jiancai_home_id = home
        return home

    def jiancai_room_key_ready(self):
        self.ensure_one()
        return bool((self.jiancai_community or "").strip() and (self.jiancai_room or "").strip())
