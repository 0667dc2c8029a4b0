import base64
import io

from PIL import Image

from odoo.tests import tagged

from .common import JiancaiCase


@tagged("post_install", "-at_install")
class TestQr(JiancaiCase):
    def test_record_qr_is_a_png_of_its_url(self):
        product = self.env["product.template"].create(
            {
                "name": "云石灰 抛釉砖 800×800",
                "list_price": 89,
                "jiancai_spec": "800×800",
                "jiancai_sqm_per_box": 1.92,
                "jiancai_pieces_per_box": 3,
            }
        )
        self.assertEqual(
            product._jiancai_qr_value(),
            f"{product.get_base_url()}/odoo/product.template/{product.id}",
        )
        image = Image.open(io.BytesIO(base64.b64decode(product.jiancai_qr)))
        self.assertEqual(image.format, "PNG")
        self.assertEqual(image.size[0], image.size[1])

    def test_price_tag_report_renders_with_qr(self):
        product = self.env["product.template"].create(
            {
                "name": "鱼肚白 岩板",
                "list_price": 168,
                "jiancai_spec": "600×1200 柔光",
                "jiancai_sqm_per_box": 1.44,
                "jiancai_pieces_per_box": 2,
            }
        )
        html, kind = self.env["ir.actions.report"]._render_qweb_html(
            "jiancai_base.product_price_tag_report", product.ids
        )
        html = html.decode()
        self.assertEqual(kind, "html")
        self.assertIn("鱼肚白 岩板", html)
        self.assertIn("600×1200 柔光", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertIn("1.44", html)
