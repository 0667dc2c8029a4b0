import re

from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase

XUHUI = (31.1880, 121.4370)


@tagged("post_install", "-at_install")
class TestDesignerVisitPhone(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = new_test_user(
            cls.env,
            login="jc_visit_guide",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
            tz="Asia/Shanghai",
            name="张伟",
        )
        cls.store = cls.env["crm.team"].create(
            {
                "name": "徐汇旗舰店",
                "jiancai_is_store": True,
                "jiancai_store_code": "V001",
                "member_ids": [(4, cls.guide.id)],
            }
        )
        cls.designer = cls.env["res.partner"].create(
            {"name": "林晓东", "jiancai_partner_role": "designer"}
        )
        cls.Visit = cls.env["jiancai.designer.visit"]

    def csrf(self):
        page = self.url_open("/jc/visit")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def fits_phone(self, browser):
        width = self.run_js(browser, "document.documentElement.scrollWidth")
        self.assertLessEqual(width, 390, "the page fits a phone without side scrolling")

    def test_check_in_and_out_on_the_phone(self):
        with self.page("/jc/visit", login="jc_visit_guide", size=PHONE, geolocation=XUHUI) as b:
            self.wait_for(b, "document.body.dataset.jcPosition === '1'", "position filled")
            self.wait_for(b, "!document.querySelector('.o_jiancai_referral_visit_in').disabled",
                          "check-in button enabled")  # fmt: skip
            self.run_js(
                b,
                f"""(() => {{
                const s = document.querySelector('#o_jc_designer');
                s.value = '{self.designer.id}';
                document.querySelector('.o_jiancai_referral_visit_in').click();
                return true; }})()""",
            )
            self.wait_for(b, "!!document.querySelector('.o_jiancai_referral_visit_open')",
                          "the open visit")  # fmt: skip
            self.wait_for(b, "document.body.dataset.jcPosition === '1'", "position again")
            self.fits_phone(b)
            self.shot(b, "designer_visit_checked_in_phone")
            # no ORM query here: the test cursor is shared with the page's requests
            self.assertIn("林晓东", self.run_js(b, "document.body.innerText"))
            self.run_js(
                b,
                """(() => {
                document.querySelector('#o_jc_outcome').value = 'samples';
                document.querySelector('#o_jc_note').value = '送了云石灰样板，下周带客户来';
                document.querySelector('#o_jc_next').value = '2099-03-02';
                document.querySelector('.o_jiancai_referral_visit_out').click();
                return true; })()""",
            )
            self.wait_for(b, "!!document.querySelector('.o_jiancai_referral_visit_message')",
                          "checked out")  # fmt: skip
            self.wait_for(b, "!!document.querySelector('.o_jiancai_referral_visit_today')",
                          "today's list")  # fmt: skip
            self.fits_phone(b)
            self.shot(b, "designer_visit_checked_out_phone")
            text = self.run_js(b, "document.body.innerText")
        self.assertIn("送了云石灰样板", text)
        visit = self.Visit.search([("user_id", "=", self.guide.id)])
        self.assertEqual(len(visit), 1)
        self.assertAlmostEqual(visit.check_in_latitude, XUHUI[0], places=4)
        self.assertAlmostEqual(visit.check_in_longitude, XUHUI[1], places=4)
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.outcome, "samples")
        self.assertAlmostEqual(visit.check_out_latitude, XUHUI[0], places=4)
        self.assertEqual(str(visit.next_followup_date), "2099-03-02")
        self.assertEqual(visit.next_activity_id.res_id, self.designer.id)
        self.assertEqual(visit.next_activity_id.user_id, self.guide)

    def test_location_denied_gives_a_clear_message(self):
        with self.page("/jc/visit", login="jc_visit_guide", size=PHONE) as b:
            self.wait_for(b, "document.body.dataset.jcPosition === '0'", "location refused")
            self.wait_for(
                b,
                "!document.querySelector('.o_jiancai_referral_visit_nogeo')"
                ".classList.contains('d-none')",
                "the message about the location",
            )
            self.assertTrue(
                self.run_js(b, "document.querySelector('.o_jiancai_referral_visit_in').disabled")
            )
            self.fits_phone(b)
            self.shot(b, "designer_visit_no_location_phone")
        # a crafted post without a position is refused with a page, nothing is created
        self.authenticate("jc_visit_guide", "jc_visit_guide")
        response = self.url_open(
            "/jc/visit/check-in",
            data={"partner_id": self.designer.id, "csrf_token": self.csrf()},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("did not give its location", response.text)
        self.assertFalse(self.Visit.search([("user_id", "=", self.guide.id)]))

    def test_todays_visits_are_the_local_day(self):
        """00:30 in Shanghai is 16:30 UTC the day before: that visit is today's."""
        with freeze_time("2026-12-07 16:30:00"):
            visit = self.Visit.with_user(self.guide).action_check_in(self.designer, *XUHUI)
            visit.with_user(self.guide).action_check_out(outcome="samples", note="夜里送样")
        with freeze_time("2026-12-07 17:00:00"):
            self.authenticate("jc_visit_guide", "jc_visit_guide")
            page = self.url_open("/jc/visit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_jiancai_referral_visit_today", page.text)
        self.assertIn("林晓东", page.text)

    def test_bad_requests_answer_pages(self):
        other = new_test_user(
            self.env,
            login="jc_visit_guide2",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
        )
        theirs = self.Visit.with_user(other).action_check_in(self.designer, *XUHUI)
        self.authenticate("jc_visit_guide", "jc_visit_guide")
        token = self.csrf()
        # another salesperson's visit answers as a visit that does not exist: a 409 "not
        # yours" told that the id was a real visit
        missing = self.url_open("/jc/visit/999999/check-out", data={"csrf_token": token})
        self.assertEqual(missing.status_code, 404)
        response = self.url_open(f"/jc/visit/{theirs.id}/check-out", data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("not yours", response.text)
        self.assertEqual(theirs.state, "open")
        # a contact that is not a designer, or a made-up position
        customer = self.env["res.partner"].create({"name": "普通客户"})
        for partner_id, lat in ((customer.id, XUHUI[0]), ("abc", XUHUI[0])):
            response = self.url_open(
                "/jc/visit/check-in",
                data={
                    "partner_id": partner_id,
                    "latitude": lat,
                    "longitude": XUHUI[1],
                    "csrf_token": token,
                },
            )
            self.assertEqual(response.status_code, 400)
            self.assertIn("Choose the designer", response.text)
        response = self.url_open(
            "/jc/visit/check-in",
            data={
                "partner_id": self.designer.id,
                "latitude": "91",
                "longitude": XUHUI[1],
                "csrf_token": token,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Visit.search([("user_id", "=", self.guide.id)]))
        # checking in twice
        mine = self.Visit.with_user(self.guide).action_check_in(self.designer, *XUHUI)
        response = self.url_open(
            "/jc/visit/check-in",
            data={
                "partner_id": self.designer.id,
                "latitude": XUHUI[0],
                "longitude": XUHUI[1],
                "csrf_token": token,
            },
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("still checked in", response.text)
        # a follow-up date that is not a date, or in the past: a page, the visit stays open
        for value, status, text in (
            ("2026-13-45", 400, "is not a date"),
            ("2020-01-01", 409, "cannot be in the past"),
        ):
            response = self.url_open(
                f"/jc/visit/{mine.id}/check-out",
                data={"next_followup_date": value, "note": "备注", "csrf_token": token},
            )
            self.assertEqual(response.status_code, status)
            self.assertIn(text, response.text)
            self.assertIn("备注", response.text, "what was typed is kept")
        self.assertEqual(mine.state, "open")
        # a designer (portal) has no visit page
        designer_user = new_test_user(
            self.env, login="jc_visit_designer", groups="jiancai_base.group_portal_designer"
        )
        designer_user.partner_id.jiancai_partner_role = "designer"
        self.authenticate("jc_visit_designer", "jc_visit_designer")
        self.assertEqual(self.url_open("/jc/visit").status_code, 404)

    def test_manager_analysis_and_designer_history(self):
        manager = new_test_user(
            self.env,
            login="jc_visit_manager",
            groups="base.group_user,jiancai_base.group_store_manager",
            lang="en_US",
            name="陈静",
        )
        self.store.user_id = manager
        visits = self.Visit.create(
            [
                {
                    "user_id": self.guide.id,
                    "partner_id": self.designer.id,
                    "check_in": f"2026-11-{day:02d} 02:00:00",
                    "check_out": f"2026-11-{day:02d} 0{2 + day % 3}:30:00",
                    "note": f"第 {day} 天的拜访",
                    "outcome": "samples",
                }
                for day in (16, 18, 20)
            ]
        )
        self.assertEqual(visits.team_id, self.store)
        with self.page(
            "/odoo/action-jiancai_referral.jiancai_designer_visit_action_analysis",
            login="jc_visit_manager",
        ) as b:
            self.wait_for(
                b,
                "!!document.querySelector('.o_action_manager table') && "
                "document.querySelector('.o_action_manager table').innerText.includes('张伟')",
                "the pivot per salesperson",
            )
            self.shot(b, "designer_visit_pivot_manager")
        with self.page(
            f"/odoo/action-base.action_partner_form/{self.designer.id}", login="jc_visit_manager"
        ) as b:
            self.wait_for(b, "!!document.querySelector('a[name=jiancai_visits]')", "the tab")
            self.run_js(b, "document.querySelector('a[name=jiancai_visits]').click() || true")
            self.wait_for(
                b,
                "document.querySelector('.o_field_widget[name=jiancai_visit_ids]')"
                "?.innerText.includes('第 20 天的拜访')",
                "the follow-up history",
            )
            self.shot(b, "designer_visit_history_manager")

    def test_phone_page_in_chinese(self):
        new_test_user(
            self.env,
            login="jc_visit_guide_zh",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="zh_CN",
            name="王磊",
        )
        with self.page("/jc/visit", login="jc_visit_guide_zh", size=PHONE, geolocation=XUHUI) as b:
            self.wait_for(b, "document.body.dataset.jcPosition === '1'", "position filled")
            self.fits_phone(b)
            self.shot(b, "designer_visit_zh_CN_phone")
            text = self.run_js(b, "document.body.innerText")
        self.assertIn("设计师拜访", text)
        self.assertIn("签到", text)
