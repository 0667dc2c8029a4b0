import base64
import io

from PIL import Image

from odoo import Command
from odoo.tests import new_test_user

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(out, "PNG")
    return out.getvalue()


class CustomSetup:
    """A factory with its portal login, another vendor, a guide, a buyer, a custom product."""

    @classmethod
    def setup_custom(cls):
        env = cls.env
        cls.pricelist = env["product.pricelist"].create(
            {
                "name": "Test pricelist",
                "sequence": 0,
                "currency_id": env.company.currency_id.id,
                "company_id": env.company.id,
            }
        )
        cls.factory = env["res.partner"].create({"name": "佛山测试橱柜厂", "is_company": True})
        cls.other_vendor = env["res.partner"].create({"name": "Other Works", "is_company": True})
        cls.factory_user = new_test_user(
            env, login="jc_cust_factory", groups="jiancai_custom.group_portal_factory", lang="en_US"
        )
        cls.factory_user.partner_id.parent_id = cls.factory
        cls.other_user = new_test_user(
            env, login="jc_cust_other", groups="jiancai_custom.group_portal_factory", lang="en_US"
        )
        cls.other_user.partner_id.parent_id = cls.other_vendor
        cls.guide = new_test_user(
            env,
            login="jc_cust_guide",
            groups="base.group_user,jiancai_base.group_sales_guide",
            lang="en_US",
        )
        cls.buyer = new_test_user(
            env,
            login="jc_cust_buyer",
            groups="base.group_user,purchase.group_purchase_user",
            lang="en_US",
        )
        cls.customer = env["res.partner"].create({"name": "徐丽华", "phone": "139 0192 5566"})
        cls.vanity = env["product.template"].create(
            {
                "name": "Custom vanity",
                "type": "consu",
                "is_storable": True,
                "list_price": 4200,
                "jiancai_custom": True,
                "seller_ids": [
                    Command.create({"partner_id": cls.factory.id, "price": 2300, "delay": 15})
                ],
            }
        )
        cls.other_product = env["product.template"].create(
            {
                "name": "Custom door",
                "type": "consu",
                "is_storable": True,
                "list_price": 900,
                "jiancai_custom": True,
                "seller_ids": [Command.create({"partner_id": cls.other_vendor.id, "price": 500})],
            }
        )

    @classmethod
    def order_vals(cls, product, **spec):
        return {
            "partner_id": cls.customer.id,
            "user_id": cls.guide.id,
            "pricelist_id": cls.pricelist.id,
            "order_line": [
                Command.create(
                    {"product_id": product.product_variant_id.id, "product_uom_qty": 1, **spec}
                )
            ],
        }

    @classmethod
    def attachment(cls, name, data, user):
        """A file as the user uploads it in the Specification popup."""
        return (
            cls.env["ir.attachment"]
            .with_user(user)
            .create({"name": name, "datas": base64.b64encode(data), "res_model": "sale.order.line"})
        )
