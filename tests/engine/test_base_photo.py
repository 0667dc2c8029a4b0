"""Field photo checks, on images built in memory with Pillow."""

import io
import random
import struct
import zlib
from datetime import datetime

import pytest
from jiancai_addons.jiancai_base.engine.photo import (
    PhotoError,
    dms_to_degrees,
    gps_from_exif_gps,
    inspect_photo,
)
from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 0x9003
DATETIME = 0x0132
MB = 1024 * 1024
LIMIT = 10 * MB

# 31°11'20.04" N, 121°26'11.4" E: Xujiahui, Shanghai
SHANGHAI_GPS = {1: "N", 2: (31.0, 11.0, 20.04), 3: "E", 4: (121.0, 26.0, 11.4)}
SHANGHAI_LAT = 31 + 11 / 60 + 20.04 / 3600  # 31.188900
SHANGHAI_LNG = 121 + 26 / 60 + 11.4 / 3600  # 121.436500


def make_image(fmt="JPEG", size=(64, 48), gps=None, taken=None, datetime_tag=None) -> bytes:
    """An image file in memory; EXIF GPS / DateTimeOriginal / DateTime when given.

    With Pillow 10.2, ``exif.get_ifd(GPS_IFD).update(...)`` on a new ``Image.Exif`` is lost
    (get_ifd returns a detached dict); assigning the IFD as a dict to the tag works.
    """
    img = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    if gps is not None:
        exif[GPS_IFD] = gps
    if taken is not None:
        exif[EXIF_IFD] = {DATETIME_ORIGINAL: taken}
    if datetime_tag is not None:
        exif[DATETIME] = datetime_tag
    buffer = io.BytesIO()
    if len(exif):
        img.save(buffer, fmt, exif=exif.tobytes())
    else:
        img.save(buffer, fmt)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )


def test_helper_really_writes_exif_gps():
    data = make_image(gps=SHANGHAI_GPS, taken="2024:05:06 07:08:09")
    with Image.open(io.BytesIO(data)) as img:
        exif = img.getexif()
        gps = exif.get_ifd(GPS_IFD)
        assert gps[1] == "N" and gps[3] == "E"
        assert [float(v) for v in gps[2]] == pytest.approx([31.0, 11.0, 20.04])
        assert exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] == "2024:05:06 07:08:09"


def test_jpeg_with_exif_gps_and_time():
    data = make_image(gps=SHANGHAI_GPS, taken="2024:05:06 07:08:09")

    info = inspect_photo(data, LIMIT)

    assert info.mimetype == "image/jpeg"
    assert (info.width, info.height) == (64, 48)
    assert info.size == len(data)
    assert info.has_gps
    assert info.latitude == pytest.approx(31.18890, abs=1e-5)
    assert info.longitude == pytest.approx(121.43650, abs=1e-5)
    assert info.latitude == pytest.approx(SHANGHAI_LAT, abs=1e-7)
    assert info.longitude == pytest.approx(SHANGHAI_LNG, abs=1e-7)
    assert info.taken_at == datetime(2024, 5, 6, 7, 8, 9)


def test_south_and_west_are_negative():
    gps = {**SHANGHAI_GPS, 1: "S", 3: "W"}
    info = inspect_photo(make_image(gps=gps), LIMIT)

    assert info.latitude == pytest.approx(-SHANGHAI_LAT, abs=1e-7)
    assert info.longitude == pytest.approx(-SHANGHAI_LNG, abs=1e-7)
    assert info.taken_at is None


def test_time_falls_back_to_the_datetime_tag():
    info = inspect_photo(make_image(datetime_tag="2023:12:31 23:59:58"), LIMIT)

    assert info.taken_at == datetime(2023, 12, 31, 23, 59, 58)
    assert not info.has_gps


def test_unreadable_time_is_ignored():
    info = inspect_photo(make_image(gps=SHANGHAI_GPS, taken="yesterday"), LIMIT)

    assert info.taken_at is None
    assert info.has_gps


@pytest.mark.parametrize(
    "taken",
    [
        "0001:01:01 00:00:00",  # year 1: overflows when moved to UTC
        "9999:12:31 23:59:59",
        "0000:00:00 00:00:00",  # what cameras write when the clock was never set
        "1900:01:01 00:00:00",
        "2200:01:01 00:00:00",
        "    :  :     :  :  ",
        "\x00\x00\x00\x00",
        "2024:02:30 10:00:00",
        "99999:01:01 00:00:00",
        "2024:05:06 07:08:09 garbage",
    ],
)
def test_out_of_range_or_garbage_time_is_ignored_and_the_photo_kept(taken):
    info = inspect_photo(make_image(gps=SHANGHAI_GPS, taken=taken), LIMIT)

    assert info.taken_at is None
    assert info.has_gps
    assert info.mimetype == "image/jpeg"


def test_time_within_range_is_kept():
    assert inspect_photo(make_image(taken="1990:01:01 00:00:00"), LIMIT).taken_at == datetime(
        1990, 1, 1
    )
    assert inspect_photo(make_image(taken="2099:12:31 23:59:59"), LIMIT).taken_at == datetime(
        2099, 12, 31, 23, 59, 59
    )


def test_png_without_exif():
    data = make_image("PNG", size=(30, 20))

    info = inspect_photo(data, LIMIT)

    assert info.mimetype == "image/png"
    assert (info.width, info.height) == (30, 20)
    assert info.size == len(data)
    assert not info.has_gps
    assert (info.latitude, info.longitude, info.taken_at) == (None, None, None)


def test_webp_is_accepted():
    info = inspect_photo(make_image("WEBP", size=(16, 16)), LIMIT)

    assert info.mimetype == "image/webp"
    assert (info.width, info.height) == (16, 16)


def test_gps_zero_zero_is_ignored():
    gps = {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}

    info = inspect_photo(make_image(gps=gps), LIMIT)

    assert not info.has_gps
    assert info.latitude is None and info.longitude is None


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n",
        random.Random(20240506).randbytes(4096),
        b"GIF8",  # a signature and nothing else
        b"\xff\xd8\xff",  # the start of a JPEG and nothing else
    ],
    ids=["pdf", "random", "gif-signature", "jpeg-signature"],
)
def test_what_is_not_an_image_is_refused(data):
    with pytest.raises(PhotoError, match="not a photo"):
        inspect_photo(data, LIMIT)


def test_empty_file_is_refused():
    with pytest.raises(PhotoError, match="empty"):
        inspect_photo(b"", LIMIT)


def test_too_large_file_is_refused_before_decoding():
    data = make_image() + b"\0" * (2 * MB)

    with pytest.raises(PhotoError, match="limit is 2 MB") as caught:
        inspect_photo(data, 2 * MB)
    assert "2.0 MB" in str(caught.value)  # the size of the upload


def test_a_file_exactly_at_the_limit_is_accepted():
    data = make_image()
    assert inspect_photo(data, len(data)).size == len(data)


def test_gif_is_not_an_accepted_format():
    buffer = io.BytesIO()
    Image.new("P", (8, 8)).save(buffer, "GIF")

    with pytest.raises(PhotoError, match="GIF images are not accepted"):
        inspect_photo(buffer.getvalue(), LIMIT)


def test_decompression_bomb_is_a_photo_error():
    # a few dozen bytes claiming 40000 x 40000 pixels: Pillow refuses to open it
    data = png_header_only(40000, 40000)
    assert len(data) < 100

    with pytest.raises(PhotoError, match="not a photo"):
        inspect_photo(data, LIMIT)


# --- the pure helpers --------------------------------------------------------------------


def test_dms_to_degrees_accepts_rationals_as_tuples():
    assert dms_to_degrees(((31, 1), (11, 1), (2004, 100)), "N") == pytest.approx(SHANGHAI_LAT)
    assert dms_to_degrees(((31, 1), (11, 1), (2004, 100)), "s") == pytest.approx(-SHANGHAI_LAT)
    assert dms_to_degrees(((31, 1), (30, 1), (0, 0)), "") == pytest.approx(31.5)  # 0/0 -> 0


@pytest.mark.parametrize(
    "gps",
    [
        {},
        {1: "N", 2: (31.0, 11.0, 20.04)},  # no longitude
        {1: "N", 2: (95.0, 0.0, 0.0), 3: "E", 4: (121.0, 0.0, 0.0)},  # latitude > 90
        {1: "N", 2: (31.0, 0.0, 0.0), 3: "E", 4: (190.0, 0.0, 0.0)},  # longitude > 180
        {1: "N", 2: (31.0, 11.0), 3: "E", 4: (121.0, 26.0, 11.4)},  # two values, not three
        {1: "N", 2: "garbage", 3: "E", 4: (121.0, 26.0, 11.4)},
    ],
)
def test_gps_from_exif_gps_rejects_bad_positions(gps):
    assert gps_from_exif_gps(gps) is None


def test_gps_from_exif_gps_defaults_to_north_east():
    lat, lng = gps_from_exif_gps({2: (31.0, 11.0, 20.04), 4: (121.0, 26.0, 11.4)})
    assert (lat, lng) == pytest.approx((SHANGHAI_LAT, SHANGHAI_LNG))
