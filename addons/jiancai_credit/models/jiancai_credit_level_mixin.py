import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.exposure import Exposure


class JiancaiCreditLevelMixin(models.AbstractModel):
    """Exposure breakdown and available credit of one credit level (non-stored)."""

    _name = "jiancai.credit.level.mixin"
    _description = "Credit level (exposure and available credit)"

    jiancai_credit_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_jiancai_exposure",
        string="Exposure Currency",
    )
    jiancai_exposure_open_invoices = fields.Monetary(
        "Unpaid Invoices",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
    )
    jiancai_exposure_open_orders = fields.Monetary(
        "Confirmed Orders Not Invoiced",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
    )
    jiancai_exposure_delivered = fields.Monetary(
        "Delivered Not Invoiced",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
    )
    jiancai_exposure_payments = fields.Monetary(
        "Unallocated Payments",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
    )
    jiancai_exposure_total = fields.Monetary(
        "Credit Exposure",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
    )
    jiancai_credit_available = fields.Monetary(
        "Available Credit",
        compute="_compute_jiancai_exposure",
        currency_field="jiancai_credit_currency_id",
        help="Limit minus exposure; empty when no limit is set.",
    )
    jiancai_credit_has_limit = fields.Boolean(
        "Has a Credit Limit", compute="_compute_jiancai_exposure"
    )

    # name of the Float field holding the limit of this level (0 = no limit)
    _jiancai_credit_limit_field = "jiancai_credit_limit"

    def _jiancai_credit_kind(self):
        raise NotImplementedError

    def _jiancai_credit_limit_value(self):
        """The limit of this level, or None when none is set (0 = no limit)."""
        limit = self.sudo()[self._jiancai_credit_limit_field]
        return limit if limit and limit > 0 else None

    @api.depends_context("company")
    def _compute_jiancai_exposure(self):
        service = self.env["jiancai.credit.service"]
        ids = [record._origin.id for record in self if record._origin.id]
        exposures = service._exposure_of_levels(self._jiancai_credit_kind(), ids)
        currency = self.env.company.currency_id
        for record in self:
            exp = exposures.get(record._origin.id) or Exposure()
            limit = record._jiancai_credit_limit_value()
            record.jiancai_credit_currency_id = currency
            record.jiancai_exposure_open_invoices = exp.open_invoices
            record.jiancai_exposure_open_orders = exp.open_orders
            record.jiancai_exposure_delivered = exp.delivered_uninvoiced
            record.jiancai_exposure_payments = exp.unallocated_payments
            record.jiancai_exposure_total = exp.total
            record.jiancai_credit_available = limit - exp.total if limit is not None else False
            record.jiancai_credit_has_limit = limit is not None

    @api.constrains(lambda self: [self._jiancai_credit_limit_field])
    def _check_jiancai_credit_limit(self):
        for record in self:
            value = record[self._jiancai_credit_limit_field]
            if value and value < 0:
                raise ValidationError(
                    self.env._(
                        "The credit limit of %(name)s cannot be negative (%(value)s). "
                        "Enter 0 for no limit.",
                        name=record.display_name,
                        value=value,
                    )
                )

    @api.model
    def _jiancai_check_limit_input(self, vals):
        """Refuse a limit that is not a number before the ORM turns it into a traceback."""
        value = vals.get(self._jiancai_credit_limit_field)
        if value is None or value is False:
            return
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        if number is None or not math.isfinite(number):
            raise ValidationError(
                self.env._(
                    "The credit limit must be a number, not %(value)r. Enter 0 for no limit.",
                    value=value,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._jiancai_check_limit_input(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._jiancai_check_limit_input(vals)
        return super().write(vals)
