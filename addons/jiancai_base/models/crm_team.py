from odoo import api, fields, models


class CrmTeam(models.Model):
    """A store (门店) is a sales team with a showroom address and a warehouse.

    Stores take field photos (showroom displays) and can be rated by visitors through a
    tracking link ("how was your visit?").

    Sale orders, credit and reports already carry ``team_id``: making the store a sales
    team means every document that has a team has a store, with no parallel model.
    The team leader (``user_id``) is the store manager.
    """

    _name = "crm.team"
    # rating.mixin first: it brings mail.thread, which crm.team already has
    _inherit = [
        "rating.mixin",
        "crm.team",
        "jiancai.trackable.mixin",
        "jiancai.photo.mixin",
        "jiancai.qr.mixin",
    ]

    _jiancai_tracking_rating = True

    jiancai_is_store = fields.Boolean(
        "Is a Store", help="A physical store or showroom, as opposed to e.g. an online team."
    )
    jiancai_store_code = fields.Char("Store Code", help="Short code printed on documents.")
    jiancai_region_id = fields.Many2one(
        "jiancai.region", "Region", index="btree_not_null", ondelete="restrict"
    )
    jiancai_warehouse_id = fields.Many2one(
        "stock.warehouse", "Store Warehouse", check_company=True, ondelete="restrict"
    )
    jiancai_address_id = fields.Many2one(
        "res.partner",
        "Store Address",
        help="Showroom address, phone and map position (geolocated).",
    )
    jiancai_phone = fields.Char("Store Phone", related="jiancai_address_id.phone", readonly=False)
    jiancai_opening_hours = fields.Char("Opening Hours", translate=True)

    _jiancai_store_code_uniq = models.Constraint(
        "UNIQUE(company_id, jiancai_store_code)", "Two stores cannot share a store code."
    )

    @api.onchange("jiancai_is_store")
    def _onchange_jiancai_is_store(self):
        if self.jiancai_is_store and not self.company_id:
            self.company_id = self.env.company

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a store has stock, so it belongs to a company
            if vals.get("jiancai_is_store") and not vals.get("company_id"):
                vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def _jiancai_tracking_values(self, link):
        values = super()._jiancai_tracking_values(link)
        values["rows"] = [
            (self.env._("Address"), self._jiancai_address_text()),
            (self.env._("Phone"), self.jiancai_phone or ""),
            (self.env._("Opening hours"), self.jiancai_opening_hours or ""),
            (self.env._("Store manager"), self.user_id.name or ""),
        ]
        return values

    def _jiancai_address_text(self):
        address = self.jiancai_address_id
        if not address:
            return ""
        lines = address._display_address(without_company=True).splitlines()
        return "\n".join(line.strip() for line in lines if line.strip())

    @api.model
    def _jiancai_stores_of_user(self, user=None):
        """Every store a user works in, as leader or member; their own sales team first.

        Read with sudo (a salesperson may not read every team), returned in the caller's
        environment.
        """
        user = (user or self.env.user).sudo()
        stores = self.sudo().search(
            [
                ("jiancai_is_store", "=", True),
                "|",
                ("user_id", "=", user.id),
                ("member_ids", "in", user.ids),
            ]
        )
        own = stores.filtered(lambda team: team == user.sale_team_id)
        return (own | stores).with_env(self.env)

    @api.model
    def _jiancai_store_of_user(self, user=None):
        """The store a user works in: their own sales team if it is a store, else the first."""
        return self._jiancai_stores_of_user(user)[:1]
