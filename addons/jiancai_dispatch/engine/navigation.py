"""Links a phone opens: call a number, navigate to a site (Amap / Baidu URIs)."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, urlencode

SOURCE = "jiancai"  # the "src" both map apps ask callers to name themselves with


def tel_href(phone: str | None) -> str:
    """``tel:`` URI of a phone as people write it ("138 1765 4321"), or "" if no digit.

    Full-width digits are folded; only ASCII digits and a leading "+" are kept.
    """
    text = unicodedata.normalize("NFKC", phone or "").strip()
    digits = "".join(c for c in text if c in "0123456789")
    if not digits:
        return ""
    return "tel:" + ("+" if text.startswith("+") else "") + digits


def _query(params: dict[str, str]) -> str:
    return urlencode(params, quote_via=quote)


def _geocoded(lat: float | None, lng: float | None) -> bool:
    return bool(lat or lng) and -90 <= (lat or 0) <= 90 and -180 <= (lng or 0) <= 180


def amap_url(lat: float | None, lng: float | None, name: str = "", address: str = "") -> str:
    """Amap's web URI: it opens the app when installed, else the map in the browser.

    A geocoded site is a marker (WGS84 coordinates, as Odoo's geocoder gives them);
    otherwise Amap searches the address.
    """
    if _geocoded(lat, lng):
        params = {
            "position": f"{lng:.6f},{lat:.6f}",
            "name": name or address,
            "coordinate": "wgs84",
            "callnative": "1",
            "src": SOURCE,
        }
        return "https://uri.amap.com/marker?" + _query(params)
    params = {"keyword": address or name, "callnative": "1", "src": SOURCE}
    return "https://uri.amap.com/search?" + _query(params)


def baidu_url(lat: float | None, lng: float | None, name: str = "", address: str = "") -> str:
    """Baidu Maps app URI (only opens where the app is installed)."""
    if _geocoded(lat, lng):
        params = {
            "location": f"{lat:.6f},{lng:.6f}",
            "title": name or address,
            "content": address,
            "coord_type": "wgs84",
            "src": SOURCE,
        }
        return "baidumap://map/marker?" + _query(params)
    return "baidumap://map/geocoder?" + _query({"address": address or name, "src": SOURCE})
