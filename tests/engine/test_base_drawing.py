"""Drawings from the phone are read by their content, not by their name."""

import io

import pytest
from jiancai_addons.jiancai_base.engine.drawing import DrawingError, drawing_mimetype
from PIL import Image

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image(fmt):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, fmt)
    return out.getvalue()


def code_of(data, **kw):
    with pytest.raises(DrawingError) as caught:
        drawing_mimetype(data, **kw)
    return caught.value.code


@pytest.mark.parametrize(
    ("data", "mimetype"),
    [
        (PDF, "application/pdf"),
        (image("PNG"), "image/png"),
        (image("JPEG"), "image/jpeg"),
        (b"AC1032" + bytes(200), "image/vnd.dwg"),
    ],
)
def test_drawings_accepted(data, mimetype):
    assert drawing_mimetype(data) == mimetype


def test_nothing_or_too_much():
    assert code_of(b"") == "empty"
    assert code_of(PDF, max_bytes=10) == "too_big"


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00 a program",  # an .exe renamed .pdf
        b"%PDF-1.7 cut short, no end of file",
        b"<html><script>alert(1)</script></html>",
        image("GIF"),
        b"AC1009" + bytes(20),  # a DWG older than AutoCAD 2000
    ],
)
def test_what_is_not_a_drawing(data):
    assert code_of(data) == "not_drawing"
