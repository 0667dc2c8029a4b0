from odoo import api, models


class IrModelData(models.Model):
    _inherit = "ir.model.data"

    @api.model
    def _jiancai_modules_of(self, records):
        """{record id: title of the module that declared it} for records from data files."""
        if not records:
            return {}
        rows = self.sudo().search_read(
            [("model", "=", records._name), ("res_id", "in", records.ids)],
            ["res_id", "module"],
        )
        names = {row["module"] for row in rows}
        modules = self.env["ir.module.module"].sudo().search([("name", "in", list(names))])
        title = {module.name: module.shortdesc or module.name for module in modules}
        return {row["res_id"]: title.get(row["module"], row["module"]) for row in rows}
