"""The customer's signature drawn on the technician's phone: a PNG data URL, checked."""

from __future__ import annotations

import base64
import binascii
import io

from PIL import Image, ImageChops, UnidentifiedImageError

PREFIX = "data:image/png;base64,"
MAX_BYTES = 512 * 1024
MAX_SIDE = 2000
# a signature covers at least this share of the pad's pixels (a dot or a tap is not one)
MIN_INK = 0.002


class SignatureError(ValueError):
    """Not a usable signature; ``code`` is one of: missing, not_png, too_big, blank."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_signature(value: str | None, max_bytes: int = MAX_BYTES) -> bytes:
    """The PNG bytes of a signature pad's data URL, or :class:`SignatureError`.

    Refused: nothing sent, another type than PNG (whatever the data URL claims), more than
    ``max_bytes`` or ``MAX_SIDE`` pixels a side, and a pad left (almost) empty.
    """
    if not value or not isinstance(value, str):
        raise SignatureError("missing")
    if not value.startswith(PREFIX):
        raise SignatureError("not_png")
    encoded = value[len(PREFIX) :]
    if len(encoded) > (max_bytes * 4) // 3 + 4:
        raise SignatureError("too_big")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("not_png") from exc
    if len(data) > max_bytes:
        raise SignatureError("too_big")
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != "PNG":
                raise SignatureError("not_png")
            width, height = img.size
            if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
                raise SignatureError("too_big")
            img.load()
            ink = _ink_share(img)
    except SignatureError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise SignatureError("not_png") from exc
    if ink < MIN_INK:
        raise SignatureError("blank")
    return data


def _ink_share(img: Image.Image) -> float:
    """Share of pixels that carry ink: opaque and darker than the paper."""
    rgba = img.convert("RGBA")
    opaque = rgba.getchannel("A").point(lambda a: 255 if a > 64 else 0)
    dark = rgba.convert("L").point(lambda g: 255 if g < 160 else 0)
    inked = ImageChops.multiply(opaque, dark).histogram()[255]
    return inked / (rgba.width * rgba.height)
