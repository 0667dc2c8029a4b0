from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..engine.production import TransitionError, check_transition, next_states
from .sale_order_line import PRODUCTION_STATES

PRODUCTION_FIELDS = ("jiancai_production_state", "jiancai_ready_date")


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    jiancai_custom = fields.Boolean(
        "Made to measure", related="product_id.product_tmpl_id.jiancai_custom", store=True
    )
    jiancai_production_state = fields.Selection(PRODUCTION_STATES, "Production", copy=False)
    jiancai_ready_date = fields.Date("Ready On", copy=False)
    jiancai_sale_line_id = fields.Many2one(
        "sale.order.line",
        "Custom Sales Line",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The made-to-measure sales line this line buys (Odoo links MTO purchases to "
        "the sale through stock moves; this keeps the specification at hand).",
    )
    jiancai_drawing_ids = fields.Many2many(
        "ir.attachment", string="Drawings", related="jiancai_sale_line_id.jiancai_drawing_ids"
    )
    jiancai_spec_summary = fields.Char(related="jiancai_sale_line_id.jiancai_spec_summary")
    jiancai_spec_note = fields.Text(related="jiancai_sale_line_id.jiancai_spec_note")

    @api.model
    def _prepare_purchase_order_line_from_procurement(
        self, product_id, product_qty, product_uom, location_dest_id, name, origin,
        company_id, values, po,
    ):  # fmt: skip
        res = super()._prepare_purchase_order_line_from_procurement(
            product_id, product_qty, product_uom, location_dest_id, name, origin,
            company_id, values, po,
        )  # fmt: skip
        sale_line = self._jiancai_procured_sale_line(values)
        if sale_line:
            spec = sale_line.with_context(lang=po.partner_id.lang)._jiancai_spec_text()
            res["name"] = (res.get("name", "") + "\n" + spec).strip()
            res["jiancai_sale_line_id"] = sale_line.id
            res["jiancai_production_state"] = "waiting"
        return res

    @api.model
    def _jiancai_procured_sale_line(self, values):
        """The made-to-measure sales line a procurement comes from (``sale_line_id`` travels
        from the sales line through the MTO stock move, see sale_stock)."""
        sale_line = self.env["sale.order.line"].browse(values.get("sale_line_id")).exists()
        return sale_line if sale_line.jiancai_custom else sale_line.browse()

    def _find_candidate(
        self, product_id, product_qty, product_uom, location_id, name, origin, company_id,
        values,
    ):  # fmt: skip
        """Two made-to-measure lines are two things to build: never merge them."""
        sale_line = self._jiancai_procured_sale_line(values)
        lines = self
        if sale_line:
            lines = self.filtered(lambda pol: pol.jiancai_sale_line_id == sale_line)
        elif product_id.product_tmpl_id.jiancai_custom:
            lines = self.filtered(lambda pol: not pol.jiancai_sale_line_id)
        return super(PurchaseOrderLine, lines)._find_candidate(
            product_id, product_qty, product_uom, location_id, name, origin, company_id,
            values,
        )  # fmt: skip

    def write(self, vals):
        if any(name in vals for name in PRODUCTION_FIELDS) and not self.env.su:
            if not self.env.user.has_group("purchase.group_purchase_user"):
                raise AccessError(
                    self.env._(
                        "Only the factory (on its portal) or purchasing may change "
                        "the production status."
                    )
                )
            for line in self:
                state = vals.get("jiancai_production_state", line.jiancai_production_state)
                if state != line.jiancai_production_state:
                    line._jiancai_check_production(state, line.jiancai_production_state, None)
        old = {line.id: line.jiancai_production_state for line in self}
        result = super().write(vals)
        if "jiancai_production_state" in vals and not self.env.context.get("jiancai_posted"):
            for line in self.filtered(lambda pol: old[pol.id] != pol.jiancai_production_state):
                line._jiancai_announce_production()
        return result

    def _jiancai_check_production(self, state, expected, ready_date, today=None):
        """Raise a UserError in the person's words unless this line may move to ``state``."""
        self.ensure_one()
        if not self.jiancai_custom:
            raise UserError(self.env._("Only made-to-measure lines have a production status."))
        if self.order_id.state == "cancel":
            raise UserError(
                self.env._(
                    "Purchase order %(order)s is cancelled: its production status can no "
                    "longer change.",
                    order=self.order_id.name,
                )
            )
        if self.order_id.state != "purchase":
            raise UserError(
                self.env._(
                    "Purchase order %(order)s is not confirmed yet.", order=self.order_id.name
                )
            )
        try:
            check_transition(self.jiancai_production_state, state, expected, ready_date, today)
        except TransitionError as error:
            raise UserError(self._jiancai_transition_message(error.code, state)) from None

    def _jiancai_next_state_options(self):
        """(value, label) of the statuses the factory may choose next."""
        self.ensure_one()
        labels = dict(self._fields["jiancai_production_state"]._description_selection(self.env))
        return [(state, labels[state]) for state in next_states(self.jiancai_production_state)]

    def _jiancai_transition_message(self, code, state):
        labels = dict(self._fields["jiancai_production_state"]._description_selection(self.env))
        current = labels.get(self.jiancai_production_state or "waiting", "")
        return {
            "unknown": self.env._("Unknown production status."),
            "same": self.env._("This line is already: %(state)s.", state=current),
            "backwards": self.env._(
                "A production status only moves forward: %(line)s is already %(state)s.",
                line=self.product_id.display_name,
                state=current,
            ),
            "stale": self.env._(
                "Someone updated %(line)s meanwhile: it is now %(state)s. Reload the page "
                "and check before changing it again.",
                line=self.product_id.display_name,
                state=current,
            ),
            "date_needed": self.env._(
                "Give the date the goods will be ready (%(state)s).",
                state=labels.get(state, state),
            ),
            "date_past": self.env._("The ready date cannot be in the past."),
            "date_far": self.env._("The ready date cannot be more than a year away."),
        }[code]

    def _jiancai_factory_update(self, state, ready_date, expected):
        """The factory moves this line forward (portal, already checked to be its PO):
        lock the row, check, write, tell both chatters and the guide."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("SELECT id FROM purchase_order_line WHERE id = %s FOR UPDATE", self.id)
        )
        self.invalidate_recordset(["jiancai_production_state", "jiancai_ready_date"])
        line = self.sudo()
        line._jiancai_check_production(
            state, expected, ready_date, today=fields.Date.context_today(self)
        )
        vals = {"jiancai_production_state": state}
        if ready_date:
            vals["jiancai_ready_date"] = ready_date
        line.with_context(jiancai_posted=True).write(vals)
        line._jiancai_announce_production(author=self.env.user.partner_id)

    def _jiancai_announce_production(self, author=None):
        """Post the new status on the purchase and the sales order; notify the guide."""
        self.ensure_one()
        line = self.sudo()
        sale_line = line.jiancai_sale_line_id

        def text(env):
            labels = dict(line._fields["jiancai_production_state"]._description_selection(env))
            state = labels.get(line.jiancai_production_state, "")
            if line.jiancai_ready_date:
                return env._(
                    "%(factory)s: %(product)s is %(state)s, ready on %(date)s.",
                    factory=line.partner_id.commercial_partner_id.name,
                    product=line.product_id.display_name,
                    state=state,
                    date=fields.Date.to_string(line.jiancai_ready_date),
                )
            return env._(
                "%(factory)s: %(product)s is %(state)s.",
                factory=line.partner_id.commercial_partner_id.name,
                product=line.product_id.display_name,
                state=state,
            )

        author_id = (author or line.env.user.partner_id).id
        line.order_id.message_post(
            body=text(line.env), author_id=author_id, subtype_xmlid="mail.mt_note"
        )
        if sale_line:
            order = sale_line.order_id
            order.message_post(
                body=text(line.env), author_id=author_id, subtype_xmlid="mail.mt_note"
            )
            if order.user_id:
                line.env["jiancai.notification"].notify(
                    order.user_id,
                    lambda env: env._("Custom goods for %(order)s", order=order.name),
                    text,
                    record=order,
                )
