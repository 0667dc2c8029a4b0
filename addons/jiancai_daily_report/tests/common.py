from datetime import datetime

from odoo import Command

from odoo.addons.jiancai_base.tests.common import JiancaiCase

# 10:00 in Shanghai on a Tuesday
NOW = datetime(2026, 12, 8, 2, 0)


class DailyReportCase(JiancaiCase):
    """The test store's guide and manager, the general manager, a tile to sell."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        cls.guide = cls.users["guide"]
        cls.manager = cls.users["store_manager"]
        cls.gm = cls.users["gm"]
        cls.other_guide = cls.env["res.users"].create(
            {
                "name": "Other Store Guide",
                "login": "jc_test_other_store_guide",
                "lang": "en_US",
                "group_ids": [Command.set([cls.env.ref("jiancai_base.group_sales_guide").id])],
            }
        )
        cls.Report = cls.env["jiancai.daily.report"]
        cls.tile = cls.env["product.product"].create(
            {"name": "Report Tile", "type": "consu", "list_price": 100.0}
        )

    def write_report(self, user=None, **vals):
        user = user or self.guide
        return self.Report.with_user(user).create({"done_text": "Received 3 customers.", **vals})

    def sell(self, user, amount, when):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": user.id,
                "team_id": self.store.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.tile.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        return order
