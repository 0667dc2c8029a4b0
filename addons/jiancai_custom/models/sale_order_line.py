import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.jiancai_base.engine.drawing import DrawingError, drawing_mimetype

from ..engine.production import is_late
from ..engine.spec import SizeError, Spec, missing_parts, parse_size, sizes_text

SIZE_FIELDS = ("jiancai_width", "jiancai_depth", "jiancai_height")
PRODUCTION_FIELDS = ("jiancai_production_state", "jiancai_ready_date", "jiancai_factory_id")
PRODUCTION_STATES = [
    ("waiting", "Waiting for the factory"),
    ("accepted", "Accepted"),
    ("in_production", "In production"),
    ("ready", "Ready"),
    ("shipped", "Shipped"),
]


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    jiancai_custom = fields.Boolean(
        "Made to measure", related="product_template_id.jiancai_custom", store=True
    )
    jiancai_width = fields.Integer("Width (mm)")
    jiancai_depth = fields.Integer("Depth (mm)")
    jiancai_height = fields.Integer("Height (mm)")
    jiancai_finish = fields.Char("Finish / Colour")
    jiancai_spec_note = fields.Text("Note for the Factory")
    jiancai_drawing_ids = fields.Many2many(
        "ir.attachment",
        "jiancai_custom_sale_line_drawing_rel",
        "line_id",
        "attachment_id",
        string="Drawings",
        help="PDF or image files (PNG, JPEG, WebP) sent to the factory with the order.",
    )
    jiancai_purchase_line_ids = fields.One2many(
        "purchase.order.line", "jiancai_sale_line_id", "Factory Lines", readonly=True
    )
    jiancai_spec_summary = fields.Char("Specification", compute="_compute_jiancai_spec_summary")
    jiancai_production_state = fields.Selection(
        PRODUCTION_STATES,
        "Production",
        compute="_compute_jiancai_production",
        store=True,
        help="Set by the factory on its portal (or by purchasing), never by sales.",
    )
    jiancai_ready_date = fields.Date("Ready On", compute="_compute_jiancai_production", store=True)
    jiancai_factory_id = fields.Many2one(
        "res.partner", "Factory", compute="_compute_jiancai_production", store=True
    )
    jiancai_late = fields.Boolean("Late", compute="_compute_jiancai_late")

    @api.depends(*SIZE_FIELDS, "jiancai_finish")
    def _compute_jiancai_spec_summary(self):
        for line in self:
            spec = line._jiancai_spec()
            line.jiancai_spec_summary = " · ".join(
                part for part in (sizes_text(spec), (spec.finish or "").strip()) if part
            )

    @api.depends(
        "jiancai_purchase_line_ids.jiancai_production_state",
        "jiancai_purchase_line_ids.jiancai_ready_date",
        "jiancai_purchase_line_ids.order_id.state",
        "jiancai_purchase_line_ids.partner_id",
    )
    def _compute_jiancai_production(self):
        for line in self:
            po_line = line._jiancai_purchase_line()
            line.jiancai_production_state = po_line.jiancai_production_state or (
                "waiting" if po_line else False
            )
            line.jiancai_ready_date = po_line.jiancai_ready_date
            line.jiancai_factory_id = po_line.partner_id.commercial_partner_id

    def _compute_jiancai_late(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.jiancai_late = line.jiancai_custom and is_late(
                line.jiancai_production_state, line.jiancai_ready_date, today
            )

    @api.constrains(*SIZE_FIELDS)
    def _check_jiancai_sizes(self):
        for line in self:
            for name in SIZE_FIELDS:
                value = line[name]
                if value:
                    line._jiancai_parse_size(name, value)

    @api.constrains("jiancai_drawing_ids")
    def _check_jiancai_drawings(self):
        for attachment in self.sudo().jiancai_drawing_ids:
            try:
                drawing_mimetype(base64.b64decode(attachment.datas or b""))
            except DrawingError as error:
                raise ValidationError(
                    self.env._(
                        "%(file)s is not a drawing the factory can open (%(why)s): "
                        "attach a PDF or an image (PNG, JPEG, WebP).",
                        file=attachment.name,
                        why=self._jiancai_drawing_error_text(error.code),
                    )
                ) from None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._jiancai_check_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._jiancai_check_vals(vals)
        return super().write(vals)

    def _jiancai_check_vals(self, vals):
        """Sizes as people typed them are parsed here (never ``float()``/``int()``);
        the production fields are the factory's, not the sales team's."""
        if not self.env.su and any(name in vals for name in PRODUCTION_FIELDS):
            raise AccessError(
                self.env._(
                    "The production status is set by the factory on its portal "
                    "(or by purchasing on the purchase order), not on the sales order."
                )
            )
        for name in SIZE_FIELDS:
            if name not in vals:
                continue
            value = vals[name]
            if (
                value is None
                or value is False
                or value == ""
                or (isinstance(value, int) and not isinstance(value, bool) and value == 0)
            ):
                # not given (a copied line of a plain product, a cleared cell): the gate
                # asks for it before confirmation
                vals[name] = 0
            else:
                vals[name] = self._jiancai_parse_size(name, value)

    def _jiancai_parse_size(self, name, value):
        try:
            return parse_size(value)
        except SizeError as error:
            label = self._fields[name].get_description(self.env)["string"]
            messages = {
                "empty": self.env._("%(size)s is empty.", size=label),
                "not_number": self.env._(
                    "%(size)s must be a whole number of millimetres (digits 0-9 only).",
                    size=label,
                ),
                "too_small": self.env._("%(size)s must be at least 1 mm.", size=label),
                "too_large": self.env._(
                    "%(size)s cannot exceed 6000 mm: check the unit (millimetres).",
                    size=label,
                ),
            }
            raise ValidationError(messages[error.code]) from None

    def _jiancai_drawing_error_text(self, code):
        return {
            "empty": self.env._("the file is empty"),
            "too_big": self.env._("the file is over 20 MB"),
            "not_drawing": self.env._("its content is neither a PDF nor an image"),
        }[code]

    def _jiancai_spec(self):
        self.ensure_one()
        return Spec(
            width=self.jiancai_width or None,
            height=self.jiancai_height or None,
            depth=self.jiancai_depth or None,
            finish=self.jiancai_finish or None,
            note=self.jiancai_spec_note or None,
        )

    def _jiancai_spec_missing(self):
        return missing_parts(self._jiancai_spec())

    def _jiancai_spec_missing_labels(self):
        labels = {
            "width": self.env._("width"),
            "height": self.env._("height"),
            "depth": self.env._("depth"),
            "finish": self.env._("finish"),
        }
        return [labels[part] for part in self._jiancai_spec_missing()]

    def _jiancai_spec_text(self):
        """The specification as the factory reads it on the purchase order line."""
        self.ensure_one()
        spec = self._jiancai_spec()
        lines = [
            self.env._("Made to measure (W×D×H): %(sizes)s", sizes=sizes_text(spec) or "-"),
            self.env._("Finish: %(finish)s", finish=spec.finish or "-"),
        ]
        if spec.note:
            lines.append(self.env._("Note: %(note)s", note=spec.note))
        if self.jiancai_drawing_ids:
            lines.append(
                self.env._(
                    "Drawings: %(files)s",
                    files=", ".join(self.sudo().jiancai_drawing_ids.mapped("name")),
                )
            )
        lines.append(self.env._("Sales order: %(order)s", order=self.order_id.name))
        return "\n".join(lines)

    def _jiancai_purchase_line(self):
        lines = self.sudo().jiancai_purchase_line_ids.filtered(
            lambda pol: pol.order_id.state != "cancel"
        )
        return lines.sorted("id")[-1:] if lines else lines

    def action_jiancai_specification(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Specification"),
            "res_model": "sale.order.line",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("jiancai_custom.sale_order_line_view_form_spec").id, "form")],
            "target": "new",
        }
