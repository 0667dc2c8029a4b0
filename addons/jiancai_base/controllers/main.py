import logging

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)


def tracking_document(link_id, access_token, model):
    """(link, document as superuser) behind a valid tracking link of ``model``, or a 404.

    For the routes a module adds under ``/jc/t/<link_id>/...`` (booking a slot, a
    service time): a wrong or expired token, a link of another kind or a deleted
    document are all the same plain 404.
    """
    link = request.env["jiancai.tracking.link"].sudo().browse(link_id).exists()
    if not link or not link._is_valid(access_token) or link.res_model != model:
        raise NotFound()
    record = link._document()
    if not record:
        raise NotFound()
    return link, record.sudo()


class JiancaiBaseController(http.Controller):
    # ------------------------------------------------------------------ tracking links
    @http.route(
        "/jc/t/<int:link_id>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def tracking_page(self, link_id, access_token=None, **kwargs):
        """Public page of a tracking link; anything wrong is a plain 404."""
        link = request.env["jiancai.tracking.link"].sudo().browse(link_id).exists()
        if not link or not link._is_valid(access_token):
            raise NotFound()
        record = link._document()
        if record is None or "jiancai_tracking_link_ids" not in record._fields:
            raise NotFound()
        link._register_view()
        record = record.sudo()
        return request.render(
            record._jiancai_tracking_template,
            {
                "link": link,
                "record": record,
                "values": record._jiancai_tracking_values(link),
                "rating_urls": record._jiancai_rating_urls(link.partner_id),
                "company": record.company_id
                if "company_id" in record._fields and record.company_id
                else request.env.company,
            },
        )

    # ------------------------------------------------------------------ field photos
    def _photo_target(self, model, res_id):
        if model not in request.env:
            raise NotFound()
        Model = request.env[model]
        if Model._abstract or Model._transient or "jiancai_photo_ids" not in Model._fields:
            raise NotFound()
        record = request.env[model].browse(res_id).exists()
        if not record:
            raise NotFound()
        try:
            record.check_access("read")
        except AccessError as exc:
            raise NotFound() from exc
        return record

    def _photo_page(self, record, error=None, saved=None, status=200):
        photos = request.env["jiancai.field.photo"].search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)], limit=12
        )
        values = {
            "record": record,
            "photos": photos,
            "error": error,
            "saved": saved,
            "max_mb": request.env["jiancai.field.photo"]._max_bytes() // 1048576,
            "back_url": f"/odoo/{record._name}/{record.id}",
        }
        return request.render("jiancai_base.photo_upload_page", values, status=status)

    @http.route(
        "/jc/photo/<string:model>/<int:res_id>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def photo_upload_form(self, model, res_id, **kwargs):
        return self._photo_page(self._photo_target(model, res_id))

    @http.route(
        "/jc/photo/<string:model>/<int:res_id>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def photo_upload(
        self,
        model,
        res_id,
        photo=None,
        latitude=None,
        longitude=None,
        accuracy=None,
        note=None,
        **kwargs,
    ):
        record = self._photo_target(model, res_id)
        Photo = request.env["jiancai.field.photo"]
        if photo is None or not getattr(photo, "filename", None):
            return self._photo_page(
                record, error=request.env._("Choose or take a photo first."), status=400
            )
        data = photo.read(Photo._max_bytes() + 1)
        try:
            with request.env.cr.savepoint():
                saved = Photo.create_from_upload(
                    record,
                    data,
                    filename=photo.filename,
                    latitude=latitude,
                    longitude=longitude,
                    accuracy=accuracy,
                    note=note,
                )
        except (ValidationError, AccessError, UserError) as exc:
            return self._photo_page(record, error=str(exc.args[0]), status=400)
        return self._photo_page(record, saved=saved)
