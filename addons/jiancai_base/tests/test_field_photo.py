import io
import re

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import JiancaiCase, JiancaiHttpCase, make_jpeg


@tagged("post_install", "-at_install")
class TestFieldPhoto(JiancaiHttpCase, JiancaiCase):
    def _post(self, login, data, filename="site.jpg", **fields):
        self.authenticate(login, login)
        url = f"/jc/photo/crm.team/{self.store.id}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            url,
            data={"csrf_token": token, **fields},
            files={"photo": (filename, data, "image/jpeg")},
        )

    def _photos(self):
        return self.env["jiancai.field.photo"].search(
            [("res_model", "=", "crm.team"), ("res_id", "=", self.store.id)]
        )

    def test_upload_keeps_original_and_exif_position(self):
        self.users["gm"].tz = "Asia/Shanghai"
        data = make_jpeg(gps=((31.1889, "N"), (121.4365, "E")))
        response = self._post("jc_test_gm", data, note="展厅样板间", latitude="1", longitude="2")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Photo saved", response.text)
        photo = self._photos()
        self.assertEqual(len(photo), 1)
        self.assertEqual(photo.location_source, "exif", "EXIF GPS wins over the browser")
        self.assertAlmostEqual(photo.latitude, 31.1889, places=3)
        self.assertAlmostEqual(photo.longitude, 121.4365, places=3)
        self.assertEqual(photo.user_id, self.users["gm"])
        self.assertEqual(photo.note, "展厅样板间")
        # the camera wrote 10:30 Shanghai time: stored as UTC
        self.assertEqual(str(photo.taken_at), "2026-11-20 02:30:00")
        original = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "jiancai.field.photo"),
                ("res_id", "=", photo.id),
                ("res_field", "=", "original"),
            ]
        )
        self.assertEqual(original.raw, data, "the original file is kept byte for byte")
        self.assertEqual(self.store.jiancai_photo_count, 1)

    def test_out_of_range_exif_time_keeps_the_photo(self):
        """Year 1 (or 9999) in EXIF overflowed in the UTC conversion: a 500, photo lost."""
        self.users["gm"].tz = "Asia/Shanghai"
        for taken in ("0001:01:01 00:00:00", "9999:12:31 23:59:59", "0000:00:00 00:00:00"):
            with self.subTest(taken=taken):
                before = fields.Datetime.now().replace(microsecond=0)
                data = make_jpeg(gps=((31.1889, "N"), (121.4365, "E")), taken=taken)
                response = self._post("jc_test_gm", data, note=taken)
                self.assertEqual(response.status_code, 200)
                self.assertIn("Photo saved", response.text)
                photo = self._photos().filtered(lambda p, t=taken: p.note == t)
                self.assertEqual(len(photo), 1)
                self.assertGreaterEqual(photo.taken_at, before, "the upload time stands in")
                self.assertEqual(photo.location_source, "exif", "the rest of EXIF still counts")

    def test_unusable_browser_position_is_dropped_not_stored(self):
        """nan/inf were refused already; an absurd accuracy (1e308 m) was stored."""
        cases = [
            ("31.2335", "121.5463", "1e308"),
            ("31.2335", "121.5463", "100001"),
            ("nan", "121.5463", "15"),
            ("31.2335", "Infinity", "15"),
            ("91", "121.5463", "15"),
            ("٣١", "121.5463", "15"),
        ]
        for lat, lng, acc in cases:
            with self.subTest(position=(lat, lng, acc)):
                note = f"{lat} {lng} {acc}"
                response = self._post(
                    "jc_test_gm", make_jpeg(), note=note, latitude=lat, longitude=lng, accuracy=acc
                )
                self.assertEqual(response.status_code, 200)
                photo = self._photos().filtered(lambda p, n=note: p.note == n)
                self.assertEqual(len(photo), 1, "the photo is kept")
                self.assertEqual(photo.location_source, "none")
                self.assertFalse(photo.accuracy)

    def test_browser_position_when_the_photo_has_none(self):
        response = self._post(
            "jc_test_gm", make_jpeg(), latitude="31.2335", longitude="121.5463", accuracy="15"
        )
        self.assertEqual(response.status_code, 200)
        photo = self._photos()
        self.assertEqual(photo.location_source, "browser")
        self.assertAlmostEqual(photo.latitude, 31.2335)
        self.assertEqual(photo.accuracy, 15)

    def test_bad_files_are_refused_with_a_message(self):
        self.set_param("photo_max_mb", 1)
        big = make_jpeg(size=(64, 48)) + b"\0" * (1024 * 1024 + 10)
        cases = {
            "not a photo": (b"%PDF-1.4 this is a contract", "not a photo"),
            "too big": (big, "the limit is 1 MB"),
            "empty": (b"", "The file is empty"),
            "too many pixels": (self._huge_png(), "megapixels; the limit is 50"),
        }
        for what, (data, message) in cases.items():
            with self.subTest(what):
                response = self._post("jc_test_gm", data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, response.text)
        self.assertFalse(self._photos(), "nothing half-saved")
        response = self._post("jc_test_gm", make_jpeg(), filename="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose or take a photo first", response.text)

    @staticmethod
    def _huge_png():
        buffer = io.BytesIO()
        Image.new("1", (8000, 7000)).save(buffer, "PNG")
        return buffer.getvalue()

    def test_unusable_browser_position_keeps_the_photo(self):
        for latitude, longitude in (("999", "121.5"), ("nan", "1"), ("abc", ""), ("0", "0")):
            with self.subTest(latitude=latitude, longitude=longitude):
                response = self._post(
                    "jc_test_gm", make_jpeg(), latitude=latitude, longitude=longitude
                )
                self.assertEqual(response.status_code, 200)
        self.assertEqual(self._photos().mapped("location_source"), ["none"] * 4)

    def test_messages_speak_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["jiancai_base"], ["zh_CN"])
        self.users["gm"].lang = "zh_CN"
        response = self._post("jc_test_gm", b"%PDF-1.4 not a photo")
        self.assertEqual(response.status_code, 400)
        self.assertIn("此文件不是照片", response.text)
        self.assertIn("添加照片", response.text)

    def test_user_without_rights_on_the_document_is_refused(self):
        response = self._post("jc_test_guide", make_jpeg())
        self.assertEqual(response.status_code, 400)
        self.assertIn("You may not add photos", response.text)
        self.assertFalse(self._photos())

    def test_unknown_documents_are_404(self):
        self.authenticate("jc_test_gm", "jc_test_gm")
        for url in (
            "/jc/photo/crm.team/999999",
            "/jc/photo/res.partner/1",
            "/jc/photo/no.model/1",
            "/jc/photo/jiancai.photo.mixin/1",
        ):
            with self.subTest(url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_model_checks(self):
        Photo = self.env["jiancai.field.photo"].with_user(self.users["guide"])
        with self.assertRaises(AccessError):
            Photo.create_from_upload(self.store.with_user(self.users["guide"]), make_jpeg())
        Photo = self.env["jiancai.field.photo"].with_user(self.users["gm"])
        with self.assertRaises(ValidationError):
            Photo.create_from_upload(self.customer, make_jpeg())
        with self.assertRaises(AccessError, msg="photos are only made from an upload"):
            Photo.create({"res_model": "crm.team", "res_id": self.store.id})
        photo = Photo.create_from_upload(self.store.with_user(self.users["gm"]), make_jpeg())
        photo.write({"note": "样板间"})
        for vals in ({"latitude": 31}, {"res_id": self.store.id + 1}, {"original": b"eA=="}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                photo.write(vals)
        # a photographer cannot rewrite someone else's photo
        with self.assertRaises(AccessError):
            photo.with_user(self.users["driver"]).write({"note": "mine now"})
