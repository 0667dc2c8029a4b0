import re
import unittest

from odoo.tests import new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase

from .test_portal import FILL


@tagged("post_install", "-at_install")
class TestStudioPortal(JiancaiHttpCase):
    """The demo studio 东方设计工作室: its designer 林晓东 (jc.designer), a colleague, and a
    designer of another studio, over HTTP on the demo data as shipped."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.designer_user = cls.env.ref("jiancai_base.user_portal_designer", False)
        if not cls.designer_user:
            raise unittest.SkipTest("needs the demo data (bin/test loads it)")
        # the assertions read English; the phone screenshot switches back to Chinese
        cls.designer_user.lang = "en_US"
        cls.studio = cls.env.ref("jiancai_base.partner_studio_dongfang")
        cls.store = cls.env.ref("jiancai_base.store_xuhui")
        cls.xu = cls.env.ref("jiancai_referral.referral_demo_xu")  # submitted, by 林晓东
        cls.colleague_user = new_test_user(
            cls.env,
            login="jc_studio_colleague",
            groups="jiancai_base.group_portal_designer",
            name="韩雪",
            lang="en_US",
        )
        cls.colleague_user.partner_id.write(
            {"parent_id": cls.studio.id, "jiancai_partner_role": "designer"}
        )
        cls.stranger_user = new_test_user(
            cls.env,
            login="jc_other_studio",
            groups="jiancai_base.group_portal_designer",
            name="王芳",
            lang="en_US",
        )
        cls.stranger_user.partner_id.jiancai_partner_role = "designer"
        # a referral registered under the studio itself (the commercial partner)
        cls.studio_referral = cls.env["jiancai.referral"].create(
            {
                "customer_name": "钱永刚",
                "customer_phone": "137 5566 7788",
                "community": "徐汇苑",
                "building": "5号楼",
                "room": "302室",
                "referrer_id": cls.studio.id,
                "team_id": cls.store.id,
            }
        )
        cls.studio_referral.action_submit()

    def post_form(self, login, token=None, **fields):
        """Post the report form as ``login``; ``token`` replays an earlier form."""
        if getattr(self, "_logged_in", None) != login:
            self.authenticate(login, login)  # a new session, as on another phone
            self._logged_in = login
        page = self.url_open("/my/referrals/new").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        shown = re.search(r'name="form_token" value="([^"]+)"', page)
        data = {
            "csrf_token": csrf,
            "form_token": token or (shown.group(1) if shown else ""),
            "customer_name": "新客户",
            "customer_phone": "13811112222",
            "community": "衡山公寓",
            "building": "1号楼",
            "room": "701室",
            "team_id": str(self.store.id),
        }
        data.update(fields)
        response = self.url_open("/my/referrals/new", data=data, allow_redirects=False)
        return response, data["form_token"]

    @staticmethod
    def alert(response):
        """The error shown on the form, to say why a post was refused."""
        found = re.search(r'o_jiancai_referral_error"[^>]*>(.*?)</div>', response.text, re.S)
        return found and found.group(1).strip()

    def logs(self, user):
        return self.env["jiancai.referral.lookup.log"].search([("user_id", "=", user.id)])

    def test_studio_sees_its_referrals_others_get_404(self):
        he = self.env.ref("jiancai_referral.referral_demo_he")
        gao = self.env.ref("jiancai_referral.referral_demo_gao")  # 金色家园's
        for login in ("jc.designer", "jc_studio_colleague"):
            self.authenticate(login, login)
            self._logged_in = login
            listing = self.url_open("/my/referrals").text
            for referral in (he, self.xu, self.studio_referral):
                self.assertIn(referral.name, listing, f"{login} sees the studio's referrals")
                page = self.url_open(f"/my/referrals/{referral.id}")
                self.assertEqual(page.status_code, 200, f"{login} opens {referral.name}")
            self.assertNotIn(gao.name, listing)
            self.assertEqual(self.url_open(f"/my/referrals/{gao.id}").status_code, 404)
        self.assertIn("林晓东", listing, "the colleague sees who reported it")
        self.authenticate("jc_other_studio", "jc_other_studio")
        self._logged_in = "jc_other_studio"
        listing = self.url_open("/my/referrals").text
        for referral in (he, self.xu, self.studio_referral):
            self.assertNotIn(referral.name, listing)
            self.assertEqual(self.url_open(f"/my/referrals/{referral.id}").status_code, 404)
        self.designer_user.lang = "zh_CN"  # as the demo ships him
        self.screenshot(
            "/my/referrals",
            "referral_portal_studio_list_phone",
            login="jc.designer",
            size=PHONE,
            ready="document.querySelectorAll('.o_jiancai_referral_row').length >= 4",
        )

    def test_studio_referral_is_not_another_partners(self):
        # the colleague reports 徐丽华 again, at another address: the studio holds her
        response, _token = self.post_form(
            "jc_studio_colleague", customer_phone="139 0192 5566", community="别的小区"
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("already registered by your studio", response.text)
        self.assertNotIn("another partner", response.text)
        self.assertIn(self.xu.name, response.text)
        self.assertIn(f'href="/my/referrals/{self.xu.id}"', response.text)
        self.assertFalse(
            self.env["jiancai.referral"].search(
                [("referrer_id", "=", self.colleague_user.partner_id.id)]
            ),
            "no draft of the studio's own customer",
        )
        self.assertEqual(self.logs(self.colleague_user).referral_id, self.xu)
        # the studio itself as referrer counts as the studio too
        response, _token = self.post_form("jc.designer", customer_phone="13755667788")
        self.assertEqual(response.status_code, 409)
        self.assertIn("already registered by your studio", response.text)
        self.assertIn(self.studio_referral.name, response.text)

    def test_back_and_resubmit_creates_nothing_new(self):
        response, token = self.post_form("jc.designer")
        self.assertEqual(response.status_code, 303, self.alert(response))
        Referral = self.env["jiancai.referral"]
        referral = Referral.search([("phone_key", "=", "13811112222")])
        self.assertEqual(referral.state, "submitted")
        self.assertIn(f"/my/referrals/{referral.id}", response.headers["Location"])
        # Back, then Submit again: the same form leads to the same referral
        response, _token = self.post_form("jc.designer", token=token)
        self.assertEqual(response.status_code, 303)
        self.assertIn(f"/my/referrals/{referral.id}", response.headers["Location"])
        self.assertEqual(Referral.search([("phone_key", "=", "13811112222")]), referral)
        # the form opened anew and sent again: his own referral, no draft
        response, _token = self.post_form("jc.designer")
        self.assertEqual(response.status_code, 409)
        self.assertIn("already registered by your studio", response.text)
        self.assertEqual(Referral.search([("phone_key", "=", "13811112222")]), referral)
        self.assertEqual(len(self.logs(self.designer_user)), 2, "the replay is not counted")

    def test_other_studio_is_not_told_which_key_matched_and_is_counted(self):
        response, _token = self.post_form(
            "jc_other_studio", customer_phone="+86 13901925566", community="别的小区"
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("This customer is already reported by another partner", response.text)
        self.assertNotIn("phone number", response.text)
        self.assertNotIn("林晓东", response.text)
        log = self.logs(self.stranger_user)
        self.assertEqual((log.kind, log.referral_id), ("report", self.xu))
        self.assertIn("13901925566", log.search_key)
        self.assertNotIn("phone number", log.shown)
        # the form opened anew and sent again: his draft is reported again, not copied
        response, _token = self.post_form(
            "jc_other_studio", customer_phone="13901925566", community="别的小区"
        )
        self.assertEqual(response.status_code, 409)
        draft = self.env["jiancai.referral"].search(
            [("referrer_id", "=", self.stranger_user.partner_id.id)]
        )
        self.assertEqual(draft.state, "draft", "one draft, kept for a dispute")
        # a designer's reports count against the daily limit of lookups
        self.env["ir.config_parameter"].sudo().set_param("jiancai_referral.lookup_daily_limit", "2")
        response, _token = self.post_form("jc_other_studio", customer_phone="13822223333")
        self.assertEqual(response.status_code, 429)
        self.assertIn("limit of 2 lookups", response.text)
        self.assertFalse(self.env["jiancai.referral"].search([("phone_key", "=", "13822223333")]))

    def test_studio_message_on_the_phone(self):
        with self.page("/my/referrals/new", login="jc_studio_colleague", size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_referral_submit')", "form")
            self.run_js(
                browser,
                FILL
                % {"phone": "139 0192 5566", "community": "仁恒河滨城", "store": self.store.id},
            )
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_referral_studio')", "the studio link"
            )
            self.shot(browser, "referral_portal_studio_holds_phone")
            self.run_js(browser, "document.querySelector('.o_jiancai_referral_studio').click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_referral_page')", "the referral"
            )
            text = self.run_js(browser, "document.body.innerText")
        self.assertIn(self.xu.name, text)
        self.assertIn("林晓东", text, "the page says who of the studio reported it")
