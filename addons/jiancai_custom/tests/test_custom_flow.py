from datetime import timedelta

from odoo import fields
from odoo.tests import JsonRpcException, tagged

from odoo.addons.jiancai_base.tests.common import JiancaiHttpCase

from .common import PDF, CustomSetup

PHONE = "375x812"
DESKTOP = "1366x900"


@tagged("post_install", "-at_install")
class TestCustomFlow(CustomSetup, JiancaiHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_custom()

    def confirmed(self, product=None, drawings=True):
        """The guide sells a custom item with its spec; purchasing confirms the factory PO."""
        product = product or self.vanity
        order = (
            self.env["sale.order"]
            .with_user(self.guide)
            .create(
                self.order_vals(
                    product,
                    jiancai_width=800,
                    jiancai_depth=460,
                    jiancai_height=850,
                    jiancai_finish="白色烤漆",
                    jiancai_spec_note="Door opens left",
                )
            )
        )
        if drawings:
            order.order_line.with_user(self.guide).jiancai_drawing_ids = [
                (4, self.attachment("vanity plan.pdf", PDF, self.guide).id)
            ]
        order.with_user(self.guide).action_confirm()
        order = order.with_env(self.env)
        po_line = order.order_line.jiancai_purchase_line_ids
        self.assertEqual(len(po_line), 1, "confirming the sale created the factory's line")
        po_line.order_id.with_user(self.buyer).button_confirm()
        return order, po_line

    def post_status(self, login, po_line, state, from_state, ready=None, order=None, page=None):
        order = order or po_line.order_id
        page = page or po_line.order_id
        url = f"/my/purchase/{order.id}/custom/{po_line.id}"
        data = {"state": state, "from_state": from_state}
        if ready:
            data["ready_date"] = fields.Date.to_string(ready)
        return self.post_form(login, url, data, form_url=f"/my/purchase/{page.id}")

    def test_end_to_end(self):
        # the guide tries to confirm without the sizes: the gate names the line
        ids = self.call_kw(
            "jc_cust_guide", "sale.order", "create", [[self.order_vals(self.vanity)]]
        )
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw("jc_cust_guide", "sale.order", "action_confirm", [ids])
        self.assertIn("GateRefusal", str(caught.exception))
        line_ids = self.env["sale.order"].browse(ids).order_line.ids
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(
                "jc_cust_guide", "sale.order.line", "write", [line_ids, {"jiancai_width": "nan"}]
            )
        self.assertIn("ValidationError", str(caught.exception))
        # the full specification, then confirmation
        order, po_line = self.confirmed()
        self.assertEqual(po_line.partner_id, self.factory)
        self.assertEqual(po_line.jiancai_sale_line_id, order.order_line)
        self.assertIn("800×460×850 mm", po_line.name)
        self.assertIn("白色烤漆", po_line.name)
        self.assertIn("Door opens left", po_line.name)
        self.assertIn("vanity plan.pdf", po_line.name)
        self.assertEqual(po_line.jiancai_drawing_ids, order.order_line.jiancai_drawing_ids)
        self.assertEqual(order.order_line.jiancai_production_state, "waiting")
        self.assertEqual(order.order_line.jiancai_factory_id, self.factory)

        # the factory sees the spec and downloads the drawing
        self.authenticate("jc_cust_factory", "jc_cust_factory")
        page = self.url_open(f"/my/purchase/{po_line.order_id.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("白色烤漆", page.text)
        self.assertIn("Door opens left", page.text)
        drawing = order.order_line.jiancai_drawing_ids
        url = f"/my/purchase/{po_line.order_id.id}/drawing/{po_line.id}/{drawing.id}"
        self.assertIn(url, page.text)
        download = self.url_open(url)
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF)
        home = self.url_open("/my/home")
        self.assertIn("Orders to build", home.text)

        # accepted, with the date the goods will be ready
        ready = fields.Date.today() + timedelta(days=12)
        response = self.post_status("jc_cust_factory", po_line, "accepted", "waiting", ready)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(po_line.jiancai_production_state, "accepted")
        self.assertEqual(po_line.jiancai_ready_date, ready)
        sale_line = order.order_line
        self.assertEqual(sale_line.jiancai_production_state, "accepted")
        self.assertEqual(sale_line.jiancai_ready_date, ready)
        for document in (po_line.order_id, order):
            self.assertTrue(
                any("is Accepted, ready on" in (m.body or "") for m in document.message_ids),
                f"the update is in the chatter of {document.name}",
            )
        notes = self.env["jiancai.notification"].search(
            [("user_id", "=", self.guide.id), ("channel", "=", "inbox")]
        )
        self.assertTrue(notes.filtered(lambda n: order.name in n.subject))

        # a second tab still showing "waiting" is told the line moved on
        response = self.post_status("jc_cust_factory", po_line, "in_production", "waiting", ready)
        self.assertEqual(response.status_code, 409)
        self.assertIn("Someone updated", response.text)
        self.assertEqual(po_line.jiancai_production_state, "accepted")
        # going backwards is refused
        response = self.post_status("jc_cust_factory", po_line, "waiting", "accepted")
        self.assertEqual(response.status_code, 409)
        self.assertIn("only moves forward", response.text)
        # a promise in the past is refused; garbage dates too
        response = self.post_status(
            "jc_cust_factory", po_line, "in_production", "accepted", ready - timedelta(days=30)
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("cannot be in the past", response.text)
        response = self.post_form(
            "jc_cust_factory",
            f"/my/purchase/{po_line.order_id.id}/custom/{po_line.id}",
            {"state": "in_production", "from_state": "accepted", "ready_date": "2026-13-45"},
            form_url=f"/my/purchase/{po_line.order_id.id}",
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("not a date", response.text)
        # on to production and ready
        self.post_status("jc_cust_factory", po_line, "in_production", "accepted", ready)
        self.post_status("jc_cust_factory", po_line, "ready", "in_production")
        self.assertEqual(sale_line.jiancai_production_state, "ready")

    def test_other_vendor_gets_404(self):
        _order, po_line = self.confirmed()
        _other_order, other_line = self.confirmed(self.other_product, drawings=False)
        po = po_line.order_id
        drawing = po_line.jiancai_drawing_ids
        self.authenticate("jc_cust_other", "jc_cust_other")
        for url in (
            f"/my/purchase/{po.id}/drawing/{po_line.id}/{drawing.id}",
            f"/my/purchase/{po.id}/drawing/{po_line.id}/{drawing.id}"
            f"?access_token={other_line.order_id._portal_ensure_token()}",
            f"/my/purchase/{po.id}/drawing/{po_line.id}/{drawing.id}?access_token=x",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        # its own PO, someone else's line or drawing
        own = other_line.order_id
        for url in (
            f"/my/purchase/{own.id}/drawing/{po_line.id}/{drawing.id}",
            f"/my/purchase/{own.id}/drawing/{other_line.id}/{drawing.id}",
            f"/my/purchase/{own.id}/drawing/{other_line.id}/٣",
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        response = self.post_status(
            "jc_cust_other",
            po_line,
            "accepted",
            "waiting",
            fields.Date.today() + timedelta(days=5),
            order=po,
            page=own,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(po_line.jiancai_production_state, "waiting")

    def test_cancelled_po_refused(self):
        _order, po_line = self.confirmed(drawings=False)
        form_url = f"/my/purchase/{po_line.order_id.id}"
        self.authenticate("jc_cust_factory", "jc_cust_factory")
        token = self.url_open(form_url).text.split('name="csrf_token" value="')[1].split('"')[0]
        po_line.order_id.with_user(self.buyer).button_cancel()
        response = self.url_open(
            f"/my/purchase/{po_line.order_id.id}/custom/{po_line.id}",
            data={
                "state": "accepted",
                "from_state": "waiting",
                "ready_date": fields.Date.to_string(fields.Date.today() + timedelta(days=3)),
                "csrf_token": token,
            },
        )
        self.assertEqual(response.status_code, 409)
        self.assertIn("is cancelled", response.text)
        self.assertEqual(po_line.jiancai_production_state, "waiting")

    def test_rpc_hostile(self):
        order, po_line = self.confirmed(drawings=False)
        for login, model, ids in (
            ("jc_cust_factory", "purchase.order.line", po_line.ids),
            ("jc_cust_guide", "purchase.order.line", po_line.ids),
            ("jc_cust_guide", "sale.order.line", order.order_line.ids),
        ):
            with (
                self.subTest(login=login, model=model),
                self.assertRaises(JsonRpcException) as caught,
            ):
                self.call_kw(login, model, "write", [ids, {"jiancai_production_state": "shipped"}])
            self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(JsonRpcException):
            self.call_kw(
                "jc_cust_factory",
                "purchase.order.line",
                "_jiancai_factory_update",
                [po_line.ids, "shipped", False, "waiting"],
            )
        # purchasing may move it forward in the back office, not backwards
        self.call_kw(
            "jc_cust_buyer",
            "purchase.order.line",
            "write",
            [po_line.ids, {"jiancai_production_state": "in_production"}],
        )
        with self.assertRaises(JsonRpcException) as caught:
            self.call_kw(
                "jc_cust_buyer",
                "purchase.order.line",
                "write",
                [po_line.ids, {"jiancai_production_state": "accepted"}],
            )
        self.assertIn("UserError", str(caught.exception))
        self.assertEqual(po_line.jiancai_production_state, "in_production")
        self.assertEqual(order.order_line.jiancai_production_state, "in_production")
        # promised for yesterday and not ready: late in the guide's list
        po_line.sudo().jiancai_ready_date = fields.Date.today() - timedelta(days=1)
        self.assertTrue(order.order_line.jiancai_late)
        late = self.env["sale.order.line"].search(
            [
                ("jiancai_ready_date", "<", fields.Date.today()),
                ("jiancai_production_state", "not in", ("ready", "shipped")),
            ]
        )
        self.assertIn(order.order_line, late)

    def test_screenshots(self):
        order, po_line = self.confirmed()
        po_line.sudo().write(
            {
                "jiancai_production_state": "in_production",
                "jiancai_ready_date": fields.Date.today() + timedelta(days=12),
            }
        )
        url = f"/my/purchase/{po_line.order_id.id}#jiancai_custom_lines"
        ready = "!!document.querySelector('#jiancai_custom_lines .o_jiancai_custom_form')"
        shots = (
            (PHONE, "zh_CN", "custom_factory_po_phone"),
            (DESKTOP, "en_US", "custom_factory_po_desktop"),
        )
        for size, lang, name in shots:
            self.factory_user.lang = lang  # the demo factory reads Chinese
            with self.page(url, login="jc_cust_factory", size=size) as browser:
                self.wait_for(browser, ready, name)
                self.run_js(
                    browser,
                    "document.querySelector('#jiancai_custom_lines').scrollIntoView()",
                )
                self.shot(browser, name)
        with self.page(
            f"/odoo/action-sale.action_orders/{order.id}", login="jc_cust_guide"
        ) as browser:
            self.wait_for(
                browser,
                "!!document.querySelector('.o_field_widget[name=order_line] .o_data_row')",
                "sale order lines",
            )
            text = self.run_js(browser, "document.querySelector('.o_form_view').innerText")
            self.assertIn("In production", text)
            self.shot(browser, "custom_guide_sale_order")
            self.run_js(
                browser,
                "document.querySelector('button[name=action_jiancai_specification]').click()",
            )
            self.wait_for(
                browser,
                "!!document.querySelector('.modal .o_form_view [name=jiancai_finish]')",
                "specification popup",
            )
            self.shot(browser, "custom_guide_specification")
        with self.page("/odoo/jc-custom-goods", login="jc_cust_guide") as browser:
            self.wait_for(browser, "!!document.querySelector('.o_list_view .o_data_row')", "list")
            self.shot(browser, "custom_guide_list")
