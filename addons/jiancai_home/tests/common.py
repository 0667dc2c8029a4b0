from odoo import Command

from odoo.addons.jiancai_base.tests.common import JiancaiCase


class HomeCase(JiancaiCase):
    """A homeowner with a portal login, a floor tile sold in boxes of 1.44 m², a home."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_user = cls.portal_user
        cls.owner = cls.owner_user.partner_id
        cls.owner.name = "何志明 (test)"
        cls.m2 = cls.env.ref("uom.product_uom_square_meter", raise_if_not_found=False)
        tile_vals = {
            "name": "Test Floor Tile 600x600",
            "type": "consu",
            "list_price": 80.0,
            "jiancai_sqm_per_box": 1.44,
            "jiancai_pieces_per_box": 4,
            "taxes_id": [Command.clear()],
        }
        if cls.m2:
            tile_vals["uom_id"] = cls.m2.id
        cls.tile = cls.env["product.product"].create(tile_vals)
        cls.home = cls.env["jiancai.home"].create(
            {
                "partner_id": cls.owner.id,
                "store_id": cls.store.id,
                "community": "翠湖测试花园",
                "building": "12栋",
                "unit": "2单元",
                "room": "1501室",
                "room_ids": [
                    Command.create(
                        {
                            "name": "Bathroom",
                            "kind": "bathroom",
                            "length_m": 2.4,
                            "width_m": 1.8,
                            "height_m": 2.6,
                            "openings_m2": 2.16,
                            "floor_pattern": "diagonal",
                        }
                    ),
                    Command.create(
                        {"name": "Living room", "kind": "living", "length_m": 7.6, "width_m": 4.2}
                    ),
                ],
            }
        )
