import base64

from odoo import fields, models

from ..engine.qr import qr_png


class JiancaiQrMixin(models.AbstractModel):
    """A QR code of a URL for each record, for forms and printed reports.

    Override :meth:`_jiancai_qr_value`; in QWeb reports use
    ``<img t-att-src="image_data_uri(doc.jiancai_qr)"/>``.
    """

    _name = "jiancai.qr.mixin"
    _description = "QR Code"

    jiancai_qr = fields.Binary("QR Code", compute="_compute_jiancai_qr")

    def _compute_jiancai_qr(self):
        for record in self:
            value = record._jiancai_qr_value() if record.id else False
            record.jiancai_qr = base64.b64encode(qr_png(value)) if value else False

    def _jiancai_qr_value(self):
        """The text in the code: by default the record's back-office URL."""
        self.ensure_one()
        return f"{self.get_base_url()}/odoo/{self._name}/{self.id}"
