import json

from odoo.tests import tagged

from odoo.addons.jiancai_base.tests.common import PHONE, JiancaiHttpCase

from .common import ColourLotCase

WEB_READY = "!!document.querySelector('.o_action_manager .o_form_view')"


@tagged("post_install", "-at_install")
class TestLotUi(JiancaiHttpCase, ColourLotCase):
    def test_hand_override_wizard(self):
        """The warehouse keeper opens the hand override from the delivery and reserves."""
        self.make_lot("A12", 60)
        wanted = self.make_lot("A12", 100, day="2026-09-01")
        self.make_lot("B07", 100)
        _order, picking = self.sell((60, {"jiancai_shade": "A12"}))
        with self.page(f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
                       login="jc_test_warehouse") as browser:  # fmt: skip
            self.wait_for(browser, WEB_READY, "delivery form")
            self.run_js(
                browser,
                "document.querySelector('button[name=action_jiancai_match_lots_by_hand]').click()",
            )
            self.wait_for(
                browser, "document.querySelectorAll('.modal .o_data_row').length === 2", "wizard"
            )
            self.shot(browser, "lot_match_wizard")
            # move the 60 from the proposed lot to the other lot of the pinned shade
            self.run_js(
                browser,
                """(async (wanted) => {
                    const rows = [...document.querySelectorAll('.modal .o_data_row')];
                    for (const row of rows) {
                        const lot = row.querySelector('[name=lot_id]').innerText;
                        row.querySelector('[name=qty]').click();
                        await new Promise((r) => setTimeout(r, 300));
                        const input = row.querySelector('[name=qty] input');
                        input.value = lot.includes(wanted) ? '60' : '0';
                        input.dispatchEvent(new Event('input', {bubbles: true}));
                        input.dispatchEvent(new Event('change', {bubbles: true}));
                        await new Promise((r) => setTimeout(r, 300));
                    }
                })(%s)"""
                % repr(wanted.name),
            )
            self.shot(browser, "lot_match_wizard_edited")
            self.run_js(
                browser, "document.querySelector('.modal button[name=action_confirm]').click()"
            )
            self.wait_for(browser, "!document.querySelector('.modal')", "wizard closed")
            self.shot(browser, "lot_match_done")
        self.assertEqual(picking.move_ids.move_line_ids.lot_id, wanted)
        self.assertEqual(picking.move_ids.move_line_ids.quantity, 60)

    def test_guide_picks_the_shade_from_those_in_stock(self):
        """The shade cell of a quotation line offers the shades in stock; picking one pins it."""
        self.make_lot("W03", 100, day="2026-07-01")
        self.make_lot("W05", 60)
        order = (
            self.env["sale.order"]
            .with_user(self.users["guide"])
            .create(
                {
                    "partner_id": self.customer.id,
                    "warehouse_id": self.warehouse.id,
                    "order_line": [(0, 0, {"product_id": self.tile.id, "product_uom_qty": 40})],
                }
            )
        )
        with self.page(f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
                       login="jc_test_guide") as browser:  # fmt: skip
            self.wait_for(browser, WEB_READY, "quotation form")
            self.run_js(
                browser,
                """(async () => {
                    document.querySelector('.o_data_row td[name=jiancai_shade]').click();
                    await new Promise((r) => setTimeout(r, 500));
                    document.querySelector('.o_jiancai_lot_shade input').click();
                })()""",
            )
            self.wait_for(
                browser,
                "document.querySelectorAll('.o_jiancai_lot_shade_option').length === 2",
                "shades in stock",
            )
            self.shot(browser, "lot_shade_choices")
            options = json.loads(
                self.run_js(
                    browser,
                    "JSON.stringify([...document.querySelectorAll('.o_jiancai_lot_shade_option')]"
                    ".map((o) => o.innerText.trim()))",
                )
            )
            self.assertTrue(options[0].startswith("W03"), options)
            self.assertIn("C1 / AAA: 100 Units", options[0])
            self.assertTrue(options[1].startswith("W05"), options)
            self.run_js(
                browser,
                """(async () => {
                    const option = [...document.querySelectorAll('.o_jiancai_lot_shade_option')]
                        .find((o) => o.innerText.includes('W05'));
                    option.querySelector('a').click();
                    await new Promise((r) => setTimeout(r, 500));
                    document.querySelector('.o_form_button_save').click();
                })()""",
            )
            self.wait_for(browser, "!document.querySelector('.o_form_dirty')", "saved")
            self.shot(browser, "lot_shade_pinned")
            # a shade typed that is not in stock: a clear refusal, the pin stays W05
            self.run_js(
                browser,
                """(async () => {
                    document.querySelector('.o_data_row td[name=jiancai_shade]').click();
                    await new Promise((r) => setTimeout(r, 500));
                    const input = document.querySelector('.o_jiancai_lot_shade input');
                    input.value = 'Z99';
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    input.dispatchEvent(new Event('change', {bubbles: true}));
                    await new Promise((r) => setTimeout(r, 500));
                    document.querySelector('.o_form_button_save').click();
                })()""",
            )
            self.wait_for(
                browser,
                "!!document.querySelector('.modal')"
                " && document.querySelector('.modal').innerText.includes('no lot in stock')",
                "refusal",
            )
            self.shot(browser, "lot_shade_refused")
        order.order_line.invalidate_recordset()
        self.assertEqual(order.order_line.jiancai_shade, "W05")

    def test_split_accepted_from_the_delivery(self):
        """Match Colour Lots proposes the split; the keeper gives a reason and accepts."""
        self.make_lot("A12", 50)
        self.make_lot("B07", 40)
        _order, picking = self.sell((80, {}))
        with self.page(f"/odoo/action-stock.action_picking_tree_all/{picking.id}",
                       login="jc_test_warehouse") as browser:  # fmt: skip
            self.wait_for(browser, WEB_READY, "delivery form")
            self.run_js(
                browser,
                "document.querySelector('button[name=action_jiancai_match_lots]').click()",
            )
            self.wait_for(
                browser, "document.querySelectorAll('.modal .o_data_row').length === 1", "split"
            )
            self.run_js(
                browser,
                """(async () => {
                    const input = document.querySelector('.modal [name=reason] input');
                    input.value = 'living room and kitchen';
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    input.dispatchEvent(new Event('change', {bubbles: true}));
                })()""",
            )
            self.shot(browser, "lot_split_wizard")
            self.run_js(
                browser, "document.querySelector('.modal button[name=action_accept]').click()"
            )
            self.wait_for(browser, "!document.querySelector('.modal')", "wizard closed")
            self.wait_for(
                browser,
                "document.body.innerText.includes('split accepted by')",
                "chatter message",
            )
            self.shot(browser, "lot_split_accepted")
        line = picking.move_ids.sale_line_id
        self.assertTrue(line.jiancai_mixing_allowed)
        self.assertEqual(line.jiancai_mixing_reason, "living room and kitchen")
        self.assertEqual(sorted(picking.move_ids.move_line_ids.lot_id.mapped("jiancai_shade")),
                         ["A12", "B07"])  # fmt: skip

    def test_phone_stock_taking(self):
        lot = self.make_lot("A12", 42, location=self.shelf)
        with self.page(f"/jc/lot/count?lot={lot.id}", login="jc_test_warehouse",
                       size=PHONE) as browser:  # fmt: skip
            self.wait_for(browser, "!!document.querySelector('#o_jiancai_lot_counted')", "form")
            self.shot(browser, "lot_count_phone")
            self.run_js(
                browser,
                "document.querySelector('#o_jiancai_lot_counted').value = '39';"
                "document.querySelector('.o_jiancai_lot_count_form').submit()",
            )
            self.wait_for(browser, "!!document.querySelector('.o_jiancai_lot_saved')", "saved")
            self.shot(browser, "lot_count_phone_saved")
        quant = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", self.shelf.id)]
        )
        self.assertEqual(quant.inventory_quantity, 39)
        self.assertTrue(quant.inventory_quantity_set)
        self.assertEqual(quant.quantity, 42, "counted, not applied yet")

    def test_phone_page_errors(self):
        self.authenticate("jc_test_warehouse", "jc_test_warehouse")
        response = self.url_open("/jc/lot/count?lot=NO-SUCH-LOT")
        self.assertEqual(response.status_code, 404)
        self.assertIn("No lot NO-SUCH-LOT", response.text)
        self.authenticate("jc_test_guide", "jc_test_guide")
        response = self.url_open("/jc/lot/count")
        self.assertEqual(response.status_code, 403)

    def test_stock_card_report(self):
        lot = self.make_lot("A12", 42)
        self.assertIn("/jc/lot/count?lot=", lot._jiancai_qr_value())
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("jiancai_lot.stock_lot_card_report", lot.ids)[0]
            .decode()
        )
        self.assertIn(lot.name, html)
        self.assertIn("data:image/png;base64", html)

    def test_count_refuses_what_is_not_a_quantity(self):
        """nan, inf and 1e309 used to answer 500; 1e30 was saved as a count."""
        lot = self.make_lot("A12", 42, location=self.shelf)
        self.authenticate("jc_test_warehouse", "jc_test_warehouse")
        token = (
            self.url_open(f"/jc/lot/count?lot={lot.id}")
            .text.split('name="csrf_token" value="')[1]
            .split('"')[0]
        )

        def count(counted, lot_ref=lot.name):
            return self.url_open(
                "/jc/lot/count",
                data={
                    "csrf_token": token,
                    "lot": lot_ref,
                    "location_id": self.shelf.id,
                    "counted": counted,
                },
            )

        quant = self.env["stock.quant"].search(
            [("lot_id", "=", lot.id), ("location_id", "=", self.shelf.id)]
        )
        for counted in ("nan", "NaN", "inf", "-inf", "Infinity", "1e309", "1e30", "10000001",
                        "-1", "abc", "", "١٢", "1_000", "2.555"):  # fmt: skip
            with self.subTest(counted=counted):
                response = count(counted)
                self.assertEqual(response.status_code, 400)
                wanted = "steps of 0.01" if counted == "2.555" else "Enter the counted quantity"
                self.assertIn(wanted, response.text)
                quant.invalidate_recordset()
                self.assertFalse(quant.inventory_quantity_set, "nothing counted")
        for counted, expected in (("１２", 12), ("0", 0), ("10000000", 1e7),
                                  ("2,5", 2.5), ("39", 39)):  # fmt: skip
            with self.subTest(counted=counted):
                self.assertEqual(count(counted).status_code, 200)
                quant.invalidate_recordset()
                self.assertEqual(quant.inventory_quantity, expected)
        # ids the database cannot hold are a missing lot or location, not a 500
        self.assertEqual(count("1", lot_ref="99999999999999999999").status_code, 404)
        response = self.url_open(
            "/jc/lot/count",
            data={
                "csrf_token": token,
                "lot": lot.name,
                "location_id": "99999999999999999999",
                "counted": "1",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("Choose the location you counted", response.text)
