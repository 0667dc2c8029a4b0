from odoo import fields, models


class StockPicking(models.Model):
    """Deliveries pass two checkpoints: *release* and *delivered*.

    *release*: the goods leave the warehouse. A module that loads goods on a trip
    releases its deliveries at departure (``_jiancai_release``); any other delivery is
    released when it is validated. *delivered*: the customer has the goods; a delivery
    is delivered when validated unless ``_jiancai_delivered_on_validation`` says that
    another flow (e.g. the driver at the door) passes it.
    """

    _name = "stock.picking"
    _inherit = ["stock.picking", "jiancai.gate.mixin"]

    jiancai_released_at = fields.Datetime(
        "Released On",
        copy=False,
        readonly=True,
        help="When the goods passed the release checkpoint (left the warehouse).",
    )

    def _jiancai_protected_fields(self):
        return super()._jiancai_protected_fields() | {"jiancai_released_at"}

    def _jiancai_gated(self):
        return self.filtered(lambda p: p.picking_type_code == "outgoing")

    def _jiancai_delivered_on_validation(self):
        """Deliveries whose validation means the customer has the goods."""
        return self

    def _jiancai_release(self):
        """Pass the release checkpoint once: check, mark, then the listeners."""
        pickings = self._jiancai_gated().filtered(lambda p: not p.jiancai_released_at)
        pickings._jiancai_gate_check("stock.picking.release")
        pickings.sudo().jiancai_released_at = fields.Datetime.now()
        pickings._jiancai_gate_notify("stock.picking.release")
        return pickings

    def _action_done(self):
        gated = self._jiancai_gated()
        to_release = gated.filtered(lambda p: not p.jiancai_released_at)
        delivered = gated._jiancai_delivered_on_validation()
        to_release._jiancai_gate_check("stock.picking.release")
        delivered._jiancai_gate_check("stock.picking.delivered")
        result = super()._action_done()
        to_release = to_release.filtered(lambda p: p.state == "done")
        to_release.sudo().jiancai_released_at = fields.Datetime.now()
        to_release._jiancai_gate_notify("stock.picking.release")
        delivered.filtered(lambda p: p.state == "done")._jiancai_gate_notify(
            "stock.picking.delivered"
        )
        return result
