from odoo import fields, models

from ..engine.freight import FreightRule


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
