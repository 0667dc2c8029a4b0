from datetime import datetime, timedelta

from odoo.tests import freeze_time, tagged

from .common import NOW, ServiceCase


@tagged("post_install", "-at_install")
class TestServiceSla(ServiceCase):
    @freeze_time(NOW)
    def test_deadlines_pause_and_escalation(self):
        ticket = self.new_ticket(self.repair)
        self.assertEqual(ticket.jiancai_sla_id, self.sla)
        # opened Monday 08:00 Shanghai: response 4 h = 9-12 + 13-14 → 14:00
        self.assertEqual(ticket.jiancai_response_deadline, datetime(2026, 9, 28, 6, 0))
        # 16 h: Monday 8 h, Tuesday 8 h → Tuesday 18:00 Shanghai
        self.assertEqual(ticket.jiancai_resolution_deadline, datetime(2026, 9, 29, 10, 0))
        self.assertEqual(ticket.jiancai_sla_state, "ok")

        # waiting for the customer Monday 10:00-11:00 Shanghai: one working hour later
        with freeze_time(datetime(2026, 9, 28, 2, 0)):
            ticket.action_jiancai_wait_customer()
        self.assertEqual(ticket.jiancai_phase, "waiting")
        with freeze_time(datetime(2026, 9, 28, 3, 0)):
            ticket.action_jiancai_resume()
        self.assertEqual(len(ticket.jiancai_pause_ids), 1)
        self.assertEqual(ticket.jiancai_resolution_deadline, datetime(2026, 9, 30, 2, 0))

        Ticket = self.env["helpdesk.ticket"]
        # Monday 18:00 Shanghai: 7 of 16 working hours used (< 50%)
        Ticket._cron_jiancai_escalate(now=datetime(2026, 9, 28, 10, 0))
        self.assertEqual(ticket.jiancai_escalation_level, 0)
        # Tuesday 10:00: 8 h used = 50% → notify the service manager
        Ticket._cron_jiancai_escalate(now=datetime(2026, 9, 29, 2, 0))
        self.assertEqual(ticket.jiancai_escalation_level, 1)
        told = self.env["jiancai.notification"].sudo().search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id),
             ("user_id", "=", self.users["gm"].id)]
        )  # fmt: skip
        self.assertTrue(told)
        self.assertEqual(ticket.priority, "1")
        # Wednesday 10:00: 16 h used = 100% → priority raised; the same run again: nothing
        Ticket._cron_jiancai_escalate(now=datetime(2026, 9, 30, 2, 0))
        Ticket._cron_jiancai_escalate(now=datetime(2026, 9, 30, 2, 0))
        self.assertEqual(ticket.jiancai_escalation_level, 2)
        self.assertEqual(ticket.priority, "2")
        with freeze_time(datetime(2026, 9, 30, 3, 0)):
            self.assertIn(ticket, Ticket.search([("jiancai_sla_state", "=", "late")]))
            ticket.invalidate_recordset(["jiancai_sla_state"])
            self.assertEqual(ticket.jiancai_sla_state, "late")
        # Thursday 10:00: 24 h = 150% → reassigned
        Ticket._cron_jiancai_escalate(now=datetime(2026, 10, 1, 2, 0))
        self.assertEqual(ticket.jiancai_escalation_level, 3)
        self.assertEqual(ticket.user_id, self.tech_user2)
        self.assertEqual(ticket.jiancai_technician_id, self.tech2)

    @freeze_time(NOW)
    def test_public_holiday_moves_the_deadline(self):
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Test holiday",
                "calendar_id": self.calendar.id,
                # Tuesday in Shanghai
                "date_from": datetime(2026, 9, 28, 16, 0),
                "date_to": datetime(2026, 9, 29, 16, 0),
            }
        )
        ticket = self.new_ticket(self.repair)
        self.assertEqual(ticket.jiancai_resolution_deadline, datetime(2026, 9, 30, 10, 0))

    @freeze_time(NOW)
    def test_policy_by_priority(self):
        urgent = self.env["jiancai.service.sla"].create(
            {
                "name": "Urgent",
                "sequence": 1,
                "priority": "3",
                "calendar_id": self.calendar.id,
                "response_hours": 1,
                "resolution_hours": 4,
            }
        )
        ticket = self.new_ticket(self.repair, priority="3")
        self.assertEqual(ticket.jiancai_sla_id, urgent)
        self.assertEqual(ticket.jiancai_resolution_deadline, datetime(2026, 9, 28, 6, 0))
        ticket.priority = "1"
        self.assertEqual(ticket.jiancai_sla_id, self.sla)
        self.assertGreater(ticket.jiancai_resolution_deadline, NOW + timedelta(days=1))

    @freeze_time(NOW)
    def test_policy_by_customer_class(self):
        vip = self.env["res.partner.category"].create({"name": "VIP (test)"})
        vip_policy = self.env["jiancai.service.sla"].create(
            {
                "name": "VIP customers",
                "sequence": 1,
                "partner_category_ids": [(6, 0, vip.ids)],
                "calendar_id": self.calendar.id,
                "response_hours": 1,
                "resolution_hours": 4,
            }
        )
        self.assertEqual(self.new_ticket(self.repair).jiancai_sla_id, self.sla)
        # the class of the customer's company counts for its contacts too
        company = self.env["res.partner"].create(
            {"name": "Test villa owner Ltd", "is_company": True, "category_id": [(6, 0, vip.ids)]}
        )
        contact = self.env["res.partner"].create({"name": "Test contact", "parent_id": company.id})
        ticket = self.new_ticket(self.repair, partner_id=contact.id)
        self.assertEqual(ticket.jiancai_sla_id, vip_policy)
        self.assertEqual(ticket.jiancai_resolution_deadline, datetime(2026, 9, 28, 6, 0))
        # tagging a customer later does not rewrite the targets of an open ticket
        plain = self.new_ticket(self.repair)
        self.assertEqual(plain.jiancai_sla_id, self.sla)
        self.customer.category_id = vip
        plain.invalidate_recordset()
        self.assertEqual(plain.jiancai_sla_id, self.sla)
        # a new ticket of the customer, now VIP, gets the VIP targets
        self.assertEqual(self.new_ticket(self.repair).jiancai_sla_id, vip_policy)
