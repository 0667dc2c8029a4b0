from datetime import datetime

from odoo.tests import new_test_user

from odoo.addons.jiancai_base.tests.common import JiancaiCase

# Monday 2026-09-28 08:00 in Shanghai (00:00 UTC): the tests' "now"
NOW = datetime(2026, 9, 28, 0, 0)


class ServiceCase(JiancaiCase):
    """Two technicians on a Shanghai calendar (lunch 12-13), the service types, a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Asia/Shanghai"
        attendances = [
            (0, 0, {"name": f"{day} {part}", "dayofweek": str(day), "hour_from": start,
                    "hour_to": end, "day_period": part})
            for day in range(5)
            for part, start, end in (("morning", 9, 12), ("afternoon", 13, 18))
        ]  # fmt: skip
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Test Shanghai", "tz": "Asia/Shanghai", "attendance_ids": attendances}
        )
        cls.installation = cls.env.ref("jiancai_service.service_type_installation")
        cls.repair = cls.env.ref("jiancai_service.service_type_repair")
        cls.tiling = cls.env.ref("jiancai_service.skill_tiling")
        cls.tech_user = cls.users["technician"]
        cls.tech_user2 = new_test_user(
            cls.env,
            login="jc_test_technician2",
            groups="base.group_user,jiancai_base.group_technician",
            name="Other Technician",
            lang="en_US",
        )
        Technician = cls.env["jiancai.service.technician"]
        cls.tech = Technician.create(
            {
                "user_id": cls.tech_user.id,
                "phone": "158 2100 6610",
                "calendar_id": cls.calendar.id,
                "skill_ids": [(6, 0, cls.tiling.ids)],
            }
        )
        cls.tech2 = Technician.create(
            {
                "user_id": cls.tech_user2.id,
                "phone": "158 2100 6611",
                "calendar_id": cls.calendar.id,
                "skill_ids": [(6, 0, cls.tiling.ids)],
            }
        )
        # only the test technicians take jobs (demo ones, if any, are archived)
        (Technician.search([]) - cls.tech - cls.tech2).active = False
        cls.customer.write({"street": "七莘路 3333 弄", "city": "上海"})
        cls.service_user = cls.users["service"]
        cls.env.company.jiancai_service_manager_id = cls.users["gm"]
        cls.env["jiancai.service.sla"].search([]).active = False
        cls.sla = cls.env["jiancai.service.sla"].create(
            {
                "name": "Test SLA",
                "calendar_id": cls.calendar.id,
                "response_hours": 4,
                "resolution_hours": 16,
                "escalation_ids": [
                    (0, 0, {"percent": 50, "action": "notify"}),
                    (0, 0, {"percent": 100, "action": "priority"}),
                    (0, 0, {"percent": 150, "action": "reassign", "user_id": cls.tech_user2.id}),
                ],
            }
        )

    def new_ticket(self, service_type=None, **vals):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.service_user)
            .create(
                {
                    "jiancai_type_id": (service_type or self.installation).id,
                    "partner_id": self.customer.id,
                    **vals,
                }
            )
        )

    def sent_sms(self, ticket, template):
        return (
            self.env["jiancai.notification"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "helpdesk.ticket"),
                    ("res_id", "=", ticket.id),
                    ("channel", "=", "sms"),
                    ("sms_template_id.code", "=", template),
                ],
                order="id",
            )
        )

    def code_of(self, ticket):
        """The confirmation code of the last appointment SMS (what the customer reads)."""
        return self.sent_sms(ticket, "service_appointment")[-1].sms_params["code"]
