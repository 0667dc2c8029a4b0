import io
from datetime import datetime, timedelta

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.jiancai_base.exceptions import GateRefusal
from odoo.addons.jiancai_base.tests.common import make_jpeg

from ..engine.code import MAX_TRIES
from .common import NOW, ServiceCase

# Tuesday 09:00 and 11:00 in Shanghai, in UTC
TUE_9 = datetime(2026, 9, 29, 1, 0)
TUE_13 = datetime(2026, 9, 29, 5, 0)


@tagged("post_install", "-at_install")
class TestServiceFlow(ServiceCase):
    def _deliver(self, product, when):
        """A customer delivery of ``product``, validated at ``when`` like the warehouse would."""
        warehouse = self.warehouse
        self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 10)
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": warehouse.out_type_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 2,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id})
                ],
            }
        )  # fmt: skip
        picking.action_confirm()
        picking.action_assign()
        with freeze_time(when):
            picking.with_user(self.users["warehouse"]).with_context(skip_sms=True).button_validate()
        self.assertEqual(picking.state, "done")
        return picking

    def _product(self, name, months=24, install=False):
        return self.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "jiancai_warranty_months": months,
                "jiancai_needs_installation": install,
            }
        )

    @freeze_time(NOW)
    def test_after_sales_class(self):
        tile = self._product("Test tile", months=24)
        recent = self._deliver(tile, NOW - timedelta(days=60))
        old = self._deliver(tile, NOW - timedelta(days=800))
        in_warranty = self.new_ticket(self.repair, jiancai_picking_id=recent.id,
                                      jiancai_product_id=tile.id)  # fmt: skip
        out = self.new_ticket(self.repair, jiancai_picking_id=old.id, jiancai_product_id=tile.id)
        pending = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": self.warehouse.out_type_id.id,
            }
        )
        delivering = self.new_ticket(self.repair, jiancai_picking_id=pending.id)
        self.assertEqual(in_warranty.jiancai_after_sales_class, "in_warranty")
        self.assertEqual(
            in_warranty.jiancai_warranty_end, (NOW - timedelta(days=60)).date().replace(year=2028)
        )
        self.assertEqual(out.jiancai_after_sales_class, "out_of_warranty")
        self.assertEqual(delivering.jiancai_after_sales_class, "delivering")
        # the cause proposes the responsible party
        out.jiancai_cause_id = self.env.ref("jiancai_service.cause_transport")
        self.assertEqual(out.jiancai_responsible, "carrier")

    @freeze_time(NOW)
    def test_installation_ticket_when_delivered(self):
        toilet = self._product("Test toilet", months=36, install=True)
        tile = self._product("Test plain tile")
        Param = self.env["ir.config_parameter"].sudo()
        Param.set_param("jiancai_service.auto_installation", False)
        off = self._deliver(toilet, NOW)
        self.assertFalse(off.jiancai_service_ticket_ids, "the setting is off")
        Param.set_param("jiancai_service.auto_installation", True)
        plain = self._deliver(tile, NOW)
        self.assertFalse(plain.jiancai_service_ticket_ids, "nothing to install")
        picking = self._deliver(toilet, NOW)
        ticket = picking.jiancai_service_ticket_ids
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.jiancai_kind, "installation")
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.jiancai_product_id, toilet)
        self.assertEqual(ticket.jiancai_after_sales_class, "in_warranty")
        self.assertEqual(len(ticket.jiancai_check_ids), 2, "the type's checklist is copied")
        sms = self.sent_sms(ticket, "service_booking")
        self.assertEqual(len(sms), 1)
        self.assertIn("/jc/t/", sms.sms_params["url"])

    @freeze_time(NOW)
    def test_offered_slots_and_booking(self):
        ticket = self.new_ticket()
        slots = ticket._jiancai_offered_slots(days=3)
        # earliest tomorrow 09:00 Shanghai; 2 h jobs; never over the lunch break
        self.assertEqual(slots[0][1], TUE_9)
        self.assertTrue(all(end - start == timedelta(hours=2) for _t, start, end in slots))
        self.assertNotIn(datetime(2026, 9, 29, 3, 30), [s for _t, s, _e in slots])
        # a technician without the skill is never offered
        self.tech2.skill_ids = False
        self.assertEqual({t for t, _s, _e in ticket._jiancai_offered_slots(days=3)}, {self.tech})
        self.tech2.skill_ids = self.tiling

        self.assertTrue(ticket._jiancai_book(self.tech, TUE_9, by="customer"))
        self.assertFalse(ticket._jiancai_book(self.tech, TUE_9, by="customer"), "double tap")
        self.assertEqual(len(self.sent_sms(ticket, "service_appointment")), 1)
        self.assertEqual(ticket.jiancai_phase, "scheduled")
        self.assertEqual(ticket.user_id, self.tech_user)
        self.assertEqual(ticket.jiancai_end, TUE_9 + timedelta(hours=2))
        params = self.sent_sms(ticket, "service_appointment").sms_params
        self.assertEqual(params["technician"], self.tech.name)
        self.assertEqual(params["phone"], "158 2100 6610")
        self.assertEqual(params["time"], "2026-09-29 09:00-11:00")

        # the slot is taken for a second customer, and so is the travel buffer after it
        other = self.new_ticket()
        with self.assertRaisesRegex(UserError, "just been taken"):
            other._jiancai_book(self.tech, TUE_9)
        # the travel buffer: a job 13:00-15:00 leaves 15:00 (no time to drive) taken
        third = self.new_ticket()
        third._jiancai_book(self.tech, TUE_13)
        with self.assertRaisesRegex(UserError, "just been taken"):
            other._jiancai_book(self.tech, TUE_13 + timedelta(hours=2))
        other._jiancai_book(self.tech2, TUE_13 + timedelta(hours=2))
        other.sudo().write({"jiancai_technician_id": False, "jiancai_start": False,
                            "jiancai_end": False})  # fmt: skip
        self.assertNotIn(
            (self.tech, TUE_9), [(t, s) for t, s, _e in other._jiancai_offered_slots(days=2)]
        )
        with self.assertRaisesRegex(UserError, "does not work at that time"):
            other._jiancai_book(self.tech, datetime(2026, 9, 29, 3, 30))  # over lunch

        # the customer may move it until 24 h before, not later
        with freeze_time(TUE_9 - timedelta(hours=23)), self.assertRaisesRegex(UserError, "24"):
            ticket._jiancai_book(self.tech2, TUE_9 + timedelta(hours=4), by="customer")
        ticket._jiancai_book(self.tech2, TUE_9 + timedelta(hours=4), by="customer")
        self.assertEqual(ticket.jiancai_technician_id, self.tech2)

    @freeze_time(NOW)
    def test_technician_completes_through_the_close_gate(self):
        ticket = self.new_ticket()
        ticket._jiancai_book(self.tech, TUE_9)
        code = self.code_of(ticket)
        job = ticket.with_user(self.tech_user)
        with self.assertRaisesRegex(UserError, "Check in"):
            job.action_jiancai_complete()
        job.action_jiancai_check_in(31.16, 121.35)
        self.assertEqual(job.jiancai_phase, "on_site")
        self.assertAlmostEqual(ticket.jiancai_checkin_latitude, 31.16)
        with self.assertRaises(GateRefusal) as refusal:
            job.action_jiancai_complete()
        message = str(refusal.exception.args[0])
        self.assertIn("0 of 2 photos", message)
        self.assertIn("Checklist not finished", message)
        self.assertIn("has not confirmed with their code", message)
        self.assertEqual(ticket.jiancai_phase, "on_site", "nothing half-written")

        Photo = self.env["jiancai.field.photo"].with_user(self.tech_user)
        Photo.create_from_upload(job, make_jpeg(), filename="a.jpg")
        Photo.create_from_upload(job, make_jpeg(), filename="b.jpg")
        for check in job.jiancai_check_ids:
            job.action_jiancai_toggle_check(check.id)
        self.assertTrue(job._jiancai_confirm_code(code).ok)
        job.action_jiancai_complete()
        self.assertEqual(ticket.jiancai_phase, "done")
        self.assertTrue(ticket.jiancai_sla_met)
        self.assertEqual(ticket.jiancai_piece_rate, 200)

        followup = ticket.jiancai_followup_ids
        self.assertEqual(len(followup), 1)
        self.assertFalse(followup.user_id, "for customer service, not for the technician")
        self.assertEqual(followup.jiancai_kind, "followup")
        self.assertEqual(followup.partner_id, self.customer)
        told = (
            self.env["jiancai.notification"]
            .sudo()
            .search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", followup.id)])
        )
        self.assertIn(self.service_user, told.user_id)
        rating_sms = (
            self.env["jiancai.notification"]
            .sudo()
            .search(
                [
                    ("res_id", "=", ticket.id),
                    ("res_model", "=", "helpdesk.ticket"),
                    ("sms_template_id.code", "=", "rating_request"),
                ]
            )
        )
        self.assertEqual(len(rating_sms), 1)

        # the piece-rate pay sheet of the general manager
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.users["gm"])
            ._render_xlsx("jiancai_service.piece_rate_xlsx", (ticket | followup).ids, {})
        )
        self.assertEqual(kind, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        pay = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(pay[0], ("Technician", "Service Type", "Jobs", "Pay"))
        self.assertEqual(pay[1], (self.tech.name, "Installation", 1, 200))
        self.assertEqual(pay[2][2:], (1, 200), "the follow-up (no technician) is not paid")
        jobs = list(book.worksheets[1].iter_rows(values_only=True))
        self.assertEqual(jobs[1][1], ticket.number)

        # the customer rates it badly: the service manager gets an activity
        token = ticket.sudo()._rating_get_access_token(partner=self.customer)
        ticket.sudo().rating_apply(1, token=token)
        activity = ticket.activity_ids.filtered(lambda a: "Low rating" in a.summary)
        self.assertEqual(activity.user_id, self.users["gm"])
        self.assertEqual(ticket.rating_last_value, 1)

    @freeze_time(NOW)
    def test_a_good_rating_opens_no_activity(self):
        ticket = self.new_ticket(self.env.ref("jiancai_service.service_type_followup"))
        ticket.sudo().action_jiancai_close()
        token = ticket.sudo()._rating_get_access_token(partner=self.customer)
        ticket.sudo().rating_apply(5, token=token)
        self.assertFalse(ticket.activity_ids)

    @freeze_time(NOW)
    def test_code_tried_too_often(self):
        ticket = self.new_ticket()
        ticket._jiancai_book(self.tech, TUE_9)
        code = self.code_of(ticket)
        wrong = "000000" if code != "000000" else "111111"
        job = ticket.with_user(self.tech_user)
        job.action_jiancai_check_in()
        self.assertTrue(job._jiancai_confirm_code("abc").malformed)
        self.assertTrue(job._jiancai_confirm_code("١٢٣٤٥٦").malformed, "Arabic-Indic digits")
        self.assertEqual(ticket.jiancai_code_tries, 0, "a malformed code uses no try")
        for _i in range(MAX_TRIES):
            self.assertFalse(job._jiancai_confirm_code(wrong).ok)
        check = job._jiancai_confirm_code(code)
        self.assertTrue(check.locked)
        self.assertFalse(ticket.jiancai_code_confirmed_at)
        # customer service sends a new code; the full-width form of it is accepted
        ticket.with_user(self.service_user).action_jiancai_new_code()
        new = self.code_of(ticket)
        full_width = new.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        self.assertTrue(job._jiancai_confirm_code(full_width).ok)

    @freeze_time(NOW)
    def test_design_drawings_due_and_required(self):
        design = self.env.ref("jiancai_service.service_type_design")
        ticket = self.new_ticket(design)
        self.assertEqual(ticket.jiancai_drawings_due, NOW.date() + timedelta(days=3))
        with self.assertRaisesRegex(GateRefusal, "No drawing"):
            ticket.with_user(self.service_user).action_jiancai_close()
        self.env["ir.attachment"].create(
            {"name": "plan.pdf", "raw": b"%PDF-1.4", "res_model": "helpdesk.ticket",
             "res_id": ticket.id}
        )  # fmt: skip
        ticket.with_user(self.service_user).action_jiancai_close()
        self.assertEqual(ticket.jiancai_phase, "done")

    @freeze_time(NOW)
    def test_kanban_drag_to_done_passes_the_gate_too(self):
        ticket = self.new_ticket()
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        with self.assertRaises(GateRefusal):
            ticket.with_user(self.service_user).write({"stage_id": done.id})
        # cancelling needs no evidence
        ticket.with_user(self.service_user).write(
            {"stage_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled").id}
        )
        self.assertEqual(ticket.jiancai_phase, "cancelled")

    @freeze_time(NOW)
    def test_break_lines_are_not_working_time(self):
        """Odoo's standard calendars have a "Break" line (12-13): never offered."""
        self.calendar.write(
            {
                "attendance_ids": [
                    (0, 0, {"name": f"{day} break", "dayofweek": str(day), "hour_from": 12,
                            "hour_to": 13, "day_period": "lunch"})
                    for day in range(5)
                ]
            }
        )  # fmt: skip
        starts = {s for _t, s, _e in self.new_ticket()._jiancai_offered_slots(days=2)}
        self.assertNotIn(datetime(2026, 9, 29, 3, 0), starts)  # 11:00-13:00 Shanghai
        self.assertEqual(min(starts), TUE_9)

    def test_helpdesk_stages_speak_chinese(self):
        # helpdesk_mgmt ships no zh_CN/zh_TW: its stages show on the customer's and the
        # technician's pages (i18n_extra/)
        stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage.with_context(lang="zh_CN").name, "新建")
        self.assertEqual(stage.with_context(lang="zh_TW").name, "新建")
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(done.with_context(lang="zh_TW").name, "已完成")

    @freeze_time(NOW)
    def test_checklist_in_the_technicians_language(self):
        ticket = self.new_ticket()
        line = ticket.jiancai_check_ids[:1]
        self.assertEqual(line.name, "Surface level and joints even")
        self.assertEqual(line.with_context(lang="zh_CN").name, "表面平整，缝隙均匀")


@tagged("post_install", "-at_install")
class TestTicketFromOrder(ServiceCase):
    def test_customer_service_opens_a_ticket_from_the_order(self):
        toilet = self.env["product.product"].create({"name": "Test toilet for an order"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": toilet.id, "product_uom_qty": 1})],
            }
        )
        as_service = order.with_user(self.service_user)
        self.assertEqual(as_service.jiancai_service_ticket_count, 0)
        action = as_service.action_jiancai_new_service_ticket()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        Ticket = self.env["helpdesk.ticket"].with_user(self.service_user)
        with Form(Ticket.with_context(**action["context"])) as form:
            form.name = "上门测量"
            form.jiancai_type_id = self.repair
        ticket = form.record
        self.assertEqual(ticket.partner_id, self.customer)
        self.assertEqual(ticket.jiancai_sale_order_id, order)
        self.assertIn(order.name, ticket.description)
        self.assertIn("Test toilet for an order", ticket.description)
        order.invalidate_recordset(["jiancai_service_ticket_count"])
        self.assertEqual(as_service.jiancai_service_ticket_count, 1)
        listed = Ticket.search(as_service.action_jiancai_service_tickets()["domain"])
        self.assertEqual(listed, ticket)

    def test_guides_do_not_see_the_service_buttons(self):
        guide_view = (
            self.env["sale.order"].with_user(self.users["guide"]).get_view(view_type="form")
        )
        self.assertNotIn("action_jiancai_new_service_ticket", guide_view["arch"])
        service_view = (
            self.env["sale.order"].with_user(self.service_user).get_view(view_type="form")
        )
        self.assertIn("action_jiancai_new_service_ticket", service_view["arch"])
