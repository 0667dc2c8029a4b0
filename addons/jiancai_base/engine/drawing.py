"""A drawing (a technician's upload, a made-to-measure order's plan for the factory): the file
must be what it claims."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 20 * 1024 * 1024
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
DWG_VERSIONS = (b"AC1015", b"AC1018", b"AC1021", b"AC1024", b"AC1027", b"AC1032")


class DrawingError(ValueError):
    """Not an acceptable drawing; ``code`` is one of: empty, too_big, not_drawing."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def drawing_mimetype(data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The MIME type of a drawing read from its content (never from its name): a PDF, a
    photo of a sketch (PNG, JPEG, WebP) or an AutoCAD DWG (2000 or later)."""
    if not data:
        raise DrawingError("empty")
    if len(data) > max_bytes:
        raise DrawingError("too_big")
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]:
        return "application/pdf"
    if data[:6] in DWG_VERSIONS:
        return "image/vnd.dwg"
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise DrawingError("not_drawing") from None
    if fmt not in IMAGE_TYPES:
        raise DrawingError("not_drawing")
    return IMAGE_TYPES[fmt]
