from datetime import datetime

from odoo.tests import freeze_time, tagged

from odoo.addons.jiancai_execution.tests.common import ControlPointMixin
from odoo.addons.jiancai_service.tests.common import NOW, ServiceCase

# Thursday 2026-11-19 10:00 in Shanghai, a week without public holidays
THURSDAY = datetime(2026, 11, 19, 2, 0)


@tagged("post_install", "-at_install")
class TestServiceControlPoints(ControlPointMixin, ServiceCase):
    control_point_module = "jiancai_execution_service"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gm = cls.users["gm"]
        cls.env.company.partner_id.tz = "Asia/Shanghai"

    def assigned_ticket(self, service_type=None, **vals):
        ticket = self.new_ticket(service_type)
        ticket.write({"jiancai_technician_id": self.tech.id, "jiancai_store_id": self.store.id})
        if vals:
            ticket.write(vals)
        self.assertEqual(ticket.user_id, self.tech_user)
        return ticket

    def test_ticket_over_its_sla(self):
        rule = self.switch_on("cp_ticket_over_sla")
        with freeze_time(NOW):
            # opened Monday 08:00: 16 working hours → resolve by Tuesday 18:00
            late = self.assigned_ticket(self.repair)
        self.assertEqual(late.jiancai_sla_id, self.sla)
        with freeze_time(datetime(2026, 9, 30, 2, 0)):
            on_time = self.assigned_ticket(self.repair)
            fired = self.fired(rule, late | on_time)
        self.assertEqual(fired.res_id, late.id)
        self.assertEqual(fired.user_id, self.tech_user)
        self.assertEqual(fired.store_id, self.store)

    def test_ticket_not_closed_after_the_visit(self):
        rule = self.switch_on("cp_ticket_not_closed_after_visit")
        scheduled = self.env["helpdesk.ticket"]._jiancai_stage("scheduled")
        cancelled = self.env["helpdesk.ticket"]._jiancai_stage("cancelled")
        monday, wednesday = datetime(2026, 11, 16, 2, 0), datetime(2026, 11, 18, 2, 0)
        # the visit was on Monday: 2 working days later (Wednesday) it is still open
        forgotten = self.assigned_ticket(stage_id=scheduled.id, jiancai_start=monday)
        recent = self.assigned_ticket(stage_id=scheduled.id, jiancai_start=wednesday)
        dropped = self.assigned_ticket(stage_id=cancelled.id, jiancai_start=monday)
        with freeze_time(THURSDAY):
            fired = self.fired(rule, forgotten | recent | dropped)
        self.assertEqual(fired.res_id, forgotten.id)
        self.assertEqual(fired.user_id, self.tech_user)
        self.assertEqual(fired.store_id, self.store)
