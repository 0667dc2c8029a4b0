from datetime import timedelta

from odoo import api, fields, models


class JiancaiTrackableMixin(models.AbstractModel):
    """Records that people outside the company may follow through a public link.

    A model opts in by inheriting this mixin; it may override
    :meth:`_jiancai_tracking_values` (what the page shows) and
    ``_jiancai_tracking_template``. Models that also inherit ``rating.mixin`` and set
    ``_jiancai_tracking_rating = True`` get the "how did we do?" buttons of Odoo's own
    rating on the page of a link made for a partner.
    """

    _name = "jiancai.trackable.mixin"
    _description = "Trackable by Public Link"

    _jiancai_tracking_template = "jiancai_base.tracking_page"
    # set to True on models that inherit rating.mixin and want "how did we do?" buttons
    _jiancai_tracking_rating = False

    jiancai_tracking_link_ids = fields.One2many(
        "jiancai.tracking.link",
        "res_id",
        string="Tracking Links",
        domain=lambda self: [("res_model", "=", self._name)],
        groups="base.group_user",
    )
    jiancai_tracking_link_count = fields.Integer(
        "Tracking Links Count",
        compute="_compute_jiancai_tracking_link_count",
        groups="base.group_user",
    )

    @api.depends("jiancai_tracking_link_ids")
    def _compute_jiancai_tracking_link_count(self):
        for record in self:
            record.jiancai_tracking_link_count = len(record.jiancai_tracking_link_ids)

    def unlink(self):
        links = (
            self.env["jiancai.tracking.link"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        result = super().unlink()
        links.unlink()
        return result

    def _jiancai_tracking_link(self, partner=None, days=None):
        """The valid link for ``partner`` on this record, made if there is none."""
        self.ensure_one()
        self.check_access("read")
        Link = self.env["jiancai.tracking.link"].sudo()
        now = fields.Datetime.now()
        link = Link.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("partner_id", "=", partner.id if partner else False),
                ("create_uid", "=", self.env.uid),
                "|",
                ("expires_at", "=", False),
                ("expires_at", ">", now + timedelta(days=1)),
            ],
            limit=1,
        )
        if link:
            return link
        if days is None:
            days = int(
                self.env["ir.config_parameter"]
                .sudo()
                .get_param("jiancai_base.tracking_link_days", 30)
            )
        return Link.create(
            {
                "res_model": self._name,
                "res_id": self.id,
                "partner_id": partner.id if partner else False,
                "expires_at": now + timedelta(days=days) if days else False,
            }
        )

    def _jiancai_tracking_values(self, link):
        """What the public page shows: a title, a status, and (label, value) rows.

        Only what is returned here is shown, never the record itself: override it to
        expose exactly what the outside person needs.
        """
        self.ensure_one()
        return {"title": self.display_name, "status": False, "rows": []}

    def _jiancai_rating_urls(self, partner):
        """Odoo rating links (/rate/<token>/<score>) for ``partner``, if rateable."""
        self.ensure_one()
        if not partner or not self._jiancai_tracking_rating:
            return []
        token = self.sudo()._rating_get_access_token(partner=partner)
        return [(score, f"/rate/{token}/{score}") for score in (5, 3, 1)]

    def action_jiancai_tracking_link(self):
        """Make (or reuse) a public link and show it."""
        self.ensure_one()
        link = self._jiancai_tracking_link()
        return {
            "type": "ir.actions.act_window",
            "res_model": "jiancai.tracking.link",
            "res_id": link.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_jiancai_tracking_links(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tracking Links"),
            "res_model": "jiancai.tracking.link",
            "view_mode": "list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }
