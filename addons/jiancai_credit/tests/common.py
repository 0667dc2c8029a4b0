from odoo import Command, fields

from odoo.addons.jiancai_base.tests.common import JiancaiCase


class CreditCase(JiancaiCase):
    """A stocked tile, a customer of the test store's guide, helpers for orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if not company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=company, install_demo=False
            )
        # Orders in the company's own currency: the test company is in USD (BaseCommon's
        # setup_main_company, and generic_coa loaded above where it has no chart), while
        # the demo's pricelists follow the demo company to CNY; an order in another
        # currency than the company's is converted at the database's rates, and every
        # amount below would drift. JiancaiCase gives every partner such a pricelist
        # first; the orders here name it, whatever another module's fixture adds.
        cls.tax_free = {"taxes_id": [Command.clear()]}
        cls.tile = cls.env["product.product"].create(
            {
                "name": "Test Tile 800x800",
                "type": "consu",
                "is_storable": True,
                "list_price": 100.0,
                "invoice_policy": "delivery",
                **cls.tax_free,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.tile, cls.warehouse.lot_stock_id, 10000
        )
        cls.guide = cls.users["guide"]
        cls.customer.write(
            {
                "user_id": cls.guide.id,
                "jiancai_store_id": cls.store.id,
                "is_company": True,
                "property_product_pricelist": cls.pricelist.id,
            }
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )

    def make_order(self, qty, price=100.0, partner=None, confirm=True, currency=None):
        vals = {
            "partner_id": (partner or self.customer).id,
            "user_id": self.guide.id,
            "team_id": self.store.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": self.tile.id,
                        "product_uom_qty": qty,
                        "price_unit": price,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        pricelist = self.pricelist
        if currency:
            pricelist = self.env["product.pricelist"].create(
                {"name": f"Test {currency.name}", "currency_id": currency.id}
            )
        vals["pricelist_id"] = pricelist.id
        order = self.env["sale.order"].create(vals)
        if confirm:
            order.with_user(self.guide).action_confirm()
        return order

    def deliver(self, order, qty=None, user=None):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking = picking.with_user(user or self.users["warehouse"])
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty if qty is None else qty
            move.picked = True
        return picking.with_context(skip_backorder=True, cancel_backorder=False).button_validate()

    def invoice(self, order):
        move = order._create_invoices()
        move.action_post()
        return move

    def pay(self, invoice, amount):
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": fields.Date.today()})
        )
        return wizard._create_payments()

    def deposit(self, partner, amount):
        """A customer payment booked but not matched with any invoice."""
        receivable = partner.property_account_receivable_id
        move = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.bank_journal.id,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.bank_journal.default_account_id.id,
                            "debit": amount,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": receivable.id,
                            "partner_id": partner.id,
                            "credit": amount,
                        }
                    ),
                ],
            }
        )
        move.action_post()
        return move
