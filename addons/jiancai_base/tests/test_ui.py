import os
import tempfile

from odoo.tests import tagged

from .common import DESKTOP, PHONE, JiancaiCase, JiancaiHttpCase, make_jpeg

WEB_READY = "!!document.querySelector('.o_action_manager .o_view_controller')"


@tagged("post_install", "-at_install")
class TestUi(JiancaiHttpCase, JiancaiCase):
    def test_store_tour(self):
        """A store manager finds the store in the Jiancai app and shares its public page."""
        self.start_tour(
            "/odoo/jiancai-stores", "jiancai_base_store_tour", login="jc_test_store_manager"
        )
        link = self.env["jiancai.tracking.link"].search(
            [("res_model", "=", "crm.team"), ("res_id", "=", self.store.id)]
        )
        self.assertEqual(len(link), 1, "the tour made the store's public link")

    def test_screenshots_back_office(self):
        self.env["jiancai.notification"].notify(
            self.users["guide"],
            "新客户到店",
            "何志明 14:00 到店看岩板",
            record=self.store,
        )
        self.env["jiancai.notification"].notify(
            self.customer,
            "门店地址",
            "x",
            record=self.store,
            channels=("sms",),
            sms_template="tracking_link",
            sms_params={"name": "何志明", "url": "https://x"},
        )
        for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            self.screenshot(
                "/odoo/jiancai-stores",
                f"home_stores_{size_name}",
                login="jc_test_gm",
                size=size,
                ready=WEB_READY + " && document.body.innerText.includes('Test Store')",
            )
            self.screenshot(
                f"/odoo/jiancai-stores/{self.store.id}",
                f"store_form_{size_name}",
                login="jc_test_gm",
                size=size,
                ready=WEB_READY + " && document.querySelector("
                "'.o_field_widget[name=jiancai_store_code] input')?.value === 'T001'",
            )
            self.screenshot(
                "/odoo/jiancai-messages",
                f"notification_log_{size_name}",
                login="jc_test_gm",
                size=size,
                ready=WEB_READY + " && document.body.innerText.includes('门店地址')",
            )

    def test_phone_photo_upload_in_the_browser(self):
        """On a phone: the page locates itself, previews the photo, saves it with the position."""
        fd, path = tempfile.mkstemp(suffix=".jpg")
        with os.fdopen(fd, "wb") as handle:
            handle.write(make_jpeg(size=(640, 480), taken=None))
        self.addCleanup(os.unlink, path)
        url = f"/jc/photo/crm.team/{self.store.id}"
        with self.page(
            url, login="jc_test_gm", size=PHONE, geolocation=(31.2335, 121.5463)
        ) as browser:
            self.wait_for(
                browser,
                "document.querySelector('.o_jiancai_photo_location').textContent.includes('31.23350')",
                "the page shows the phone's position",
            )
            self.shot(browser, "photo_upload_phone_located")
            element = browser._websocket_request(
                "Runtime.evaluate",
                params={"expression": "document.querySelector('#o_jiancai_photo_file')"},
            )["result"]
            browser._websocket_request(
                "DOM.setFileInputFiles", params={"files": [path], "objectId": element["objectId"]}
            )
            self.wait_for(
                browser,
                "!document.querySelector('.o_jiancai_photo_preview').classList.contains('d-none')",
                "the chosen photo is previewed",
            )
            self.run_js(
                browser,
                "document.querySelector('textarea[name=note]').value = '浦东展厅 岩板样板间'",
            )
            self.shot(browser, "photo_upload_phone_preview")
            self.run_js(browser, "document.querySelector('.o_jiancai_photo_form').requestSubmit()")
            self.wait_for(
                browser, "!!document.querySelector('.alert-success')", "the photo is saved"
            )
            self.shot(browser, "photo_upload_phone_saved")
        photo = self.env["jiancai.field.photo"].search(
            [("res_model", "=", "crm.team"), ("res_id", "=", self.store.id)]
        )
        self.assertEqual(len(photo), 1)
        self.assertEqual(photo.location_source, "browser")
        self.assertAlmostEqual(photo.latitude, 31.2335, places=4)
        self.assertEqual(photo.note, "浦东展厅 岩板样板间")
        self.screenshot(
            f"/jc/photo/crm.team/{self.store.id}",
            "photo_upload_desktop",
            login="jc_test_gm",
            size=DESKTOP,
        )

    def test_screenshots_in_chinese(self):
        """The dealer's staff work in Chinese: the same pages, in zh_CN, at phone size."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["jiancai_base"], ["zh_CN"])
        self.users["gm"].lang = "zh_CN"
        self.env["jiancai.notification"].notify(
            self.customer, "门店地址", "x", record=self.store, channels=("sms",),
            sms_template="tracking_link", sms_params={"name": "何志明", "url": "https://x"},
        )  # fmt: skip
        self.screenshot(
            "/odoo/jiancai-messages",
            "notification_log_zh_phone",
            login="jc_test_gm",
            size=PHONE,
            ready=WEB_READY + " && document.body.innerText.includes('失败')",
        )
        self.screenshot(
            f"/odoo/jiancai-stores/{self.store.id}",
            "store_form_zh_desktop",
            login="jc_test_gm",
            size=DESKTOP,
            ready=WEB_READY + " && document.body.innerText.includes('门店')",
        )
        self.screenshot(
            f"/jc/photo/crm.team/{self.store.id}",
            "photo_upload_zh_phone",
            login="jc_test_gm",
            size=PHONE,
            ready="document.body.innerText.includes('添加照片')",
        )

    def test_screenshots_public_pages(self):
        link = self.store._jiancai_tracking_link(partner=self.customer)
        self.screenshot(
            link.get_portal_url(),
            "tracking_page_phone",
            size=PHONE,
            ready="document.body.innerText.includes('Test Store')",
        )
        self.screenshot(
            link.get_portal_url(),
            "tracking_page_desktop",
            size=DESKTOP,
            ready="document.body.innerText.includes('Test Store')",
        )
        self.screenshot(f"/jc/t/{link.id}?access_token=wrong", "tracking_page_404", size=PHONE)
