from odoo import api, fields, models
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

    jiancai_last_latitude = fields.Float("Last Latitude", digits=(10, 7), readonly=True)
    jiancai_last_longitude = fields.Float("Last Longitude", digits=(10, 7), readonly=True)
    jiancai_last_position_at = fields.Datetime("Last Position On", readonly=True)
    jiancai_driver_busy = fields.Boolean(
        "On a Trip",
        compute="_compute_jiancai_driver_busy",
        search="_search_jiancai_driver_busy",
        help="The driver has a departed trip (on the road).",
    )
    jiancai_current_trip_id = fields.Many2one(
        "stock.picking.batch", "Current Trip", compute="_compute_jiancai_driver_busy"
    )
    jiancai_last_map_url = fields.Char("Map", compute="_compute_jiancai_last_map_url")

    def _jiancai_departed_trips(self, everyone=False):
        """(driver, id of the last departed trip) for the drivers in ``self``, or all."""
        drivers = Domain.TRUE if everyone else Domain("jiancai_driver_user_id", "in", self.ids)
        return (
            self.env["stock.picking.batch"]
            .sudo()
            ._read_group(
                drivers
                & Domain("jiancai_trip_state", "=", "departed")
                & Domain("jiancai_driver_user_id", "!=", False),
                ["jiancai_driver_user_id"],
                ["id:max"],
            )
        )

    def _compute_jiancai_driver_busy(self):
        trips = {user.id: trip_id for user, trip_id in self._jiancai_departed_trips()}
        Trip = self.env["stock.picking.batch"]
        for user in self:
            user.jiancai_driver_busy = user.id in trips
            user.jiancai_current_trip_id = Trip.browse(trips.get(user.id))

    def _search_jiancai_driver_busy(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        busy = [user.id for user, _trip in self.browse()._jiancai_departed_trips(everyone=True)]
        positive = (operator == "in") == (True in value)
        return Domain("id", "in" if positive else "not in", busy)

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
