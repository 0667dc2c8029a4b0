from odoo import api, models


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    @api.model
    def _jiancai_modules_of(self, records):
        """{record id: module that declared it} for records created from data files."""
        if not records:
            return {}
        rows = self.sudo().search_read(
            [("model", "=", records._name), ("res_id", "in", records.ids)],
            ["res_id", "module"],
        )
        return {row["res_id"]: row["module"] for row in rows}
