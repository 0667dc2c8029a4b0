from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

from .common import HomeCase

PHONE = "375x812"


@tagged("post_install", "-at_install")
class TestHomePhone(JiancaiHttpCase, HomeCase):
    """The measurer adds rooms on a phone; the homeowner sees the home on the portal."""

    def setUp(self):
        super().setUp()
        self.measurer = self.users["technician"]
        self.home.measurer_id = self.measurer

    def test_measurer_adds_a_room_on_the_phone(self):
        login = self.measurer.login
        with self.page("/jc/home?q=翠湖测试", login=login, size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_item')", "list")
            self.shot(browser, "home_phone_list_375")
        with self.page(f"/jc/home/{self.home.id}", login=login, size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_home_room_form')", "room form"
            )
            self.run_js(
                browser,
                "document.querySelector('#jc_room_name').value = '主卧';"
                "document.querySelector('#jc_room_kind').value = 'bedroom';"
                "document.querySelector('#jc_room_length').value = '４.２';"  # full-width
                "document.querySelector('#jc_room_width').value = '3,6';"  # decimal comma
                "document.querySelector('.o_jiancai_home_add').click();",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_home_message')", "room added"
            )
            self.shot(browser, "home_phone_rooms_375")
        room = self.home.room_ids.filtered(lambda r: r.name == "主卧")
        self.assertEqual((room.length_m, room.width_m, room.floor_area), (4.2, 3.6, 15.12))

    def test_bad_measurements_and_other_homes_are_refused(self):
        login = self.measurer.login
        url = f"/jc/home/{self.home.id}"
        base = {"name": "Hall", "kind": "other", "length": "3", "width": "2"}
        for field, value, reason in (
            ("length", "nan", "Length"),
            ("length", "inf", "Length"),
            ("length", "1e3", "Length"),
            ("width", "٣", "Width"),
            ("width", "", "Width"),
            ("height", "-1", "Tiled height"),
            ("length", "5000", "Length"),
            ("name", "", "Name the room"),
            ("name", "x" * 61, "Name the room"),
            ("kind", "garage", "what kind of room"),
        ):
            with self.subTest(field=field, value=value):
                page = self.post_form(login, f"{url}/room", {**base, field: value}, form_url=url)
                self.assertEqual(page.status_code, 400)
                self.assertIn(reason, page.text)
        # a number the parser takes but a room cannot have
        page = self.post_form(login, f"{url}/room", {**base, "length": "150"}, form_url=url)
        self.assertEqual(page.status_code, 409)
        self.assertIn("too large", page.text)
        self.assertEqual(len(self.home.room_ids), 2, "nothing half-written")
        # a home the measurer is not sent to, bad ids
        hidden = self.env["jiancai.home"].create(
            {
                "partner_id": self.customer.id,
                "community": "古北国际花园",
                "room": "801",
                "store_id": self.env["crm.team"]
                .create({"name": "Far Store", "jiancai_is_store": True, "jiancai_store_code": "T8"})
                .id,
            }
        )
        self.authenticate(login, login)
        for path in (f"/jc/home/{hidden.id}", "/jc/home/999999999", "/jc/home/abc"):
            self.assertEqual(self.url_open(path).status_code, 404, path)
        page = self.post_form(login, f"/jc/home/{hidden.id}/room", base, form_url=url)
        self.assertEqual(page.status_code, 404)
        page = self.post_form(login, f"{url}/room/{hidden.id}x/delete", {}, form_url=url)
        self.assertEqual(page.status_code, 404)
        self.authenticate(self.owner_user.login, self.owner_user.login)
        self.assertEqual(self.url_open(url).status_code, 404)  # not for the portal

    def test_homeowner_sees_the_home_on_the_portal(self):
        login = self.owner_user.login
        with self.page("/my", login=login, size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('a[href=\"/my/homes\"]')", "home card")
        with self.page(f"/my/home/{self.home.id}", login=login, size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_home_portal')", "the home")
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("Bathroom", text)
            self.assertIn("19.68", text)
            self.shot(browser, "home_portal_375")
        # another homeowner's home: 404; the share link works without a login
        neighbour = self.env["jiancai.home"].create(
            {"partner_id": self.customer.id, "community": "翠湖测试花园", "room": "1502"}
        )
        self.authenticate(login, login)
        self.assertEqual(self.url_open(f"/my/home/{neighbour.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/home/abc").status_code, 404)
        self.authenticate(None, None)
        token = neighbour._portal_ensure_token()
        self.assertEqual(
            self.url_open(f"/my/home/{neighbour.id}?access_token={token}").status_code, 200
        )
        self.assertEqual(
            self.url_open(f"/my/home/{neighbour.id}?access_token={token[:-1]}x").status_code,
            404,
        )

    def test_back_office_home_form(self):
        with self.page(
            f"/odoo/homes/{self.home.id}", login=self.users["guide"].login, size=DESKTOP
        ) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector("
                "'.o_form_view .o_field_widget[name=room_ids] .o_data_row')",
                "home form with rooms",
            )
            self.shot(browser, "home_desktop_form")
