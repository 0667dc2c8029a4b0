"""Field photos: check an upload is a real image and read where it was taken."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_EXIF_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME = 0x0132


class PhotoError(ValueError):
    """The upload is not an acceptable photo; the message says why.

    ``code`` (empty, too_big, not_image, format) and ``params`` let callers show the
    reason in the user's language.
    """

    def __init__(self, message: str, code: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class PhotoInfo:
    mimetype: str
    width: int
    height: int
    size: int
    latitude: float | None = None
    longitude: float | None = None
    taken_at: datetime | None = None

    @property
    def has_gps(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _to_float(value) -> float:
    # PIL gives IFDRational or (num, den) tuples depending on the file
    if isinstance(value, tuple):
        num, den = value
        return float(num) / float(den) if den else 0.0
    return float(value)


def dms_to_degrees(dms, ref: str) -> float:
    """(degrees, minutes, seconds) + N/S/E/W to signed decimal degrees."""
    degrees, minutes, seconds = (_to_float(v) for v in dms)
    value = degrees + minutes / 60.0 + seconds / 3600.0
    return -value if (ref or "").upper() in ("S", "W") else value


def gps_from_exif_gps(gps: dict) -> tuple[float, float] | None:
    """Latitude/longitude from an EXIF GPS IFD ({1: 'N', 2: (d, m, s), 3: 'E', 4: ...})."""
    try:
        lat = dms_to_degrees(gps[2], gps.get(1, "N"))
        lng = dms_to_degrees(gps[4], gps.get(3, "E"))
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180) or (lat == 0 and lng == 0):
        return None
    return lat, lng


# a camera clock outside these years is unset or corrupt (0001:01:01, 9999:...): the shot
# time is then unknown. Year 1 or 9999 would also overflow when moved to UTC.
EXIF_YEARS = (1990, 2100)


def _taken_at(exif) -> datetime | None:
    raw = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not raw:
        return None
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    try:
        taken = datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return taken if EXIF_YEARS[0] <= taken.year < EXIF_YEARS[1] else None


# Odoo refuses to resize images above 50 megapixels (odoo.tools.image)
MAX_PIXELS = 50_000_000


def inspect_photo(data: bytes, max_bytes: int, max_pixels: int = MAX_PIXELS) -> PhotoInfo:
    """Validate an uploaded photo and read its EXIF position and time when present.

    ``taken_at`` is the camera's wall-clock time, naive, as EXIF stores it.
    """
    if not data:
        raise PhotoError("The file is empty.", "empty")
    if len(data) > max_bytes:
        raise PhotoError(
            f"The photo is {len(data) / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:g} MB. Take it again at a lower resolution.",
            "too_big",
            size_mb=round(len(data) / 1048576, 1),
            limit_mb=max_bytes / 1048576,
        )
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            width, height = img.size
            img.verify()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,  # not an OSError: a tiny file claiming huge dimensions
    ) as exc:
        raise PhotoError("This file is not a photo (JPEG, PNG or WebP).", "not_image") from exc
    if width * height > max_pixels:
        raise PhotoError(
            f"The photo has {width * height / 1e6:.0f} megapixels; the limit is "
            f"{max_pixels / 1e6:.0f}. Take it again at a lower resolution.",
            "too_many_pixels",
            megapixels=round(width * height / 1e6),
            limit=round(max_pixels / 1e6),
        )
    if fmt not in ALLOWED_FORMATS:
        raise PhotoError(
            f"{fmt} images are not accepted: send a JPEG, PNG or WebP photo.", "format", fmt=fmt
        )
    lat = lng = taken = None
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        position = gps_from_exif_gps(dict(exif.get_ifd(_EXIF_GPS_IFD)))
        if position:
            lat, lng = position
        taken = _taken_at(exif)
    return PhotoInfo(
        mimetype=ALLOWED_FORMATS[fmt],
        width=width,
        height=height,
        size=len(data),
        latitude=lat,
        longitude=lng,
        taken_at=taken,
    )
