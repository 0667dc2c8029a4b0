import json
import re

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import CrmCase

TOKEN = "s3cret-campaign-token"


@tagged("post_install", "-at_install")
class TestOnlineSources(JiancaiHttpCase, CrmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("jiancai_crm.api_token", TOKEN)
        cls.store.sequence = 0

    def api(self, body, token=TOKEN, raw=False):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = body if raw else json.dumps(body)
        return self.url_open("/jc/crm/api/lead", data=data, headers=headers)

    def test_json_endpoint(self):
        lead = {
            "name": "线上客户",
            "phone": "+86 139 2000 0001",
            "community": "翠湖天地",
            "building": "3栋",
            "room": "701",
            "campaign": "抖音12月",
            "store": "T001",
        }
        self.assertEqual(self.api(lead, token=None).status_code, 401)
        self.assertEqual(self.api(lead, token="wrong").status_code, 401)
        created = self.api(lead)
        self.assertEqual(created.status_code, 201, created.text)
        record = self.env["crm.lead"].browse(created.json()["id"])
        self.assertEqual(
            (record.jiancai_phone_key, record.team_id, record.user_id.id, record.source_id.name),
            ("13920000001", self.store, False, "抖音12月"),
        )
        # the same phone again, spelled otherwise: no second lead
        again = self.api({**lead, "phone": "139-2000-0001", "room": "702"})
        self.assertEqual((again.status_code, again.json()["status"]), (200, "duplicate"))
        self.assertEqual(
            self.env["crm.lead"].search_count([("jiancai_phone_key", "=", "13920000001")]), 1
        )
        self.assertIn("Signed up again online", " ".join(record.message_ids.mapped("body")))
        # the same flat with another phone: a duplicate too
        flat = self.api({**lead, "phone": "13920000002", "building": "3号楼", "room": "701室"})
        self.assertEqual(flat.json()["status"], "duplicate")
        bad = [
            (b"{not json", 400, "invalid_json"),
            (b"[1, 2]", 400, "invalid_json"),
            (b"\xff\xfe", 400, "invalid_json"),
            (json.dumps({**lead, "phone": "١٣٩٢٠٠٠٠٠٠٣"}).encode(), 400, "invalid_field"),
            (json.dumps({**lead, "phone": 13920000003}).encode(), 400, "invalid_field"),
            (json.dumps({**lead, "name": ""}).encode(), 400, "invalid_field"),
            (json.dumps({**lead, "store": "NOPE"}).encode(), 400, "invalid_field"),
            (json.dumps({**lead, "notes": "x" * 20000}).encode(), 413, "too_large"),
        ]
        for body, status, error in bad:
            with self.subTest(body=body[:40]):
                response = self.api(body, raw=True)
                self.assertEqual(response.status_code, status, response.text)
                self.assertEqual(response.json()["error"], error)

    def test_endpoint_closed_without_a_token_configured(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_crm.api_token", "")
        self.assertEqual(self.api({"name": "x", "phone": "13920000009"}, token="").status_code, 401)

    def _form(self):
        page = self.url_open("/jc/signup?campaign=小区团购")
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    @mute_logger("odoo.http")  # the CSRF refusal is logged
    def test_public_sign_up_form(self):
        self.authenticate(None, None)
        token = self._form()
        data = {"csrf_token": token, "name": "表单客户", "phone": "１３９２０００００１１",
                "community": "翠湖天地", "campaign": "小区团购"}  # fmt: skip
        done = self.url_open("/jc/signup", data=data)
        self.assertEqual(done.status_code, 200)
        self.assertIn("Thank you", done.text)
        lead = self.env["crm.lead"].search([("jiancai_phone_key", "=", "13920000011")])
        self.assertEqual((lead.user_id.id, lead.source_id.name), (False, "小区团购"))
        # a duplicate is thanked the same way and creates nothing
        self.assertIn("Thank you", self.url_open("/jc/signup", data=data).text)
        self.assertEqual(
            len(self.env["crm.lead"].search([("jiancai_phone_key", "=", "13920000011")])), 1
        )
        bad = self.url_open("/jc/signup", data={**data, "phone": "12"})
        self.assertEqual(bad.status_code, 400)
        self.assertIn("valid mobile number", bad.text)
        # no CSRF token: Odoo refuses the POST
        self.assertEqual(
            self.url_open("/jc/signup", data={**data, "csrf_token": ""}).status_code, 400
        )

    def test_sign_up_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("jiancai_crm.signup_hourly_limit", "2")
        self.authenticate(None, None)
        token = self._form()
        statuses = []
        for i in range(3):
            response = self.url_open(
                "/jc/signup",
                data={"csrf_token": token, "name": f"刷单{i}", "phone": f"1392000010{i}"},
            )
            statuses.append(response.status_code)
        self.assertEqual(statuses, [200, 200, 429])
