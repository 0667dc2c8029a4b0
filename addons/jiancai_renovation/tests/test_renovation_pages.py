from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase, make_jpeg

from .common import PDF, build_renovation_world

PHONE = "375x812"

IMAGES_LOADED = (
    "[...document.images].filter(i => i.getAttribute('src') && i.offsetParent"
    " && i.getBoundingClientRect().top < innerHeight)"
    ".every(i => i.complete && i.naturalWidth > 0)"
)


@tagged("post_install", "-at_install")
class TestRenovationPages(JiancaiHttpCase):
    """The supervisor's phone pages and the homeowner's portal, as people use them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["crm.team"].create(
            {"name": "徐汇旗舰店 (test)", "jiancai_is_store": True, "jiancai_store_code": "P9"}
        )
        build_renovation_world(cls)
        cls.phases = cls.renovation.jiancai_phase_ids.sorted("sequence")
        cls.plumbing = cls.phases[0]

    def site_url(self, suffix=""):
        return f"/jc/site/{self.renovation.id}{suffix}"

    def _post_photo(self, data, filename="site.jpg", mimetype="image/jpeg"):
        self.authenticate("jc_test_sup_a", "jc_test_sup_a")
        page = self.url_open(self.site_url()).text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open(
            self.site_url("/photo"),
            data={"csrf_token": token},
            files={"photo": (filename, data, mimetype)},
        )

    def _make_waiting(self):
        self.plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        for index in range(2):
            self.env["jiancai.field.photo"].with_user(self.supervisor).create_from_upload(
                self.plumbing.with_user(self.supervisor), make_jpeg(), filename=f"w{index}.jpg"
            )
        for check in self.plumbing.jiancai_check_ids.filtered("required"):
            self.plumbing.with_user(self.supervisor).action_jiancai_toggle_check(check.id)
        self.plumbing.with_user(self.supervisor).action_jiancai_request_acceptance()

    # ------------------------------------------------------------------ hostile input
    def test_site_pages_answer_404_for_other_sites_and_bad_ids(self):
        self.authenticate("jc_test_sup_a", "jc_test_sup_a")
        self.assertEqual(self.url_open("/jc/site").status_code, 200)
        self.assertEqual(self.url_open(self.site_url()).status_code, 200)
        for path in (
            "/jc/site/abc",
            "/jc/site/999999999",
            "/jc/site/99999999999999999999",
            "/jc/site/-1",
            f"/jc/site/{self.other_renovation.id}",
            # Arabic-Indic digits of our own site's id are not guessed
            "/jc/site/"
            + str(self.renovation.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
        ):
            with self.subTest(path=path):
                response = self.url_open(path)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Traceback", response.text)
        # someone else's site by POST too
        response = self.post_form(
            "jc_test_sup_a", f"/jc/site/{self.other_renovation.id}/start", form_url=self.site_url()
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.other_renovation.jiancai_phase_ids[0].jiancai_phase_state, "planned")
        # an action the page does not have
        response = self.post_form(
            "jc_test_sup_a", self.site_url("/accept"), form_url=self.site_url()
        )
        self.assertEqual(response.status_code, 404)
        # a user who is no supervisor
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        self.assertEqual(self.url_open("/jc/site").status_code, 404)

    def test_photo_that_is_not_a_photo_is_refused(self):
        self.plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        response = self._post_photo(PDF, filename="site.jpg")
        self.assertEqual(response.status_code, 409)
        self.assertIn("This file is not a photo", response.text)
        response = self._post_photo(b"", filename="empty.jpg")
        self.assertEqual(response.status_code, 409)
        self.assertIn("The file is empty.", response.text)
        self.assertFalse(self.plumbing.jiancai_photo_ids)
        response = self._post_photo(make_jpeg(gps=((31.2, "N"), (121.4, "E"))))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Photo saved.", response.text)
        self.assertEqual(self.plumbing.jiancai_photo_ids.location_source, "exif")

    def test_ask_without_photos_is_refused_with_what_is_missing(self):
        self.plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        response = self.post_form("jc_test_sup_a", self.site_url("/ask"), form_url=self.site_url())
        self.assertEqual(response.status_code, 409)
        self.assertIn("o_jiancai_gate_refusal", response.text)
        self.assertIn("Plumbing has 0 of the 2 photos it needs.", response.text)
        self.assertIn("Not ticked yet: Pressure test, Wall photos.", response.text)
        self.assertEqual(self.plumbing.jiancai_phase_state, "in_progress")
        response = self.post_form(
            "jc_test_sup_a", self.site_url("/check"), {"check_id": "٣"}, form_url=self.site_url()
        )
        self.assertEqual(response.status_code, 409)

    def test_portal_404_for_other_customer_and_wrong_token(self):
        url = f"/my/renovation/{self.renovation.id}"
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        self.assertEqual(self.url_open(url).status_code, 200)
        self.assertEqual(self.url_open("/my/renovations").status_code, 200)
        self.assertEqual(
            self.url_open(f"/my/renovation/{self.other_renovation.id}").status_code, 404
        )
        self.assertEqual(self.url_open("/my/renovation/999999999").status_code, 404)
        # a project that is no renovation
        project = self.env["project.project"].create(
            {"name": "Plain", "privacy_visibility": "portal", "partner_id": self.homeowner.id}
        )
        self.assertEqual(self.url_open(f"/my/renovation/{project.id}").status_code, 404)
        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"{url}?access_token=wrong").status_code, 404)
        self.assertEqual(self.url_open(url).status_code, 404)
        token = self.renovation.sudo()._portal_ensure_token()
        self.assertEqual(self.url_open(f"{url}?access_token={token}").status_code, 200)
        other_token = self.other_renovation.sudo()._portal_ensure_token()
        self.assertEqual(self.url_open(f"{url}?access_token={other_token}").status_code, 404)

    def test_portal_answers_race_and_hostile_reasons(self):
        self._make_waiting()
        base = f"/my/renovation/{self.renovation.id}"
        rework = f"{base}/phase/{self.plumbing.id}/rework"
        for reason in ("", "x" * 5000):
            response = self.post_form(
                "jc_test_homeowner", rework, {"reason": reason}, form_url=base
            )
            self.assertEqual(response.status_code, 409)
            self.assertEqual(self.plumbing.jiancai_phase_state, "waiting")
        arabic = str(self.plumbing.id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        response = self.post_form(
            "jc_test_homeowner", f"{base}/phase/{arabic}/accept", form_url=base
        )
        self.assertEqual(response.status_code, 404)
        other_phase = self.other_renovation.jiancai_phase_ids[0]
        response = self.post_form(
            "jc_test_homeowner", f"{base}/phase/{other_phase.id}/accept", form_url=base
        )
        self.assertEqual(response.status_code, 404)
        # two tabs: the first accepts, the second asks for rework afterwards
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        page = self.url_open(base).text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        first = self.url_open(f"{base}/phase/{self.plumbing.id}/accept", data={"csrf_token": token})
        self.assertEqual(first.status_code, 200)
        self.assertIn("is accepted", first.text)
        # the answer redirected to the page: a reload shows it and answers nothing
        self.assertIn(f"answered=accept&phase={self.plumbing.id}", first.url)
        second = self.url_open(rework, data={"csrf_token": token, "reason": "Too late"})
        self.assertEqual(second.status_code, 409)
        self.assertIn("no longer waiting for your answer", second.text)
        self.assertEqual(self.plumbing.jiancai_phase_state, "accepted")
        self.assertFalse(self.plumbing.jiancai_rework_reason)

    def test_portal_photos_follow_the_renovation(self):
        self._make_waiting()
        photo = self.plumbing.sudo().jiancai_photo_ids[0]
        url = f"/my/renovation/{self.renovation.id}/photo/{photo.id}"
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        response = self.url_open(url + "?size=thumb")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("image/"))
        self.assertEqual(
            self.url_open(
                f"/my/renovation/{self.other_renovation.id}/photo/{photo.id}"
            ).status_code,
            404,
        )
        self.authenticate("jc_test_homeowner2", "jc_test_homeowner2")
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_portal_home_card_counts_renovations(self):
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["renovation_count"]})
        self.assertEqual(counters["renovation_count"], 1)

    # ------------------------------------------------------------------ screenshots
    def test_supervisor_phone_pages_at_375(self):
        with self.page("/jc/site", login="jc_test_sup_a", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_renovation_site')", "list")
            self.assertIn("Plumbing", self.run_js(browser, "document.body.innerText"))
            self.shot(browser, "supervisor_site_list")
        self.plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        with self.page(self.site_url(), login="jc_test_sup_a", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_renovation_ask')", "site")
            self.run_js(browser, "document.querySelector('.o_jiancai_renovation_ask').click()")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_gate_refusal')", "refusal")
            self.shot(browser, "supervisor_refusal_photos_missing")
        self.env["jiancai.field.photo"].with_user(self.supervisor).create_from_upload(
            self.plumbing.with_user(self.supervisor), make_jpeg(size=(320, 240)), filename="a.jpg"
        )
        self.plumbing.with_user(self.supervisor).action_jiancai_toggle_check(
            self.plumbing.jiancai_check_ids[0].id
        )
        with self.page(self.site_url(), login="jc_test_sup_a", size=PHONE) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_photos img')", "photos"
            )
            width = self.run_js(browser, "document.documentElement.scrollWidth")
            self.assertLessEqual(width, 375, "no sideways scrolling on a phone")
            self.wait_for(browser, IMAGES_LOADED, "thumbnails")
            self.shot(browser, "supervisor_site_checklist_photos")

    def test_homeowner_portal_at_375(self):
        self._make_waiting()
        url = f"/my/renovation/{self.renovation.id}"
        with self.page(url, login="jc_test_homeowner", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_renovation_accept')", "tl")
            self.assertEqual(
                self.run_js(
                    browser, "document.querySelectorAll('.o_jiancai_renovation_photo').length"
                ),
                2,
            )
            width = self.run_js(browser, "document.documentElement.scrollWidth")
            self.assertLessEqual(width, 375, "no sideways scrolling on a phone")
            self.wait_for(browser, IMAGES_LOADED, "thumbnails")
            self.shot(browser, "homeowner_timeline")
            self.run_js(
                browser,
                "document.querySelector('.o_jiancai_renovation_reason').value = '墙面管线歪了';"
                "document.querySelector('.o_jiancai_renovation_rework_button').click()",
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_message')", "rework done"
            )
            self.shot(browser, "homeowner_rework_asked")
        self.assertEqual(self.plumbing.jiancai_phase_state, "rework")
        self.assertEqual(self.plumbing.jiancai_rework_reason, "墙面管线歪了")
        self.plumbing.with_user(self.supervisor).action_jiancai_phase_start()
        self.plumbing.with_user(self.supervisor).action_jiancai_request_acceptance()
        with self.page(url, login="jc_test_homeowner", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_renovation_accept')", "ac")
            self.run_js(browser, "document.querySelector('.o_jiancai_renovation_accept').click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_message')", "accepted"
            )
            self.shot(browser, "homeowner_accepted")
        self.assertEqual(self.plumbing.jiancai_phase_state, "accepted")

    def test_portal_offers_the_rating_at_the_end(self):
        for phase in self.phases:
            if phase.jiancai_phase_state in ("planned", "rework"):
                phase.with_user(self.supervisor).action_jiancai_phase_start()
            for index in range(phase.jiancai_min_photo_count):
                self.env["jiancai.field.photo"].with_user(self.supervisor).create_from_upload(
                    phase.with_user(self.supervisor), make_jpeg(), filename=f"r{index}.jpg"
                )
            for check in phase.jiancai_check_ids.filtered("required"):
                phase.with_user(self.supervisor).action_jiancai_toggle_check(check.id)
            phase.with_user(self.supervisor).action_jiancai_request_acceptance()
            phase._jiancai_homeowner_answer(True)
        rating = self.phases[-1]._jiancai_open_rating()
        self.authenticate("jc_test_homeowner", "jc_test_homeowner")
        page = self.url_open(f"/my/renovation/{self.renovation.id}").text
        self.assertIn("o_jiancai_renovation_rating", page)
        self.assertIn(f"/rate/{rating.access_token}/5", page)
        self.assertNotIn("o_jiancai_renovation_answer", page)
