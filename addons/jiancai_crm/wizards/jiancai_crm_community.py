from markupsafe import Markup, escape

from odoo import api, fields, models


class JiancaiCrmCommunity(models.TransientModel):
    """What the dealer did in one community (小区): counts and published case photos.

    Never a name, phone or address of another customer: guides say "we did 12 homes in
    your community" and show the photos the customers agreed to publish.
    """

    _name = "jiancai.crm.community"
    _description = "Same-Community Cases"

    community = fields.Char(readonly=True)
    home_count = fields.Integer("Homes", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    delivery_count = fields.Integer("Deliveries", readonly=True)
    photo_count = fields.Integer("Published Photos", readonly=True)
    photos_html = fields.Html("Case Photos", readonly=True, sanitize=False)

    @api.model
    def _values_for(self, key, label, exclude_partner=None):
        values = {"community": label or "", "photos_html": False}
        if not key:
            return values
        Partner = self.env["res.partner"].sudo()
        homes = Partner.search([("jiancai_community_key", "=", key)])
        customers = (homes.commercial_partner_id | homes) - (exclude_partner or Partner)
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("partner_id", "child_of", customers.ids), ("state", "=", "sale")])
            if customers
            else self.env["sale.order"]
        )
        pickings = (
            self.env["stock.picking"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", customers.ids),
                    ("picking_type_code", "=", "outgoing"),
                    ("state", "=", "done"),
                ]
            )
            if customers
            else self.env["stock.picking"]
        )
        photos = self.env["jiancai.field.photo"].sudo().search(
            [
                ("jiancai_case_published", "=", True),
                "|",
                "&", ("res_model", "=", "stock.picking"), ("res_id", "in", pickings.ids or [0]),
                "&", ("res_model", "=", "sale.order"), ("res_id", "in", orders.ids or [0]),
            ],
            limit=12,
        )  # fmt: skip
        html = Markup("").join(
            Markup(
                '<img src="/web/image/jiancai.field.photo/%s/image/256x256" '
                'class="img-thumbnail me-2 mb-2" alt="%s" style="width: 128px"/>'
            )
            % (photo.id, escape(label or ""))
            for photo in photos
        )
        values.update(
            home_count=len(
                orders.partner_id.commercial_partner_id | pickings.partner_id.commercial_partner_id
            ),
            order_count=len(orders),
            delivery_count=len(pickings),
            photo_count=len(photos),
            photos_html=html or False,
        )
        return values
