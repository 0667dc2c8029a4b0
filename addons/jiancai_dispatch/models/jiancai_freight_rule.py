from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.jiancai_base.engine.numbers import is_finite

from ..engine.freight import FreightRule

NUMBER_FIELDS = (
    "base_amount",
    "per_km",
    "free_km",
    "per_floor_no_lift",
    "per_ton",
    "per_m2",
    "minimum_amount",
)
# a price or a distance beyond this is a typo (or a crafted request), not a tariff
MAX_FREIGHT_NUMBER = 1_000_000


class JiancaiFreightRule(models.Model):
    """Prices of a trip for one type of vehicle (see engine/freight.py)."""

    _name = "jiancai.freight.rule"
    _description = "Freight Rule"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    base_amount = fields.Monetary("Base per Trip", currency_field="currency_id")
    per_km = fields.Monetary(
        "Per km", currency_field="currency_id", help="Per km from the warehouse."
    )
    free_km = fields.Float("Free km")
    per_floor_no_lift = fields.Monetary(
        "Per Floor without Lift",
        currency_field="currency_id",
        help="Per floor above the first carried up the stairs.",
    )
    per_ton = fields.Monetary(currency_field="currency_id")
    per_m2 = fields.Monetary("Per m²", currency_field="currency_id")
    minimum_amount = fields.Monetary("Minimum", currency_field="currency_id")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def _numbers_error(self, name):
        return ValidationError(
            self.env._(
                "The prices and free km of freight rule %(rule)s must be numbers from "
                "0 to %(max)s.",
                rule=name,
                max=f"{MAX_FREIGHT_NUMBER:,}",
            )
        )

    @api.model
    def _check_number_vals(self, vals, name):
        """Before the ORM: a Monetary NaN or infinity fails in its rounding with a traceback."""
        for field in NUMBER_FIELDS:
            value = vals.get(field)
            if isinstance(value, str):
                try:
                    value = float(value)
                except ValueError:
                    continue  # the ORM says what is wrong with it
            if isinstance(value, float) and not is_finite(value):
                raise self._numbers_error(name)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_number_vals(vals, vals.get("name", ""))
        return super().create(vals_list)

    def write(self, vals):
        self._check_number_vals(vals, vals.get("name") or ", ".join(self.mapped("name")))
        return super().write(vals)

    @api.constrains(*NUMBER_FIELDS)
    def _check_numbers(self):
        for rule in self:
            if not all(0 <= rule[name] <= MAX_FREIGHT_NUMBER for name in NUMBER_FIELDS):
                raise self._numbers_error(rule.name)

    def _engine_rule(self):
        self.ensure_one()
        return FreightRule(
            base=self.base_amount,
            per_km=self.per_km,
            free_km=self.free_km,
            per_floor_no_lift=self.per_floor_no_lift,
            per_ton=self.per_ton,
            per_m2=self.per_m2,
            minimum=self.minimum_amount,
        )
