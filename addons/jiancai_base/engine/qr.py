"""QR codes for record URLs, as PNG bytes or SVG text."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

MAX_QR_TEXT = 1200  # bytes; beyond that a phone camera struggles to read the code


def _make(text: str, box_size: int, border: int) -> qrcode.QRCode:
    if not text:
        raise ValueError("Nothing to encode in the QR code.")
    if len(text.encode()) > MAX_QR_TEXT:
        raise ValueError(f"QR content is longer than {MAX_QR_TEXT} bytes.")
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(text)
    code.make(fit=True)
    return code


def qr_png(text: str, box_size: int = 8, border: int = 2) -> bytes:
    img = _make(text, box_size, border).make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(text: str, box_size: int = 10, border: int = 2) -> str:
    img = _make(text, box_size, border).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return img.to_string(encoding="unicode")
