from datetime import date

from odoo.tests import new_test_user

from odoo.addons.jiancai_base.tests.common import JiancaiCase

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def build_renovation_world(cls):
    """A template of three phases, two supervisors, a homeowner with a portal login and
    a renovation planned from a Friday (created by the test, no demo data)."""
    env = cls.env
    # the dealer filled in the provider's codes once the texts were approved
    for xmlid in ("jiancai_renovation.sms_template_renovation_acceptance",
                  "jiancai_base.sms_template_rating_request"):  # fmt: skip
        env.ref(xmlid).provider_template_code = "SMS_TEST"
    cls.template = env["jiancai.renovation.template"].create(
        {
            "name": "Test template",
            "phase_ids": [
                (0, 0, {"name": "Plumbing", "sequence": 10, "planned_days": 3,
                        "min_photo_count": 2,
                        "check_ids": [(0, 0, {"name": "Pressure test", "sequence": 1}),
                                      (0, 0, {"name": "Wall photos", "sequence": 2}),
                                      (0, 0, {"name": "Tidy site", "required": False,
                                              "sequence": 3})]}),
                (0, 0, {"name": "Tiling", "sequence": 20, "planned_days": 2,
                        "min_photo_count": 1}),
                (0, 0, {"name": "Completion", "sequence": 30, "planned_days": 0,
                        "min_photo_count": 0}),
            ],
        }
    )  # fmt: skip
    cls.homeowner_user = new_test_user(
        env, login="jc_test_homeowner", groups="base.group_portal", name="Homeowner Ho",
        lang="en_US",
    )  # fmt: skip
    cls.homeowner = cls.homeowner_user.partner_id
    cls.homeowner.phone = "139 1765 4321"
    cls.other_homeowner_user = new_test_user(
        env, login="jc_test_homeowner2", groups="base.group_portal", name="Other Owner",
        lang="en_US",
    )  # fmt: skip
    cls.supervisor = new_test_user(
        env, login="jc_test_sup_a", groups="base.group_user,jiancai_base.group_supervisor",
        name="Supervisor A", lang="en_US",
    )  # fmt: skip
    cls.supervisor_b = new_test_user(
        env, login="jc_test_sup_b", groups="base.group_user,jiancai_base.group_supervisor",
        name="Supervisor B", lang="en_US",
    )  # fmt: skip
    cls.renovation = env["project.project"].create(
        {
            "name": "Ho · Test Garden 3-1-501",
            "jiancai_is_renovation": True,
            "partner_id": cls.homeowner.id,
            "jiancai_community": "Test Garden",
            "jiancai_building": "3栋",
            "jiancai_unit": "1单元",
            "jiancai_room": "501室",
            "jiancai_store_id": cls.store.id,
            "jiancai_supervisor_id": cls.supervisor.id,
            "jiancai_template_id": cls.template.id,
            "date_start": date(2026, 12, 4),  # a Friday
        }
    )
    cls.other_renovation = env["project.project"].create(
        {
            "name": "Other site",
            "jiancai_is_renovation": True,
            "partner_id": cls.other_homeowner_user.partner_id.id,
            "jiancai_supervisor_id": cls.supervisor_b.id,
            "jiancai_template_id": cls.template.id,
            "date_start": date(2026, 12, 4),
        }
    )
    cls.phases = cls.renovation.jiancai_phase_ids.sorted("sequence")


class RenovationCase(JiancaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        build_renovation_world(cls)
