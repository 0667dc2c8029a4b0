import base64
import io
import re
from datetime import timedelta

from PIL import Image, ImageDraw

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import DESKTOP, JiancaiHttpCase, make_jpeg

from .common import ServiceCase

PHONE_375 = "375x812"
SHANGHAI = (31.1612, 121.3571)


@tagged("post_install", "-at_install")
class TestServiceUi(JiancaiHttpCase, ServiceCase):
    """Phone pages at 375x812 (customer booking, technician), caller lookup, hostile URLs.

    The browser runs at the real clock: appointments are placed from tomorrow on.
    """

    def _submit(self, browser, selector, what):
        """Submit the form of ``selector`` and wait for the *next* page to be loaded."""
        self.run_js(
            browser,
            f"window.jcOldPage = true; "
            f"document.querySelector({selector!r}).closest('form').submit()",
        )
        self.wait_for(browser, "!window.jcOldPage && document.readyState === 'complete'", what)

    def _text(self, browser):
        return self.run_js(browser, "document.body.innerText")

    def _booked_ticket(self):
        ticket = self.new_ticket()
        start = ticket._jiancai_offered_slots(days=7)[0][1]  # both technicians are free
        ticket._jiancai_book(self.tech, start)
        return ticket

    def test_customer_books_from_the_link_on_a_phone(self):
        ticket = self.new_ticket()
        link = ticket.sudo()._jiancai_tracking_link(partner=self.customer)
        url = link.get_portal_url()
        with self.page(url, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_slot')", "slots")
            self.shot(browser, "service_booking_slots_375")
            self.run_js(browser, "document.querySelector('.o_jiancai_service_slot input').click()")
            value = self.run_js(
                browser, "document.querySelector('.o_jiancai_service_slot input').value"
            )
            self._submit(browser, ".o_jiancai_service_book_submit", "booked")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_booked')", "ok")
            text = self._text(browser)
            self.shot(browser, "service_booking_booked_375")
        self.assertTrue(ticket.jiancai_start)
        self.assertIn(ticket.jiancai_technician_id.name, text)
        self.assertIn(ticket.jiancai_technician_id.phone, text)
        self.assertEqual(len(self.sent_sms(ticket, "service_appointment")), 1)
        # the same form posted again (a double tap): booked once, no second SMS (the
        # session's token is read from another open booking page: this one has no form now)
        other = self.new_ticket()._jiancai_tracking_link(partner=self.customer)
        csrf = self._csrf(other.get_portal_url())
        response = self.url_open(
            f"/jc/t/{link.id}/service/book?access_token={link.access_token}",
            data={"slot": value, "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.sent_sms(ticket, "service_appointment")), 1)
        # a slot nobody offered, or garbage: a clear refusal, nothing written
        for bad in ("1-1", "١-٢", "abc", f"{self.tech.id}-99999999999999999999"):
            response = self.url_open(
                f"/jc/t/{link.id}/service/book?access_token={link.access_token}",
                data={"slot": bad, "csrf_token": csrf},
            )
            self.assertEqual(response.status_code, 409, bad)
            self.assertIn("Choose one of the offered times", response.text)
        self.assertEqual(len(self.sent_sms(ticket, "service_appointment")), 1)

    def _csrf(self, url):
        page = self.url_open(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _as_other_technician(self, ticket):
        """Log in as the second technician, with a job of their own at the same time as
        ``ticket``; the CSRF token of their page (to post to ``ticket``'s job)."""
        theirs = self.new_ticket()
        theirs._jiancai_book(self.tech2, ticket.jiancai_start)
        self.authenticate(self.tech_user2.login, self.tech_user2.login)
        return self._csrf(f"/jc/service/job/{theirs.id}")

    def test_wrong_or_expired_token_is_a_404(self):
        ticket = self.new_ticket()
        link = ticket.sudo()._jiancai_tracking_link(partner=self.customer)
        other = self.new_ticket()._jiancai_tracking_link(partner=self.customer)
        self.assertEqual(self.url_open(f"/jc/t/{link.id}?access_token=nope").status_code, 404)
        self.assertEqual(
            self.url_open(f"/jc/t/{link.id}?access_token={other.access_token}").status_code, 404
        )
        csrf = self._csrf(f"/jc/t/{other.id}?access_token={other.access_token}")
        response = self.url_open(
            f"/jc/t/{link.id}/service/book?access_token=nope",
            data={"slot": "1-1", "csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 404)
        link.sudo().expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(
            self.url_open(f"/jc/t/{link.id}?access_token={link.access_token}").status_code, 404
        )

    def test_technician_flow_on_a_phone(self):
        ticket = self._booked_ticket()
        code = self.code_of(ticket)
        wrong = "000000" if code != "000000" else "111111"
        job_url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        name = self.customer.name  # no ORM read while a page runs
        # today's jobs: the job is "today" once it is on site
        with self.page(job_url, login=login, size=PHONE_375, geolocation=SHANGHAI) as browser:
            self.wait_for(browser, "document.body.dataset.jcPosition === '1'", "position")
            self.shot(browser, "service_job_before_checkin_375")
            self._submit(browser, ".o_jiancai_service_checkin", "checked in")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_check')", "list")
        self.assertEqual(ticket.jiancai_phase, "on_site")
        self.assertAlmostEqual(ticket.jiancai_checkin_latitude, SHANGHAI[0], places=3)
        with self.page("/jc/service", login=login, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_job')", "jobs")
            self.assertIn(name, self._text(browser))
            self.assertTrue(
                self.run_js(browser, "!!document.querySelector('.o_jiancai_service_map')")
            )
            self.shot(browser, "service_today_375")

        # a file that is not a photo: refused with a clear message, nothing saved
        response = self.post_form(
            login,
            f"{job_url}/photo",
            form_url=job_url,
            data={},
        )
        self.assertEqual(response.status_code, 409)
        self.authenticate(login, login)
        page = self.url_open(job_url).text

        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"{job_url}/photo",
            data={"csrf_token": token},
            files={"photo": ("photo.jpg", b"%PDF-1.4 not an image", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("not a photo", response.text)
        self.assertEqual(ticket.jiancai_photo_count, 0)
        for name in ("a.jpg", "b.jpg"):
            response = self.url_open(
                f"{job_url}/photo",
                data={"csrf_token": token},
                files={"photo": (name, make_jpeg(), "image/jpeg")},
            )
            self.assertEqual(response.status_code, 200)
        self.assertEqual(ticket.jiancai_photo_count, 2)

        with self.page(job_url, login=login, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_code')", "code")
            # completing too early: the close checkpoint says what is missing
            self._submit(browser, ".o_jiancai_service_complete", "refused")
            self.wait_for(browser, "document.body.innerText.includes('Checklist not finished')",
                          "refusal")  # fmt: skip
            self.shot(browser, "service_job_refused_375")
            for _i in range(2):
                self._submit(browser, ".o_jiancai_service_check.btn-outline-primary", "ticked")
            self.run_js(
                browser, f"document.querySelector('.o_jiancai_service_code').value = '{wrong}'"
            )
            self._submit(browser, ".o_jiancai_service_code", "wrong code")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_error')", "error")
            self.assertIn("tries left", self._text(browser))
            self.shot(browser, "service_job_wrong_code_375")
            self.run_js(
                browser, f"document.querySelector('.o_jiancai_service_code').value = '{code}'"
            )
            self._submit(browser, ".o_jiancai_service_code", "right code")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_confirmed')", "ok")
            self._submit(browser, ".o_jiancai_service_complete", "completed")
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_done')", "done")
            self.shot(browser, "service_job_done_375")
        self.assertEqual(ticket.jiancai_phase, "done")
        self.assertTrue(ticket.jiancai_followup_ids)

        # the customer's page now asks for the rating
        link = ticket.sudo()._jiancai_tracking_link(partner=self.customer)
        with self.page(link.get_portal_url(), size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_base_rating')", "rating")
            self.shot(browser, "service_rate_375")

    def test_customer_signs_on_the_phone(self):
        self.installation.sudo().require_signature = True
        ticket = self._booked_ticket()
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        job_url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        with self.page(job_url, login=login, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_pad')", "pad")
            self.assertTrue(
                self.run_js(browser, "document.querySelector('.o_jiancai_service_sign_submit')"
                            ".disabled"),
                "nothing to save before the customer signs",
            )  # fmt: skip
            # a finger's strokes across the pad
            self.run_js(
                browser,
                """(() => {
                    const pad = document.querySelector('.o_jiancai_service_pad');
                    const box = pad.getBoundingClientRect();
                    const fire = (type, x, y) => pad.dispatchEvent(new PointerEvent(type, {
                        clientX: box.left + x, clientY: box.top + y, bubbles: true}));
                    fire('pointerdown', 20, 120);
                    [[60, 40], [110, 130], [160, 30], [220, 120], [270, 50], [320, 110]]
                        .forEach(([x, y]) => fire('pointermove', x, y));
                    fire('pointerup', 320, 110);
                    return true;
                })()""",
            )
            self.shot(browser, "service_signature_pad_375")
            self.run_js(
                browser,
                "window.jcOldPage = true;"
                " document.querySelector('.o_jiancai_service_sign_submit').click()",
            )
            self.wait_for(
                browser,
                "!window.jcOldPage && !!document.querySelector('.o_jiancai_service_signed')",
                "the signature saved and shown",
            )
            self.shot(browser, "service_signature_saved_375")
        self.assertTrue(ticket.jiancai_signature)
        self.assertIn("signed", ticket.message_ids[:1].body)

    def test_what_is_not_a_signature_is_refused(self):
        self.installation.sudo().require_signature = True
        ticket = self._booked_ticket()
        url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        drawn = io.BytesIO()
        img = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
        ImageDraw.Draw(img).line([(10, 90), (150, 10), (290, 90)], fill="black", width=4)
        img.save(drawn, "PNG")
        good = "data:image/png;base64," + base64.b64encode(drawn.getvalue()).decode()
        # not checked in yet
        response = self.post_form(login, f"{url}/sign", {"signature": good}, form_url=url)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Check in first", response.text)
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        blank = io.BytesIO()
        Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(blank, "PNG")
        refused = {
            "": "sign in the box first",
            "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=": "not a signature from the pad",
            "data:image/png;base64," + base64.b64encode(blank.getvalue()).decode(): "almost) empty",
            "data:image/png;base64," + base64.b64encode(make_jpeg()).decode(): "not a signature",
        }
        for value, says in refused.items():
            with self.subTest(value=value[:30]):
                response = self.post_form(login, f"{url}/sign", {"signature": value}, form_url=url)
                self.assertEqual(response.status_code, 400)
                self.assertIn(says, response.text)
        self.assertFalse(ticket.jiancai_signature)
        # another technician cannot sign this job
        theirs = self.new_ticket()
        theirs._jiancai_book(self.tech2, ticket.jiancai_start)
        other, their_url = self.tech_user2.login, f"/jc/service/job/{theirs.id}"
        response = self.post_form(other, f"{url}/sign", {"signature": good}, form_url=their_url)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ticket.jiancai_signature)
        response = self.post_form(login, f"{url}/sign", {"signature": good}, form_url=url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(ticket.jiancai_signature)

    def test_customer_books_from_the_portal_ticket_page(self):
        customer = self.portal_user.partner_id
        ticket = self.new_ticket(partner_id=customer.id)
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_jiancai_service_portal_booking", page.text)
        link = self.env["jiancai.tracking.link"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(len(link), 1)
        self.assertIn(f"/jc/t/{link.id}?access_token={link.access_token}", page.text)
        self.assertIn("Book a time", page.text)
        # booked: the time is shown, and can be changed from the same link
        ticket._jiancai_book(self.tech, ticket._jiancai_offered_slots(days=7)[0][1])
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn("Change the time", page)
        self.assertIn(ticket._jiancai_appointment_label(), page)
        login = self.portal_user.login
        with self.page(f"/my/ticket/{ticket.id}", login=login, size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_service_portal_booking a')", "card"
            )
            self.shot(browser, "service_portal_ticket_booked_375")
        # cancelled: nothing to book any more
        cancelled = self.env["helpdesk.ticket.stage"].search(
            [("jiancai_phase", "=", "cancelled")], limit=1
        )
        ticket.stage_id = cancelled
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertNotIn("o_jiancai_service_portal_booking", page)
        # somebody else's ticket: Odoo's portal sends them home, no link made for them
        other = self.new_ticket()
        response = self.url_open(f"/my/ticket/{other.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertFalse(
            self.env["jiancai.tracking.link"].search_count(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", other.id)]
            )
        )

    def test_technician_adds_drawings_from_the_phone(self):
        self.installation.sudo().require_drawing = True
        ticket = self._booked_ticket()
        url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        pdf = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        self.authenticate(login, login)
        token = self._csrf(url)

        def send(name, data):
            return self.url_open(
                f"{url}/drawing",
                data={"csrf_token": token},
                files={"drawing": (name, data, "application/pdf")},
            )

        response = send("plan.pdf", pdf)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Check in first", response.text)
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        refused = {
            b"MZ\x90\x00 a program renamed": "not a drawing",
            b"": "The file is empty",
            b"%PDF-1.7 cut short": "not a drawing",
        }
        for data, says in refused.items():
            with self.subTest(data=data[:12]):
                response = send("plan.pdf", data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(says, response.text)
        self.assertEqual(ticket._jiancai_drawing_count(), 0)
        response = send("客厅 立面图.pdf", pdf)
        self.assertEqual(response.status_code, 200)
        self.assertIn("客厅 立面图.pdf", response.text)
        drawing = ticket._jiancai_drawings()
        self.assertEqual(drawing.mimetype, "application/pdf")
        self.assertEqual(drawing.raw, pdf)
        self.assertIn(drawing, ticket.message_ids[:1].attachment_ids)
        # another technician cannot add to this job
        their_token = self._as_other_technician(ticket)
        response = self.url_open(
            f"{url}/drawing",
            data={"csrf_token": their_token},
            files={"drawing": ("x.pdf", pdf, "application/pdf")},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(ticket._jiancai_drawing_count(), 1)
        with self.page(url, login=login, size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_service_drawings li')", "drawings"
            )
            self.run_js(
                browser,
                "document.querySelector('.o_jiancai_service_drawings').scrollIntoView(); true",
            )
            self.shot(browser, "service_job_drawings_375")

    def test_technician_uses_parts_from_the_van(self):
        van = self.env["stock.location"].create(
            {"name": "Van 沪A·T0001", "usage": "internal",
             "location_id": self.warehouse.view_location_id.id}
        )  # fmt: skip
        self.tech.van_location_id = van
        valve = self.env["product.product"].create(
            {"name": "Test angle valve", "is_storable": True}
        )
        tiles = self.env["product.product"].create(
            {"name": "Test tracked tile", "is_storable": True, "tracking": "lot"}
        )
        other = self.env["product.product"].create({"name": "Test hose", "is_storable": True})
        Quant = self.env["stock.quant"]
        Quant._update_available_quantity(valve, van, 5)
        Quant._update_available_quantity(other, self.warehouse.lot_stock_id, 5)
        lot = self.env["stock.lot"].create({"name": "T-LOT", "product_id": tiles.id})
        Quant._update_available_quantity(tiles, van, 5, lot_id=lot)
        ticket = self._booked_ticket()
        url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        self.assertEqual(set(ticket._jiancai_parts_at_hand()), {valve}, "untracked, in the van")
        self.authenticate(login, login)
        token = self._csrf(url)

        def use(product, quantity):
            return self.url_open(
                f"{url}/part",
                data={"csrf_token": token, "product_id": str(product.id), "quantity": quantity},
            )

        for quantity in ("abc", "nan", "inf", "-1", "0", "1e3", "", "٢"):
            with self.subTest(quantity=quantity):
                response = use(valve, quantity)
                self.assertEqual(response.status_code, 400)
                self.assertIn("Type the quantity used", response.text)
        response = use(valve, "9")
        self.assertEqual(response.status_code, 409)
        self.assertIn("Only 5", response.text)
        for product in (other, tiles):
            response = use(product, "1")
            self.assertEqual(response.status_code, 409)
            self.assertIn("Choose one of the parts in your van", response.text)
        self.assertFalse(ticket.jiancai_part_move_ids)
        response = use(valve, "２")  # a full-width digit from a Chinese keyboard
        self.assertEqual(response.status_code, 200)
        move = ticket.jiancai_part_move_ids
        self.assertEqual((move.state, move.quantity, move.product_id), ("done", 2, valve))
        self.assertEqual(move.location_dest_id, self.env.ref("stock.stock_location_customers"))
        self.assertEqual(Quant._get_available_quantity(valve, van), 3)
        self.assertIn("Test angle valve", ticket.message_ids[:1].body)
        # the parts are the flow's to write, not the technician's over JSON-RPC
        with self.assertRaises(UserError):
            ticket.with_user(self.tech_user).write({"jiancai_part_move_ids": [(5, 0, 0)]})
        self.assertEqual(len(ticket.jiancai_part_move_ids), 1)
        # another technician cannot use parts on this job
        their_token = self._as_other_technician(ticket)
        response = self.url_open(
            f"{url}/part",
            data={"csrf_token": their_token, "product_id": str(valve.id), "quantity": "1"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(ticket.jiancai_part_move_ids), 1)
        with self.page(url, login=login, size=PHONE_375) as browser:
            self.wait_for(
                browser, "!!document.querySelector('.o_jiancai_service_parts li')", "parts"
            )
            self.run_js(
                browser, "document.querySelector('.o_jiancai_service_parts').scrollIntoView(); true"
            )
            self.shot(browser, "service_job_parts_375")

    def test_code_tried_too_often_on_the_phone(self):
        ticket = self._booked_ticket()
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        code = self.code_of(ticket)
        wrong = "000000" if code != "000000" else "111111"
        url = f"/jc/service/job/{ticket.id}"
        login = self.tech_user.login
        for _i in range(5):
            response = self.post_form(login, f"{url}/code", {"code": wrong}, form_url=url)
            self.assertEqual(response.status_code, 400)
        response = self.post_form(login, f"{url}/code", {"code": code}, form_url=url)
        self.assertIn("Too many wrong codes", response.text)
        self.assertFalse(ticket.jiancai_code_confirmed_at)

    def test_checklist_of_a_ticket_made_before_translations_loaded(self):
        # demo tickets are created while the module installs, before its translations
        # are loaded: their copied items hold English only; the job page names the
        # type's item, which follows the technician's language
        ticket = self._booked_ticket()
        ticket.with_user(self.tech_user).action_jiancai_check_in()
        line = ticket.jiancai_check_ids.filtered(lambda c: c.type_check_id)[:1]
        english = line.type_check_id.with_context(lang="en_US").name
        line.update_field_translations("name", {"zh_CN": english})
        chinese = line.type_check_id.with_context(lang="zh_CN").name
        self.assertNotEqual(chinese, english)
        self.tech_user.lang = "zh_CN"
        self.authenticate(self.tech_user.login, self.tech_user.login)
        page = self.url_open(f"/jc/service/job/{ticket.id}").text
        self.assertIn(chinese, page)

    def test_another_technicians_job_is_a_404(self):
        ticket = self._booked_ticket()
        url = f"/jc/service/job/{ticket.id}"
        other = self.tech_user2.login
        self.authenticate(other, other)
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(self.url_open(f"/jc/service/job/{ticket.id + 10**6}").status_code, 404)
        theirs = self.new_ticket()
        theirs._jiancai_book(self.tech2, ticket.jiancai_start)
        response = self.post_form(other, f"{url}/checkin", form_url=f"/jc/service/job/{theirs.id}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(ticket.jiancai_phase, "scheduled")
        # not a technician at all
        self.authenticate("jc_test_guide", "jc_test_guide")
        self.assertEqual(self.url_open("/jc/service").status_code, 404)
        self.assertEqual(self.url_open("/jc/call?phone=13817654321").status_code, 404)

    def test_caller_lookup(self):
        ticket = self.new_ticket(self.repair)
        login = self.service_user.login
        name, number = self.customer.name, ticket.number  # no ORM read while a page runs
        with self.page(
            "/jc/call?phone=%2B86%20138-1765-4321", login=login, size=DESKTOP
        ) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_caller')", "card")
            text = self._text(browser)
            self.assertIn(name, text)
            self.assertIn(number, text)
            self.shot(browser, "service_caller_lookup")
        self.authenticate(login, login)
        response = self.url_open("/jc/call?phone=١٣٨١٧٦٥٤٣٢١")
        self.assertEqual(response.status_code, 400)
        self.assertIn("is not a phone number", response.text)
        response = self.url_open("/jc/call?phone=13900000000")
        self.assertIn("Nobody with this number", response.text)

    def test_service_board_desktop(self):
        self.env.ref("base.user_admin").tz = "Asia/Shanghai"
        self._booked_ticket()
        self.start_tour("/odoo/service-board", "jiancai_service_board", login="admin")
        with self.page("/odoo/service-board", login="admin", size=DESKTOP) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_calendar_renderer .fc-event')",
                          "the job on the board")  # fmt: skip
            # the headless browser runs in UTC: bring the job into view
            self.run_js(browser, "document.querySelector('.fc-event').scrollIntoView()")
            self.shot(browser, "service_board_desktop")

    def test_phone_pages_in_chinese(self):
        """The technician's job and the customer's booking page, zh_CN, at 375x812."""
        self.tech_user.lang = "zh_CN"
        job = self._booked_ticket()
        ticket = self.new_ticket()
        link = ticket.sudo()._jiancai_tracking_link(partner=self.customer)
        job_url, booking_url = f"/jc/service/job/{job.id}", f"/zh_CN{link.get_portal_url()}"
        login = self.tech_user.login
        with self.page(job_url, login=login, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_checkin')", "job")
            self.assertIn("签到", self._text(browser))
            self.shot(browser, "service_job_zh_375")
        with self.page(booking_url, size=PHONE_375) as browser:
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_service_slot')", "slots")
            text = self._text(browser)
            self.assertIn("选择时间", text)
            self.assertIn("周", text)
            self.shot(browser, "service_booking_zh_375")
