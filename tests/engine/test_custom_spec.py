"""Sizes of made-to-measure goods: whole millimetres, typed by people, bounded."""

import io
import math

import pytest
from jiancai_addons.jiancai_base.engine.drawing import DrawingError, drawing_mimetype
from jiancai_addons.jiancai_custom.engine.spec import (
    SizeError,
    Spec,
    missing_parts,
    parse_size,
    sizes_text,
)
from PIL import Image


def code_of(value):
    with pytest.raises(SizeError) as caught:
        parse_size(value)
    return caught.value.code


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("800", 800),
        (" 460 ", 460),
        ("３００", 300),
        ("850mm", 850),
        (6000, 6000),
        (1, 1),
        (12.0, 12),
    ],
)
def test_accepted(value, expected):
    assert parse_size(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0", "too_small"),
        (0, "too_small"),
        ("-5", "not_number"),
        (-5, "too_small"),
        ("nan", "not_number"),
        (math.nan, "not_number"),
        (math.inf, "not_number"),
        ("inf", "not_number"),
        ("1e4", "not_number"),
        ("٣٠٠", "not_number"),
        ("३००", "not_number"),
        ("1_000", "not_number"),
        ("80.5", "not_number"),
        (80.5, "not_number"),
        ("6001", "too_large"),
        (10**12, "too_large"),
        ("9" * 40, "not_number"),
        ("", "empty"),
        ("  ", "empty"),
        (None, "empty"),
        (True, "empty"),
    ],
)
def test_refused(value, code):
    assert code_of(value) == code


def test_missing_and_text():
    spec = Spec(width=800, height=850, depth=460, finish="白色烤漆")
    assert missing_parts(spec) == []
    assert sizes_text(spec) == "800×460×850 mm"
    partial = Spec(width=800, height=None, depth=None, finish="  ")
    assert missing_parts(partial) == ["depth", "height", "finish"]
    assert sizes_text(partial) == "800×?×? mm"
    assert sizes_text(Spec(None, None, None, None)) == ""


def test_drawings_by_content():
    pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    assert drawing_mimetype(pdf) == "application/pdf"
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, "PNG")
    assert drawing_mimetype(out.getvalue()) == "image/png"
    for data, code in [
        (b"", "empty"),
        (b"MZ\x90\x00 exe", "not_drawing"),
        (b"%PDF-1.7 cut", "not_drawing"),
        (b"x" * 101, "too_big"),
    ]:
        with pytest.raises(DrawingError) as caught:
            drawing_mimetype(data, max_bytes=100)
        assert caught.value.code == code
