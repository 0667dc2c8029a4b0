import base64
import contextlib
import io
import re
import time
from urllib.parse import urljoin

from PIL import Image

from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import ChromeBrowser, ChromeBrowserException, save_test_file

from odoo.addons.base.tests.common import BaseCommon

PHONE = "390x844"
DESKTOP = "1366x900"

ROLE_GROUPS = {
    "guide": "jiancai_base.group_sales_guide",
    "store_manager": "jiancai_base.group_store_manager",
    "finance": "jiancai_base.group_finance",
    "warehouse": "jiancai_base.group_warehouse",
    "dispatcher": "jiancai_base.group_dispatcher",
    "driver": "jiancai_base.group_driver",
    "technician": "jiancai_base.group_technician",
    "supervisor": "jiancai_base.group_supervisor",
    "service": "jiancai_base.group_customer_service",
    "gm": "jiancai_base.group_general_manager",
}


def make_jpeg(gps=None, size=(64, 48), taken="2026:11:20 10:30:00"):
    """A small JPEG, optionally with EXIF GPS ((lat, 'N'), (lng, 'E')) and a shot time."""
    img = Image.new("RGB", size, (180, 120, 90))
    exif = Image.Exif()
    if taken:
        exif[0x8769] = {0x9003: taken}
    if gps:
        (lat, lat_ref), (lng, lng_ref) = gps

        def dms(value):
            degrees = int(value)
            minutes = int((value - degrees) * 60)
            seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
            return (float(degrees), float(minutes), float(seconds))

        exif[0x8825] = {1: lat_ref, 2: dms(lat), 3: lng_ref, 4: dms(lng)}
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


class JiancaiCase(BaseCommon):
    """Users of every role, a store and a customer, created by the test itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"jc_test_{role}",
                groups=f"base.group_user,{group}",
                name=f"Test {role}",
                # the assertions read English messages; see test_field_photo for Chinese
                lang="en_US",
            )
            for role, group in ROLE_GROUPS.items()
        }
        cls.portal_user = new_test_user(cls.env, login="jc_test_portal", groups="base.group_portal")
        cls.designer_user = new_test_user(
            cls.env, login="jc_test_designer", groups="jiancai_base.group_portal_designer"
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )
        # BaseCommon keeps the test company in USD (setup_main_company) while the demo
        # dealer's pricelists are in CNY: without a pricelist of the company's own
        # currency, first in line for every partner, orders would be priced in yuan and
        # converted at the demo rate in a dollar company.
        cls.pricelist = cls.env["product.pricelist"].create(
            {
                "name": "Test pricelist",
                "sequence": 0,
                "currency_id": cls.env.company.currency_id.id,
                "company_id": cls.env.company.id,
            }
        )
        cls.region = cls.env["jiancai.region"].create({"name": "Test Region"})
        cls.store_address = cls.env["res.partner"].create(
            {
                "name": "Test Store Address",
                "street": "漕溪北路 398 号",
                "city": "上海",
                "phone": "021-6438 1001",
            }
        )
        cls.store = cls.env["crm.team"].create(
            {
                "name": "Test Store",
                "jiancai_is_store": True,
                "jiancai_store_code": "T001",
                "jiancai_region_id": cls.region.id,
                "jiancai_warehouse_id": cls.warehouse.id,
                "jiancai_address_id": cls.store_address.id,
                "jiancai_opening_hours": "09:00-20:00",
                "company_id": cls.env.company.id,
                "user_id": cls.users["store_manager"].id,
                "member_ids": [(4, cls.users["guide"].id)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "何志明", "phone": "138 1765 4321", "jiancai_partner_role": "customer"}
        )

    @classmethod
    def set_param(cls, key, value):
        cls.env["ir.config_parameter"].sudo().set_param(f"jiancai_base.{key}", value)


class JiancaiHttpCase(HttpCase):
    """HttpCase driving headless Chromium page by page, with screenshots to look at."""

    def post_form(self, login, url, data=None, form_url=None):
        """POST ``data`` to ``url`` as ``login``, with the CSRF token of the page at
        ``form_url`` (default ``url``), as the page's own form would."""
        self.authenticate(login, login)
        page = self.url_open(form_url or url).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(url, data={**(data or {}), "csrf_token": token})

    def call_kw(self, login, model, method, args, kwargs=None):
        """Call ``model.method`` over JSON-RPC as ``login`` (password = login), the way a
        hostile user would from a script; raises JsonRpcException with the error name."""
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @contextlib.contextmanager
    def page(self, url_path, login=None, size=DESKTOP, geolocation=None):
        """Open ``url_path`` as ``login`` in a fresh headless Chromium of ``size``.

        ``geolocation`` = (lat, lng) grants the page the position, as a phone would.
        """
        self.browser_size = size
        browser = ChromeBrowser(self, headless=True, success_signal="__never__")
        with self.allow_requests(browser=browser):
            try:
                self.authenticate(login, login, browser=browser)
                self.cr.flush()
                self.cr.clear()
                if geolocation:
                    browser._websocket_request(
                        "Browser.grantPermissions",
                        params={"permissions": ["geolocation"], "origin": self.base_url()},
                    )
                    browser._websocket_request(
                        "Emulation.setGeolocationOverride",
                        params={
                            "latitude": geolocation[0],
                            "longitude": geolocation[1],
                            "accuracy": 12,
                        },
                    )
                browser.navigate_to(urljoin(self.base_url(), url_path), wait_stop=True)
                yield browser
            finally:
                # from here on, requests cut short by closing the page are not failures
                if not browser._result.done():
                    browser._result.set_result(True)
                browser.stop()

    def wait_for(self, browser, js, what, timeout=30):
        """Wait until the JS expression ``js`` is true; fail with ``what`` otherwise.

        After a form is submitted, the page being asked can be replaced mid-question
        (Chrome answers "Inspected target navigated or closed"): ask the new page.
        """
        deadline = time.monotonic() + timeout
        while True:
            try:
                ready = browser._wait_ready(js, timeout=max(deadline - time.monotonic(), 1))
            except ChromeBrowserException as exc:
                if "navigated or closed" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
                continue
            self.assertTrue(ready, f"never happened: {what}")
            return

    def run_js(self, browser, js):
        result = browser._websocket_request(
            "Runtime.evaluate", params={"expression": js, "awaitPromise": True}
        )
        self.assertNotIn("exceptionDetails", result, f"JS failed: {js}")
        return result.get("result", {}).get("value")

    def shot(self, browser, name):
        """Save a PNG of what the browser shows now (var/screenshots/<db>/screenshots)."""
        result = browser._websocket_request("Page.captureScreenshot", timeout=30)
        save_test_file(type(self).__name__, base64.b64decode(result["data"]), f"{name}_")

    def screenshot(self, url_path, name, login=None, size=DESKTOP, ready=None):
        with self.page(url_path, login=login, size=size) as browser:
            self.wait_for(browser, ready or "document.readyState === 'complete'", name)
            self.shot(browser, name)
