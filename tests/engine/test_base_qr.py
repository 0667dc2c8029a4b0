"""QR codes as PNG and SVG.

Decoding is not checked: zbar (``zbarimg``) is not part of the test environment. The
structure of the symbol is checked instead (size, quiet zone, finder patterns).
"""

import io
import re
import xml.etree.ElementTree as ET

import pytest
from jiancai_addons.jiancai_base.engine.qr import MAX_QR_TEXT, qr_png, qr_svg
from PIL import Image

URL = "https://crm.jiancai.example.cn/r/sale.order/42?t=Zx8kQ"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def modules(side_px: int, box_size: int, border: int) -> int:
    """Number of modules across the symbol, from the image side in pixels."""
    assert side_px % box_size == 0
    return side_px // box_size - 2 * border


def open_png(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def test_qr_png_is_a_square_png_of_a_valid_qr_size():
    data = qr_png(URL)

    assert data.startswith(PNG_SIGNATURE)
    img = open_png(data)
    assert img.format == "PNG"
    width, height = img.size
    assert width == height
    n = modules(width, box_size=8, border=2)
    assert n >= 21 and (n - 17) % 4 == 0  # version v has 17 + 4v modules


def test_qr_png_has_finder_and_timing_patterns_inside_a_white_quiet_zone():
    box, border = 8, 2
    img = open_png(qr_png(URL)).convert("L")
    side = img.size[0]
    n = modules(side, box, border)

    def module(row: int, col: int) -> int:
        # the centre pixel of a module (row/col counted inside the quiet zone)
        return img.getpixel(((border + col) * box + box // 2, (border + row) * box + box // 2))

    assert img.getpixel((0, 0)) == 255 and img.getpixel((side - 1, side - 1)) == 255
    for row, col in [(0, 0), (0, n - 7), (n - 7, 0)]:  # the three finder patterns
        assert module(row, col) == 0  # outer ring
        assert module(row + 1, col + 1) == 255  # white ring
        assert module(row + 3, col + 3) == 0  # centre
    # the timing patterns between the finders alternate dark (even index) and light
    for i in range(8, n - 8):
        expected = 0 if i % 2 == 0 else 255
        assert module(6, i) == expected
        assert module(i, 6) == expected


def test_qr_png_box_size_and_border():
    small = open_png(qr_png(URL, box_size=4, border=1)).size[0]
    large = open_png(qr_png(URL, box_size=10, border=4)).size[0]
    assert modules(small, 4, 1) == modules(large, 10, 4)


def test_longer_text_needs_a_bigger_symbol():
    short = modules(open_png(qr_png("A")).size[0], 8, 2)
    long = modules(open_png(qr_png("A" * 500)).size[0], 8, 2)
    assert short == 21
    assert long > short


def test_qr_svg_is_an_svg_document_with_a_square_view_box():
    svg = qr_svg(URL)

    assert svg.lstrip().startswith("<svg")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].split())
    assert (x, y) == (0, 0) and w == h
    assert (int(w) - 2 * 2 - 17) % 4 == 0
    paths = root.findall("{http://www.w3.org/2000/svg}path")
    assert paths and re.match(r"M\d", paths[0].attrib["d"])


def test_png_and_svg_encode_the_same_symbol_size():
    png_modules = modules(open_png(qr_png(URL)).size[0], 8, 2)
    view_box = ET.fromstring(qr_svg(URL)).attrib["viewBox"].split()
    assert int(float(view_box[2])) - 2 * 2 == png_modules


def test_chinese_text_is_encoded():
    assert qr_png("量房预约 何先生").startswith(PNG_SIGNATURE)
    assert "<svg" in qr_svg("量房预约 何先生")


@pytest.mark.parametrize("make", [qr_png, qr_svg])
def test_empty_text_is_refused(make):
    with pytest.raises(ValueError, match="Nothing to encode"):
        make("")


@pytest.mark.parametrize("make", [qr_png, qr_svg])
def test_text_over_the_limit_is_refused(make):
    with pytest.raises(ValueError, match=str(MAX_QR_TEXT)):
        make("x" * (MAX_QR_TEXT + 1))


def test_limit_counts_utf8_bytes_not_characters():
    chinese = "码" * (MAX_QR_TEXT // 3 + 1)  # fewer characters than the limit, more bytes
    assert len(chinese) < MAX_QR_TEXT
    with pytest.raises(ValueError):
        qr_png(chinese)


def test_text_at_the_limit_is_accepted():
    assert qr_png("x" * MAX_QR_TEXT).startswith(PNG_SIGNATURE)
