from odoo import fields, models


class JiancaiServiceCause(models.Model):
    """Why it happened (工厂/生产, 设计/沟通, 安装, 运输, 客户使用 ...) and who answers for it."""

    _name = "jiancai.service.cause"
    _description = "After-sales Cause Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    responsible = fields.Selection(
        [
            ("factory", "Factory"),
            ("dealer", "Dealer (design, sales)"),
            ("installer", "Installer"),
            ("carrier", "Carrier"),
            ("customer", "Customer"),
        ],
        "Responsible Party",
        help="Proposed as the responsible party of a ticket with this cause.",
    )
