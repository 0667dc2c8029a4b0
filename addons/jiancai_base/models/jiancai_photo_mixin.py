from odoo import api, fields, models


class JiancaiPhotoMixin(models.AbstractModel):
    """Records that take field photos (a delivery, a measurement, a site visit...)."""

    _name = "jiancai.photo.mixin"
    _description = "Takes Field Photos"

    jiancai_photo_ids = fields.One2many(
        "jiancai.field.photo",
        "res_id",
        string="Field Photos",
        domain=lambda self: [("res_model", "=", self._name)],
    )
    jiancai_photo_count = fields.Integer("Photos", compute="_compute_jiancai_photo_count")

    @api.depends("jiancai_photo_ids")
    def _compute_jiancai_photo_count(self):
        for record in self:
            record.jiancai_photo_count = len(record.jiancai_photo_ids)

    def unlink(self):
        photos = (
            self.env["jiancai.field.photo"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        result = super().unlink()
        photos.unlink()
        return result

    def _jiancai_photo_upload_url(self):
        self.ensure_one()
        return f"/jc/photo/{self._name}/{self.id}"

    def action_jiancai_add_photo(self):
        """Open the phone upload page (camera) for this record."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": self._jiancai_photo_upload_url(),
            "target": "self",
        }

    def action_jiancai_photos(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Field Photos"),
            "res_model": "jiancai.field.photo",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"create": False},
        }
