"""Chapter of the demo story: the renovation of 何志明's flat (jiancai_renovation).

冯涛 supervises the renovation of 万科城市花园 12栋 2单元 1501室 for the 徐汇旗舰店: the
handover and the plumbing are accepted, the waterproofing waits for 何志明. 冯涛 opens on
his sites on the phone; 何志明 finds "My Renovation" on his account and accepts the
waterproofing, and the tiling starts.
"""

from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

PHONE_375 = "375x812"

IMAGES_LOADED = (
    "[...document.images].filter(i => i.getAttribute('src') && i.offsetParent"
    " && i.getBoundingClientRect().top < innerHeight)"
    ".every(i => i.complete && i.naturalWidth > 0)"
)


@tagged("post_install", "-at_install")
class TestStoryRenovation(JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.renovation = cls.env.ref("jiancai_renovation.renovation_he")
        cls.phases = cls.renovation.jiancai_phase_ids.sorted("sequence")

    def test_story_renovation(self):
        renovation = self.renovation
        self.assertEqual(renovation.partner_id, self.env.ref("jiancai_base.partner_customer_he"))
        self.assertEqual(renovation.jiancai_supervisor_id.login, "jc.supervisor")
        self.assertEqual(renovation.jiancai_store_id, self.env.ref("jiancai_base.store_xuhui"))
        self.assertEqual(
            self.phases.mapped("jiancai_phase_state")[:4],
            ["accepted", "accepted", "waiting", "planned"],
        )
        self.assertEqual(self.phases[2].name, "防水闭水")
        self.assertEqual(len(self.phases[1].sudo().jiancai_photo_ids), 4)
        # -- 冯涛 opens on his sites, on the phone, in Chinese
        with self.page("/jc/site", login="jc.supervisor", size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_site')", "sites"
            )
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("何志明", text)
            self.assertIn("防水闭水", text)
            self.shot(browser, "story_supervisor_sites")
        # -- 何志明 sees his renovation on his account
        self.authenticate("jc.customer", "jc.customer")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["renovation_count"]})
        self.assertEqual(counters["renovation_count"], 1)
        with self.page(renovation.access_url, login="jc.customer", size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_accept')", "page"
            )
            self.assertEqual(
                self.run_js(
                    browser, "document.querySelectorAll('.o_jiancai_renovation_photo').length"
                ),
                9,
            )
            self.wait_for(browser, IMAGES_LOADED, "thumbnails")
            self.shot(browser, "story_homeowner_renovation")
            self.run_js(browser, "document.querySelector('.o_jiancai_renovation_accept').click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_renovation_message')", "accepted"
            )
            self.shot(browser, "story_homeowner_accepted")
        self.assertEqual(self.phases[2].jiancai_phase_state, "accepted")
        self.assertEqual(self.phases[3].jiancai_phase_state, "in_progress")
        self.assertEqual(renovation.jiancai_accepted_count, 3)
