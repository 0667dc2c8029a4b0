from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DispatchCase

NAN, INF = float("nan"), float("inf")


@tagged("post_install", "-at_install")
class TestDispatchNumbers(DispatchCase):
    """Numbers a dispatcher types (or an RPC sends: JSON-RPC reads NaN and Infinity).

    NaN passed the "cannot be negative" checks and the SQL checks, since every
    comparison with it is false in Python (and NaN sorts above all numbers in PostgreSQL).
    """

    def test_delivery_area_pallets_and_window_must_be_sensible(self):
        stop = self.stop1.with_user(self.dispatcher)
        refused = [
            ({"jiancai_area_m2": NAN}, "at most 1000 pallets"),
            ({"jiancai_area_m2": INF}, "at most 1000 pallets"),
            ({"jiancai_area_m2": 1e30}, "at most 1000 pallets"),
            ({"jiancai_pallet_count": 1001}, "at most 1000 pallets"),
            ({"jiancai_window_start": NAN, "jiancai_window_end": 0}, "from 0 to 24"),
            ({"jiancai_window_start": 9, "jiancai_window_end": NAN}, "from 0 to 24"),
            ({"jiancai_area_m2": -1}, "cannot be negative"),
        ]
        for vals, message in refused:
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as caught:
                stop.write(vals)
                stop.flush_recordset()
            self.assertIn(message, str(caught.exception))
        stop.write(
            {
                "jiancai_area_m2": 120.5,
                "jiancai_pallet_count": 4,
                "jiancai_window_start": 9,
                "jiancai_window_end": 12,
            }
        )
        self.assertEqual(stop.jiancai_area_m2, 120.5)

    def test_freight_rule_numbers_must_be_sensible(self):
        Rule = self.env["jiancai.freight.rule"]
        for field in ("free_km", "per_km"):
            for value in (NAN, INF, -1, 1e30):
                with self.subTest(field=field, value=value):
                    with self.assertRaisesRegex(ValidationError, "numbers from 0 to 1,000,000"):
                        Rule.create({"name": "坏规则", field: value})
        rule = Rule.create({"name": "好规则", "free_km": 12.5})
        self.assertEqual(rule.free_km, 12.5)
        with self.assertRaisesRegex(ValidationError, "freight rule 好规则"):
            rule.write({"per_ton": INF})
