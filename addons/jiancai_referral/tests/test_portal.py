import re

from odoo.tests import new_test_user, tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase

FILL = """
(() => {
    const set = (name, value) => {
        const input = document.querySelector(`[name="${name}"]`);
        input.value = value;
    };
    set("customer_name", "何志明");
    set("customer_phone", "%(phone)s");
    set("community", "%(community)s");
    set("building", "3号楼");
    set("unit", "1单元");
    set("room", "501");
    const store = document.querySelector('select[name="team_id"]');
    store.value = store.querySelector('option[value="%(store)s"]').value;
    document.querySelector(".o_jiancai_referral_submit").click();
    return true;
})()
"""


class ReferralHttpCase(JiancaiHttpCase):
    """A store with its manager and guide, and two portal designers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="jc_ref_manager",
            groups="base.group_user,jiancai_base.group_store_manager",
        )
        cls.guide = new_test_user(
            cls.env,
            login="jc_ref_guide",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
            name="张伟",
        )
        cls.store = cls.env["crm.team"].create(
            {
                "name": "徐汇旗舰店",
                "jiancai_is_store": True,
                "jiancai_store_code": "R001",
                "user_id": cls.manager.id,
                "member_ids": [(4, cls.guide.id)],
            }
        )
        cls.designer_user = new_test_user(
            cls.env,
            login="jc_ref_designer",
            groups="jiancai_base.group_portal_designer",
            name="林晓东",
        )
        cls.other_user = new_test_user(
            cls.env,
            login="jc_ref_designer2",
            groups="jiancai_base.group_portal_designer",
            name="王芳",
        )
        (cls.designer_user.partner_id | cls.other_user.partner_id).jiancai_partner_role = "designer"

    def submit(self, login, name, phone="139 1765 4321", community="翠湖天地"):
        with self.page("/my/referrals/new", login=login, size=PHONE) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_referral_submit')", "form")
            self.run_js(
                browser, FILL % {"phone": phone, "community": community, "store": self.store.id}
            )
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_referral_page, .o_jiancai_referral_error')",
                "the answer to the submission",
            )
            width = self.run_js(browser, "document.documentElement.scrollWidth")
            self.assertLessEqual(width, 390, "the page fits a phone without side scrolling")
            self.shot(browser, name)
            return self.run_js(browser, "document.body.innerText")


@tagged("post_install", "-at_install")
class TestReferralPortal(ReferralHttpCase):
    def test_designer_submits_and_duplicate_is_refused(self):
        text = self.submit("jc_ref_designer", "referral_portal_submitted")
        self.assertIn("Submitted", text)
        referral = self.env["jiancai.referral"].search(
            [("referrer_id", "=", self.designer_user.partner_id.id)]
        )
        self.assertEqual(referral.state, "submitted")
        self.assertEqual(referral.phone_key, "13917654321")

        text = self.submit(
            "jc_ref_designer2",
            "referral_portal_duplicate",
            phone="+86 13917654321",
            community="翠湖天地花园",
        )
        self.assertIn("already reported by another partner", text)
        self.assertNotIn("林晓东", text, "the other designer may not learn who holds it")
        draft = self.env["jiancai.referral"].search(
            [("referrer_id", "=", self.other_user.partner_id.id)]
        )
        self.assertEqual(draft.state, "draft", "nothing is lost: the draft is kept")

        # the other designer cannot open the first one's referral by URL
        self.authenticate("jc_ref_designer2", "jc_ref_designer2")
        response = self.url_open(f"/my/referrals/{referral.id}")
        self.assertEqual(response.status_code, 404)
        response = self.url_open(f"/my/referrals/{draft.id}")
        self.assertEqual(response.status_code, 200)
        # nor dispute it by a crafted post
        page = self.url_open("/my/referrals/new").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(f"/my/referrals/{referral.id}/dispute", data={"csrf_token": token})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["jiancai.referral.conflict"].search([("referral_id", "=", referral.id)])
        )
        # an internal user without a designer role gets no portal list
        self.authenticate("jc_ref_guide", "jc_ref_guide")
        self.assertEqual(self.url_open("/my/referrals").status_code, 404)

    def test_crafted_timeline_is_ignored_not_a_500(self):
        self.authenticate("jc_ref_designer", "jc_ref_designer")
        page = self.url_open("/my/referrals/new").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            "/my/referrals/new",
            data={
                "csrf_token": token,
                "customer_name": "何志明",
                "customer_phone": "13917654321",
                "community": "翠湖天地",
                "building": "3-1-501",
                "team_id": str(self.store.id),
                "timeline": "nan",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        referral = self.env["jiancai.referral"].search(
            [("referrer_id", "=", self.designer_user.partner_id.id)]
        )
        self.assertEqual(referral.state, "submitted")
        self.assertFalse(referral.timeline)

    def test_malformed_phone_shows_message_in_portal(self):
        text = self.submit("jc_ref_designer", "referral_portal_bad_phone", phone="139 1765")
        self.assertIn("is not a phone number we can use", text)
        self.assertFalse(
            self.env["jiancai.referral"].search(
                [("referrer_id", "=", self.designer_user.partner_id.id)]
            )
        )

    def test_guide_lookup_in_backend(self):
        self.env["jiancai.referral"].create(
            {
                "customer_name": "何志明",
                "customer_phone": "13917654321",
                "community": "翠湖天地",
                "room": "501",
                "referrer_id": self.designer_user.partner_id.id,
                "team_id": self.store.id,
                "user_id": self.guide.id,
            }
        ).with_user(self.manager).action_submit()
        with self.page(
            "/odoo/action-jiancai_referral.jiancai_referral_lookup_action",
            login="jc_ref_guide",
            size=PHONE,
        ) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_referral_lookup [name=phone] input')",
                "lookup form",
            )
            self.run_js(
                browser,
                """(() => {
                const i = document.querySelector('.o_jiancai_referral_lookup [name=phone] input');
                i.value = '139 1765 4321';
                i.dispatchEvent(new Event('input', {bubbles: true}));
                i.dispatchEvent(new Event('change', {bubbles: true}));
                document.querySelector('button[name=action_lookup]').click();
                return true; })()""",
            )
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_referral_lookup_result') && document"
                ".querySelector('.o_jiancai_referral_lookup_result').innerText"
                ".includes('Already reported')",
                "the lookup result",
            )
            self.shot(browser, "referral_guide_lookup")
        log = self.env["jiancai.referral.lookup.log"].search([("user_id", "=", self.guide.id)])
        self.assertEqual(log.entered, "139 1765 4321")
        self.assertIn("Already reported", log.shown)
        self.assertIn("张伟 / 徐汇旗舰店", log.shown)

    def test_backend_form_with_timeline_as_manager(self):
        referral = self.env["jiancai.referral"].create(
            {
                "customer_name": "何志明",
                "customer_phone": "13917654321",
                "community": "翠湖天地",
                "building": "3栋",
                "unit": "1单元",
                "room": "501",
                "referrer_id": self.designer_user.partner_id.id,
                "team_id": self.store.id,
                "user_id": self.guide.id,
            }
        )
        referral.with_user(self.manager).action_submit()
        referral.with_user(self.manager).action_verify()
        ready = (
            "!!document.querySelector('.o_form_view') && "
            "document.querySelector('.o_field_widget[name=milestone_ids]')"
            "?.innerText.includes('Verified')"
        )
        self.screenshot(
            f"/odoo/referrals/{referral.id}",
            "referral_form_manager",
            login="jc_ref_manager",
            ready=ready,
        )
        self.screenshot(
            "/odoo/referrals",
            "referral_kanban_manager",
            login="jc_ref_manager",
            ready="!!document.querySelector('.o_kanban_record') && "
            "document.body.innerText.includes('何志明')",
        )


REPORT_FILL = """
(async () => {
    const form = document.querySelector('.o_jiancai_referral_report');
    const set = (name, value) => {
        const input = form.querySelector(`[name="${name}"] input`);
        input.value = value;
        input.dispatchEvent(new Event('input', {bubbles: true}));
        input.dispatchEvent(new Event('change', {bubbles: true}));
    };
    set('customer_name', '何志明');
    set('customer_phone', '%(phone)s');
    set('community', '翠湖天地');
    set('building', '3-1-501');
    return true;
})()
"""
INPUT = "document.querySelector('.o_jiancai_referral_report [name=referrer_id] input')"
PICK = (
    "[...document.querySelectorAll('.modal .o_kanban_record')].find("
    "r => r.innerText.split('\\n').map(l => l.trim()).includes('%s'))"
)


@tagged("post_install", "-at_install")
class TestGuideReportPhone(ReferralHttpCase):
    def report(self, login, name, designer, phone="139 1765 4321"):
        with self.page(
            "/odoo/action-jiancai_referral.jiancai_referral_report_action",
            login=login,
            size=PHONE,
        ) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_referral_report [name=customer_name] input')",
                "the report form",
            )
            self.run_js(browser, REPORT_FILL % {"phone": phone, "designer": designer})
            # on a phone, the many2one opens a search dialog of kanban cards
            self.run_js(browser, f"{INPUT}.click() || true")
            pick = PICK % designer
            self.wait_for(browser, f"!!{pick}", "designer list")
            self.run_js(browser, f"{pick}.click() || true")
            self.wait_for(
                browser,
                f"{INPUT}.value.includes('{designer}')",
                "designer chosen",
            )
            self.run_js(browser, "document.querySelector('button[name=action_report]').click()")
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_referral_report_result:not(.d-none)') || "
                "!!document.querySelector('.o_error_dialog, .modal .o_dialog_error, "
                ".modal-body .text-prewrap')",
                "the answer",
            )
            self.shot(browser, name)
            return self.run_js(browser, "document.body.innerText")

    def test_guide_reports_a_customer_from_the_phone(self):
        text = self.report("jc_ref_guide", "referral_guide_report_phone", "林晓东")
        self.assertIn("submitted", text)
        referral = self.env["jiancai.referral"].search(
            [("referrer_id", "=", self.designer_user.partner_id.id)]
        )
        self.assertEqual((referral.state, referral.user_id), ("submitted", self.guide))
        guide2 = new_test_user(
            self.env,
            login="jc_ref_guide2",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
        )
        self.store.member_ids = [(4, guide2.id)]
        text = self.report(
            "jc_ref_guide2", "referral_guide_report_duplicate_phone", "王芳", phone="13917654321"
        )
        self.assertIn("already reported by another partner", text)
        self.assertNotIn("张伟", text, "the holder's salesperson stays unknown")
        self.assertEqual(
            self.env["jiancai.referral"].search_count(
                [("referrer_id", "=", self.other_user.partner_id.id)]
            ),
            0,
        )
