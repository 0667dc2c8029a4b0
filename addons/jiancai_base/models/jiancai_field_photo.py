import base64
import logging

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.numbers import NumberError, parse_finite
from ..engine.photo import PhotoError, inspect_photo

_logger = logging.getLogger(__name__)

DEFAULT_MAX_MB = 15
MAX_ACCURACY_M = 100_000


class JiancaiFieldPhoto(models.Model):
    """A photo taken in the field (delivery, measurement, installation, site visit).

    The uploaded file is kept untouched in ``original``; ``image`` is Odoo's resized copy
    for screens. Position comes from the photo's EXIF GPS when the camera wrote it,
    otherwise from the phone browser's location at upload time.
    """

    _name = "jiancai.field.photo"
    _description = "Field Photo"
    _inherit = ["mail.thread", "jiancai.document.mixin"]
    _order = "taken_at desc, id desc"

    name = fields.Char("File Name")
    res_model = fields.Char(required=True)
    res_id = fields.Many2oneReference(required=True)
    image = fields.Image(max_width=1920, max_height=1920, readonly=True)
    original = fields.Binary(attachment=True, readonly=True, copy=False)
    mimetype = fields.Char(readonly=True)
    file_size = fields.Integer("Size (bytes)", readonly=True)
    user_id = fields.Many2one(
        "res.users", "Taken By", default=lambda self: self.env.user, required=True, index=True
    )
    taken_at = fields.Datetime("Taken On", default=fields.Datetime.now, required=True)
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    accuracy = fields.Float("Accuracy (m)", help="As reported by the phone browser.")
    location_source = fields.Selection(
        [("exif", "Photo EXIF GPS"), ("browser", "Phone Browser Location"), ("none", "Unknown")],
        "Location From",
        default="none",
        required=True,
    )
    note = fields.Text()
    map_url = fields.Char("Map", compute="_compute_map_url")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    _record_idx = models.Index("(res_model, res_id)")

    _EVIDENCE_FIELDS = frozenset(
        {
            "res_model", "res_id", "name", "image", "original", "mimetype", "file_size",
            "user_id", "taken_at", "latitude", "longitude", "accuracy", "location_source",
        }
    )  # fmt: skip

    @api.depends("latitude", "longitude", "location_source")
    def _compute_map_url(self):
        for photo in self:
            photo.map_url = (
                f"https://www.openstreetmap.org/?mlat={photo.latitude}&mlon={photo.longitude}"
                f"#map=18/{photo.latitude}/{photo.longitude}"
                if photo.location_source != "none"
                else False
            )

    @api.constrains("latitude", "longitude")
    def _check_position(self):
        for photo in self:
            if not (-90 <= photo.latitude <= 90 and -180 <= photo.longitude <= 180):
                raise ValidationError(
                    self.env._(
                        "%(lat)s, %(lng)s is not a position on Earth.",
                        lat=photo.latitude,
                        lng=photo.longitude,
                    )
                )

    @api.model
    def _max_bytes(self):
        mb = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("jiancai_base.photo_max_mb", DEFAULT_MAX_MB)
        )
        return int(float(mb) * 1048576)

    @api.model
    def _check_target(self, res_model, res_id):
        """The user must be allowed to change the document the photo is for."""
        if not res_model or res_model not in self.env:
            raise ValidationError(
                self.env._("Photos cannot be attached to %(model)s.", model=res_model)
            )
        record = self.env[res_model].browse(res_id).exists()
        if not record:
            raise ValidationError(self.env._("The document this photo is for does not exist."))
        if "jiancai_photo_ids" not in record._fields:
            raise ValidationError(
                self.env._("%(document)s does not take field photos.", document=record._description)
            )
        try:
            record.check_access("write")
        except AccessError as exc:
            raise AccessError(
                self.env._("You may not add photos to %(document)s.", document=record.display_name)
            ) from exc
        return record

    @api.model
    def _prepare_from_upload(
        self, data, filename=None, latitude=None, longitude=None, accuracy=None, note=None
    ):
        """Values for a photo from raw uploaded bytes; raises ValidationError on bad files."""
        try:
            info = inspect_photo(data, self._max_bytes())
        except PhotoError as exc:
            raise ValidationError(self._photo_error_message(exc)) from exc
        vals = {
            "name": filename or "photo",
            "original": base64.b64encode(data),
            "image": base64.b64encode(data),
            "mimetype": info.mimetype,
            "file_size": info.size,
            "note": note or False,
        }
        if info.taken_at:
            # EXIF holds the camera's local time: read it in the photographer's time zone
            tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
            try:
                local = tz.localize(info.taken_at)
                vals["taken_at"] = local.astimezone(pytz.utc).replace(tzinfo=None)
            except (OverflowError, ValueError) as exc:
                # a clock the time zone cannot place: keep the photo, time of upload
                _logger.info("EXIF shot time %s ignored: %s", info.taken_at, exc)
        if info.has_gps:
            vals.update(latitude=info.latitude, longitude=info.longitude, location_source="exif")
        else:
            position = self._browser_position(latitude, longitude, accuracy)
            if position:
                vals.update(position, location_source="browser")
        return vals

    @api.model
    def _browser_position(self, latitude, longitude, accuracy):
        """The phone's position as sent by the page; anything unusable counts as none.

        A photo is never refused for its position: the browser may send nothing,
        garbage or a position off the map, and the photo is still worth keeping.
        """
        try:
            lat = parse_finite(latitude, -90, 90, decimal_comma=False)
            lng = parse_finite(longitude, -180, 180, decimal_comma=False)
            # a fix worse than MAX_ACCURACY_M says nothing about where the photo was taken
            acc = parse_finite(accuracy or 0, None, MAX_ACCURACY_M, decimal_comma=False)
        except NumberError:
            return None
        if lat == 0 and lng == 0:
            return None
        return {"latitude": lat, "longitude": lng, "accuracy": max(acc, 0)}

    @api.model
    def _photo_error_message(self, error):
        """The reason a file was refused, in the user's language."""
        if error.code == "empty":
            return self.env._("The file is empty.")
        if error.code == "too_big":
            return self.env._(
                "The photo is %(size)s MB; the limit is %(limit)s MB. "
                "Take it again at a lower resolution.",
                size=error.params["size_mb"],
                limit="%g" % error.params["limit_mb"],
            )
        if error.code == "too_many_pixels":
            return self.env._(
                "The photo has %(megapixels)s megapixels; the limit is %(limit)s. "
                "Take it again at a lower resolution.",
                megapixels=error.params["megapixels"],
                limit=error.params["limit"],
            )
        if error.code == "format":
            return self.env._(
                "%(format)s images are not accepted: send a JPEG, PNG or WebP photo.",
                format=error.params["fmt"],
            )
        return self.env._("This file is not a photo (JPEG, PNG or WebP).")

    @api.model
    def create_from_upload(self, record, data, **kwargs):
        """Attach an uploaded photo to ``record`` (checks rights and the file)."""
        self._check_target(record._name, record.id)
        vals = self._prepare_from_upload(data, **kwargs)
        vals.update(res_model=record._name, res_id=record.id)
        # photos are created by the server on behalf of a user allowed on the document
        return self.sudo().create(vals).sudo(False)

    def write(self, vals):
        # a photo is evidence: once taken, what it shows and where it belongs stay put
        if set(vals) & self._EVIDENCE_FIELDS and not self.env.su:
            raise UserError(self.env._("Only the note of a field photo can be changed."))
        return super().write(vals)
