import base64
import io

import openpyxl

from odoo.tests import new_test_user

from odoo.addons.jiancai_base.tests.common import JiancaiCase

HEADER = ("小区", "楼栋", "房号", "姓名", "电话", "来源", "备注")


def xlsx(rows, header=HEADER):
    """An .xlsx file (bytes) with a header row and ``rows``."""
    book = openpyxl.Workbook()
    sheet = book.active
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class CrmCase(JiancaiCase):
    """Two stores: the test store (a manager, two guides) and another (one guide)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guide = cls.users["guide"]
        cls.manager = cls.users["store_manager"]
        cls.guide2 = new_test_user(
            cls.env,
            login="jc_test_guide2",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="Test guide two",
            lang="en_US",
        )
        cls.store.member_ids = [(4, cls.guide2.id)]
        cls.other_guide = new_test_user(
            cls.env,
            login="jc_test_other_guide",
            groups="base.group_user,jiancai_base.group_sales_guide",
            name="Other store guide",
            lang="en_US",
        )
        cls.other_store = cls.env["crm.team"].create(
            {
                "name": "Other Store",
                "jiancai_is_store": True,
                "jiancai_store_code": "T002",
                "company_id": cls.env.company.id,
                "member_ids": [(4, cls.other_guide.id)],
            }
        )
        Param = cls.env["ir.config_parameter"].sudo()
        for key, value in {
            "daily_claim_limit": 3,
            "held_limit": 5,
            "cooldown_days": 7,
            "extension_days": 7,
            "max_protection_days": 30,
            "reminder_days": 2,
            "protection_days_shell": 15,
            "protection_days_tiling": 7,
        }.items():
            Param.set_param(f"jiancai_crm.{key}", str(value))

    @classmethod
    def pool_lead(cls, name="池子客户", phone="13900001111", store=None, stage="tiling", **extra):
        return cls.env["crm.lead"].create(
            {
                "name": name,
                "type": "lead",
                "contact_name": name,
                "phone": phone,
                "jiancai_community": "翠湖天地",
                "jiancai_building": "3栋",
                "jiancai_room": extra.pop("room", "501"),
                "jiancai_renovation_stage": stage,
                "team_id": (store or cls.store).id,
                "user_id": False,
                **extra,
            }
        )

    def import_wizard(self, data, user=None, filename="leads.xlsx", **values):
        Import = self.env["jiancai.crm.lead.import"].with_user(user or self.manager)
        return Import.create(
            {
                "file": base64.b64encode(data),
                "filename": filename,
                "team_id": self.store.id,
                **values,
            }
        )
