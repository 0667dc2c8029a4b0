import base64
from pathlib import Path

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase

from .common import CrmCase, xlsx

PHONE_375 = "375x812"
DEMO_SHEET = Path(__file__).resolve().parents[3] / "data" / "leads_demo.xlsx"


@tagged("post_install", "-at_install")
class TestCrmUi(JiancaiHttpCase, CrmCase):
    def test_guide_claims_from_the_pool_on_a_phone(self):
        lead = self.pool_lead(name="陈女士", phone="138 0170 2201")
        self.pool_lead(name="别店客户", phone="13801702202", store=self.other_store)
        with self.page("/jc/leads", login="jc_test_guide", size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_crm_claim')", "pool", timeout=60
            )
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("138****2201", text)
            self.assertNotIn("13801702201", text)
            self.assertNotIn("别店客户", text, "another store's pool")
            self.shot(browser, "crm_pool_phone_375")
            self.run_js(browser, f"document.querySelector('[data-lead=\"{lead.id}\"]').click()")
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_crm_message')", "claimed", timeout=60
            )
            text = self.run_js(browser, "document.body.innerText")
            self.assertIn("13801702201", text)
            self.shot(browser, "crm_claimed_phone_375")
        self.assertEqual(lead.user_id, self.users["guide"])

    def test_phone_page_refusals(self):
        self.pool_lead(phone="13801709998")  # the guide's own pool: the page has a form
        other = self.pool_lead(phone="13801709999", store=self.other_store)
        response = self.post_form("jc_test_guide", "/jc/leads/claim", {"lead_id": str(other.id)},
                                  form_url="/jc/leads")  # fmt: skip
        self.assertEqual(response.status_code, 404)
        self.assertIn("no longer in your pool", response.text)
        self.assertFalse(other.user_id)
        for hostile in ("abc", "1e9", "-1", "١٢"):
            response = self.post_form("jc_test_guide", "/jc/leads/claim", {"lead_id": hostile},
                                      form_url="/jc/leads")  # fmt: skip
            self.assertEqual(response.status_code, 404)
        self.authenticate("jc_test_driver", "jc_test_driver")
        self.assertEqual(self.url_open("/jc/leads").status_code, 404)
        self.assertEqual(self.url_open("/jc/crm/lead_template.xlsx").status_code, 404)

    @mute_logger("odoo.http")
    def test_pool_is_read_only_over_json_rpc(self):
        lead = self.pool_lead(phone="13801708888")
        with self.assertRaises(Exception) as caught:  # noqa: B017  the RPC error
            self.call_kw("jc_test_guide", "crm.lead", "read", [[lead.id], ["phone"]])
        self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(Exception) as caught:  # noqa: B017
            self.call_kw(
                "jc_test_guide",
                "jiancai.crm.pool.lead",
                "write",
                [[lead.id], {"phone_masked": "x"}],
            )
        self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(Exception) as caught:  # noqa: B017
            self.call_kw(
                "jc_test_guide",
                "crm.lead",
                "write",
                [[lead.id], {"user_id": self.users["guide"].id}],
            )
        self.assertIn("AccessError", str(caught.exception))
        self.assertFalse(lead.user_id)

    def test_import_preview_tour_desktop(self):
        self.env["res.partner"].create(
            {"name": "别店客户", "phone": "13917650002", "user_id": self.other_guide.id}
        )
        data = xlsx(
            [
                ("翠湖天地", "3栋", "501室", "王先生", "139 1765 0001", "扫楼", "毛坯"),
                ("翠湖天地", "3栋", "502室", "李女士", "12345", "扫楼", ""),
                ("翠湖天地", "3号楼", "501", "王太太", "13917650009", "扫楼", ""),
                ("别处", "", "", "别店", "139-1765-0002", "扫楼", ""),
                ("翠湖天地", "5栋", "601", "赵先生", "13917650010", "物业", "水电"),
            ]
        )
        wizard = (
            self.env["jiancai.crm.lead.import"]
            .with_user(self.users["store_manager"])
            .create(
                {"file": base64.b64encode(data), "filename": "leads.xlsx", "team_id": self.store.id}
            )
        )
        wizard.action_preview()
        url = f"/odoo/action-jiancai_crm.jiancai_crm_lead_import_action/{wizard.id}"
        with self.page(url, login="jc_test_store_manager", size=DESKTOP) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_data_row')", "preview rows", timeout=60
            )
            self.shot(browser, "crm_import_preview_desktop")
        self.start_tour(url, "jiancai_crm_lead_import", login="jc_test_store_manager")
        wizard.invalidate_recordset()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.created_count, 2)
        with self.page(url, login="jc_test_store_manager", size=DESKTOP) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_jiancai_crm_import_done:not(.d-none)')",
                "done",
                timeout=60,
            )
            self.shot(browser, "crm_import_done_desktop")

    def test_import_upload_tour_desktop(self):
        """The demo sheet goes through the wizard's file field, as a store manager picks it."""
        manager = self.users["store_manager"]
        # the bytes the tour puts in the file input (a browser's file dialog cannot be driven)
        self.env["ir.attachment"].with_user(manager).create(
            {"name": DEMO_SHEET.name, "raw": DEMO_SHEET.read_bytes()}
        )
        Import = self.env["jiancai.crm.lead.import"]
        before = Import.search([]).ids
        self.start_tour(
            "/odoo/action-jiancai_crm.jiancai_crm_lead_import_action",
            "jiancai_crm_lead_import_upload",
            login="jc_test_store_manager",
        )
        wizard = Import.search([("id", "not in", before)])
        self.assertEqual(len(wizard), 1)
        self.assertEqual(
            (wizard.state, wizard.filename, wizard.team_id, wizard.create_uid),
            ("preview", DEMO_SHEET.name, self.store, manager),
        )
        self.assertEqual(wizard.total_count, 12)
        self.assertEqual(len(wizard.line_ids), 12)
        outcomes = {line.contact_name: line.outcome for line in wizard.line_ids}
        self.assertEqual(outcomes["林先生"], "new")
        self.assertEqual(outcomes["罗女士"], "rejected")  # a digit short
        self.assertEqual(outcomes["谢先生"], "rejected")  # 林先生's phone
        url = f"/odoo/action-jiancai_crm.jiancai_crm_lead_import_action/{wizard.id}"
        with self.page(url, login="jc_test_store_manager", size=DESKTOP) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_data_row')", "preview rows", timeout=60
            )
            self.shot(browser, "crm_import_upload_preview_desktop")

    def test_settings_page_desktop(self):
        """The lead pool block of the Jiancai settings, for an administrator."""
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else "en_US"
        new_test_user(
            self.env,
            login="jc_test_settings_admin",
            groups="base.group_user,base.group_system",
            lang=lang,
        )
        with self.page(
            "/odoo/action-jiancai_base.res_config_settings_action",
            login="jc_test_settings_admin",
            size=DESKTOP,
        ) as browser:
            self.wait_for(
                browser,
                "!!document.getElementById('jiancai_crm_claim_limits')",
                "the lead pool settings",
                timeout=60,
            )
            self.run_js(
                browser, "document.getElementById('jiancai_crm_claim_limits').scrollIntoView()"
            )
            self.shot(browser, f"crm_settings_{lang}_desktop")

    @mute_logger("odoo.http")
    def test_settings_refused_over_json_rpc(self):
        """A store manager's script cannot change the pool's rules."""
        for model, method, args in (
            ("res.config.settings", "create", [{"jiancai_crm_daily_claim_limit": 999}]),
            ("ir.config_parameter", "set_param", ["jiancai_crm.daily_claim_limit", "999"]),
        ):
            with self.assertRaises(Exception) as caught:  # noqa: B017  the RPC error
                self.call_kw("jc_test_store_manager", model, method, args)
            self.assertIn("AccessError", str(caught.exception))
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("jiancai_crm.daily_claim_limit"), "3"
        )
