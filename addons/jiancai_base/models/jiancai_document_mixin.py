from odoo import api, fields, models


class JiancaiDocumentMixin(models.AbstractModel):
    """A record about one business document of any model (res_model, res_id).

    Shared by the notification log, tracking links and field photos.
    """

    _name = "jiancai.document.mixin"
    _description = "About a Document"

    res_model = fields.Char("Document Model", index=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model")
    record_name = fields.Char("Document", compute="_compute_record_name")

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for record in self:
            document = record._document()
            if document is None:
                record.record_name = False
            elif document.has_access("read"):
                record.record_name = document.display_name
            else:
                record.record_name = self.env._(
                    "%(model)s (restricted)", model=document._description
                )

    def _document(self):
        """The document this record is about, or None when it is gone."""
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            return None
        return self.env[self.res_model].browse(self.res_id).exists() or None
