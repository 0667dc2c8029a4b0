"""Tap-to-call and map links of the driver's stop page."""

from urllib.parse import parse_qs, urlsplit

from jiancai_addons.jiancai_dispatch.engine.navigation import amap_url, baidu_url, tel_href


def test_tel_href():
    assert tel_href("138 1765 4321") == "tel:13817654321"
    assert tel_href("＋86 138-1765-4321") == "tel:+8613817654321"
    assert tel_href("(021) 6234 5678") == "tel:02162345678"
    assert tel_href("") == tel_href(None) == tel_href("call the office") == ""


def test_amap_marker_when_geocoded():
    url = amap_url(31.1083, 121.3836, "何志明", "上海 七莘路 3333 弄")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "uri.amap.com", "/marker")
    query = parse_qs(parts.query)
    assert query["position"] == ["121.383600,31.108300"]  # longitude first
    assert query["name"] == ["何志明"]
    assert query["coordinate"] == ["wgs84"]
    assert query["callnative"] == ["1"]


def test_amap_search_when_not_geocoded():
    url = amap_url(0.0, 0.0, "何志明", "上海 七莘路 3333 弄")
    parts = urlsplit(url)
    assert parts.path == "/search"
    assert parse_qs(parts.query)["keyword"] == ["上海 七莘路 3333 弄"]
    assert "&" not in parse_qs(parts.query)["keyword"][0]


def test_baidu():
    url = baidu_url(31.1083, 121.3836, "A&B", "上海")
    assert url.startswith("baidumap://map/marker?location=31.108300%2C121.383600")
    assert parse_qs(urlsplit(url).query)["title"] == ["A&B"]  # escaped, not a new param
    assert parse_qs(urlsplit(url).query)["coord_type"] == ["wgs84"]
    assert baidu_url(None, None, "x", "上海").startswith("baidumap://map/geocoder?address=")
