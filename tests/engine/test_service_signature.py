"""The signature pad's data URL: PNG only, bounded, not blank."""

import base64
import io

import pytest
from jiancai_addons.jiancai_service.engine.signature import (
    MAX_BYTES,
    SignatureError,
    parse_signature,
)
from PIL import Image, ImageDraw


def png(size=(600, 200), stroke=True, mode="RGBA", fmt="PNG"):
    img = Image.new(mode, size, (0, 0, 0, 0) if mode == "RGBA" else "white")
    if stroke:
        ImageDraw.Draw(img).line(
            [(40, 150), (200, 40), (380, 160), (560, 50)], fill="black", width=4
        )
    out = io.BytesIO()
    img.save(out, fmt)
    return out.getvalue()


def url(data, prefix="data:image/png;base64,"):
    return prefix + base64.b64encode(data).decode()


def code_of(value, **kw):
    with pytest.raises(SignatureError) as caught:
        parse_signature(value, **kw)
    return caught.value.code


def test_a_drawn_signature_is_kept_as_png():
    data = png()
    assert parse_signature(url(data)) == data


def test_white_paper_signature_counts_too():
    assert parse_signature(url(png(mode="RGB")))


@pytest.mark.parametrize("value", [None, "", 42])
def test_nothing_sent(value):
    assert code_of(value) == "missing"


def test_an_empty_pad_is_not_a_signature():
    assert code_of(url(png(stroke=False))) == "blank"
    assert code_of(url(png(mode="RGB", stroke=False))) == "blank"


def test_a_dot_is_not_a_signature():
    img = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    img.putpixel((10, 10), (0, 0, 0, 255))
    out = io.BytesIO()
    img.save(out, "PNG")
    assert code_of(url(out.getvalue())) == "blank"


def test_a_jpeg_calling_itself_png_is_refused():
    assert code_of(url(png(mode="RGB", fmt="JPEG"))) == "not_png"


@pytest.mark.parametrize(
    "value",
    [
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:image/png;base64,not base64 at all!",
        "data:image/png;base64," + base64.b64encode(b"%PDF-1.4 fake").decode(),
        "javascript:alert(1)",
    ],
)
def test_what_is_not_a_png_is_refused(value):
    assert code_of(value) == "not_png"


def test_too_big_in_bytes_or_pixels():
    assert code_of(url(png()), max_bytes=100) == "too_big"
    assert code_of("data:image/png;base64," + "A" * (MAX_BYTES * 2)) == "too_big"
    assert code_of(url(png(size=(4000, 100)))) == "too_big"
