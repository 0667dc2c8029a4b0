from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine.slots import CLOSED, FULL, PAST, Slot, booking_problem, offered_slots


class JiancaiDeliverySlot(models.Model):
    """A time window on a day that customers may book for their delivery, up to a capacity."""

    _name = "jiancai.delivery.slot"
    _description = "Delivery Slot"
    _order = "date, hour_from, id"

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, index=True)
    hour_from = fields.Float("From", required=True, default=9.0)
    hour_to = fields.Float("To", required=True, default=12.0)
    capacity = fields.Integer(
        required=True, default=4, help="How many deliveries the fleet takes in this window."
    )
    start_at = fields.Datetime("Starts", compute="_compute_start_at", store=True)
    picking_ids = fields.One2many("stock.picking", "jiancai_slot_id", "Deliveries", readonly=True)
    booked_count = fields.Integer("Booked", compute="_compute_booked_count")
    free_count = fields.Integer("Free", compute="_compute_booked_count")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _hours_check = models.Constraint(
        "CHECK(hour_from >= 0 AND hour_to <= 24 AND hour_to > hour_from)",
        "A slot must lie within the day and end after it starts.",
    )
    _capacity_check = models.Constraint(
        "CHECK(capacity >= 0)", "The capacity of a slot cannot be negative."
    )
    _unique_window = models.UniqueIndex(
        "(company_id, date, hour_from, hour_to) WHERE active",
        "This slot is already offered.",
    )

    @api.depends("date", "hour_from", "hour_to")
    def _compute_name(self):
        for slot in self:
            slot.name = (
                f"{fields.Date.to_string(slot.date)} "
                f"{self._hhmm(slot.hour_from)}-{self._hhmm(slot.hour_to)}"
                if slot.date
                else False
            )

    @api.model
    def _hhmm(self, value):
        return "%02d:%02d" % (int(value), round((value % 1) * 60))

    @api.depends("date", "hour_from", "company_id")
    def _compute_start_at(self):
        for slot in self:
            if not slot.date:
                slot.start_at = False
                continue
            tz = pytz.timezone(slot.company_id.partner_id.tz or "Asia/Shanghai")
            local = datetime.combine(slot.date, time()) + timedelta(hours=slot.hour_from)
            slot.start_at = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)

    @api.depends("picking_ids", "capacity")
    def _compute_booked_count(self):
        counts = dict(
            self.env["stock.picking"]
            .sudo()
            ._read_group(
                [("jiancai_slot_id", "in", self.ids), ("state", "!=", "cancel")],
                ["jiancai_slot_id"],
                ["__count"],
            )
        )
        for slot in self:
            slot.booked_count = counts.get(slot, 0)
            slot.free_count = max(slot.capacity - slot.booked_count, 0)

    def _engine_slot(self):
        self.ensure_one()
        return Slot(self.id, self.start_at, self.capacity, self.booked_count, self.active)

    @api.model
    def _offered(self, company, limit=12):
        """The slots a customer of ``company`` may pick now, soonest first."""
        slots = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("start_at", ">", fields.Datetime.now()),
            ],
            limit=200,
        )
        keys = offered_slots([s._engine_slot() for s in slots], fields.Datetime.now(), limit)
        return self.sudo().browse(keys)

    def _lock_and_check(self):
        """Lock the slot (two customers for its last place) and say why it is not bookable."""
        self.ensure_one()
        # the update makes a customer who waited on this lock retry (serialization
        # failure under REPEATABLE READ) and count again, instead of counting from a
        # snapshot taken before the first customer's booking
        self.env.cr.execute(
            SQL(
                "UPDATE jiancai_delivery_slot SET write_date = NOW() AT TIME ZONE 'UTC' "
                "WHERE id = %s",
                self.id,
            )
        )
        self.invalidate_recordset()
        self.env["stock.picking"].flush_model(["jiancai_slot_id", "state"])
        self.invalidate_recordset(["booked_count", "free_count"])
        problem = booking_problem(self._engine_slot(), fields.Datetime.now())
        if problem == PAST:
            raise UserError(
                self.env._(
                    "The slot %(slot)s has already begun; choose a later one.", slot=self.name
                )
            )
        if problem == FULL:
            raise UserError(
                self.env._(
                    "The slot %(slot)s has just been taken; choose another one.", slot=self.name
                )
            )
        if problem == CLOSED:
            raise UserError(
                self.env._(
                    "The slot %(slot)s is no longer offered; choose another one.", slot=self.name
                )
            )

    @api.constrains("capacity")
    def _check_capacity(self):
        for slot in self:
            if slot.capacity < slot.booked_count:
                raise ValidationError(
                    self.env._(
                        "%(slot)s already has %(n)s deliveries booked; the capacity cannot be "
                        "lower.",
                        slot=slot.name,
                        n=slot.booked_count,
                    )
                )

    def action_view_deliveries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "stock.picking",
            "view_mode": "list,form",
            "domain": [("jiancai_slot_id", "=", self.id)],
        }
