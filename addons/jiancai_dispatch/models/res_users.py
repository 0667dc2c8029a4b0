from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    jiancai_last_latitude = fields.Float("Last Latitude", digits=(10, 7), readonly=True)
    jiancai_last_longitude = fields.Float("Last Longitude", digits=(10, 7), readonly=True)
    jiancai_last_position_at = fields.Datetime("Last Position On", readonly=True)
    jiancai_driver_busy = fields.Boolean("On a Trip", compute="_compute_jiancai_driver_busy")
    jiancai_last_map_url = fields.Char("Map", compute="_compute_jiancai_last_map_url")

    def _compute_jiancai_driver_busy(self):
        groups = (
            self.env["stock.picking.batch"]
            .sudo()
            ._read_group(
                [
                    ("jiancai_driver_user_id", "in", self.ids),
                    ("jiancai_trip_state", "=", "departed"),
                ],
                ["jiancai_driver_user_id"],
            )
        )
        busy = {user.id for (user,) in groups}
        for user in self:
            user.jiancai_driver_busy = user.id in busy

    @api.depends("jiancai_last_latitude", "jiancai_last_longitude")
    def _compute_jiancai_last_map_url(self):
        for user in self:
            user.jiancai_last_map_url = (
                "https://www.openstreetmap.org/?mlat=%(lat)s&mlon=%(lng)s#map=16/%(lat)s/%(lng)s"
                % {"lat": user.jiancai_last_latitude, "lng": user.jiancai_last_longitude}
                if user.jiancai_last_position_at
                else False
            )

    def _jiancai_set_position(self, latitude, longitude):
        """Remember where the driver's phone last was (values already validated)."""
        self.sudo().write(
            {
                "jiancai_last_latitude": latitude,
                "jiancai_last_longitude": longitude,
                "jiancai_last_position_at": fields.Datetime.now(),
            }
        )
