from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    jiancai_custom_line_count = fields.Integer(
        "Custom Goods", compute="_compute_jiancai_custom_line_count"
    )

    @api.depends("order_line.jiancai_custom")
    def _compute_jiancai_custom_line_count(self):
        for order in self:
            order.jiancai_custom_line_count = len(order.order_line.filtered("jiancai_custom"))

    def _jiancai_gate_custom_spec(self, gate):
        """Confirmation checkpoint: every made-to-measure line has its sizes and finish."""
        issues = []
        for order in self:
            incomplete = order.order_line.filtered(
                lambda line: line.jiancai_custom and line._jiancai_spec_missing()
            )
            if not incomplete:
                continue
            names = "; ".join(
                self.env._(
                    "%(product)s (missing: %(missing)s)",
                    product=line.product_id.display_name,
                    missing=", ".join(line._jiancai_spec_missing_labels()),
                )
                for line in incomplete
            )
            issues.append(
                order._jiancai_gate_issue(
                    self.env._(
                        "Custom goods without a complete specification: %(lines)s.",
                        lines=names,
                    ),
                    hint=self.env._(
                        "Open each line's Specification and enter width, height and "
                        "depth in mm and the finish, then confirm again."
                    ),
                )
            )
        return issues

    def action_jiancai_custom_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "jiancai_custom.sale_order_line_custom_action"
        )
        action["domain"] = [("order_id", "=", self.id), ("jiancai_custom", "=", True)]
        action["context"] = {"create": False}
        return action
