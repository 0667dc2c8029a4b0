from urllib.parse import urlencode

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import parse_id
from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)

PER_PAGE = 20
THUMB = "256x256"


class JiancaiRenovationPortal(CustomerPortal):
    """The homeowner's renovation pages: phases, photos, accept or ask for rework."""

    # ------------------------------------------------------------------ home and lists
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Project = request.env["project.project"]
        if "renovation_count" in counters:
            values["renovation_count"] = (
                Project.search_count([("jiancai_is_renovation", "=", True)])
                if Project.has_access("read")
                else 0
            )
        # renovations have their own card, not among Odoo's shared projects and tasks
        if "project_count" in counters and Project.has_access("read"):
            values["project_count"] = Project.search_count(self._prepare_project_domain())
        if "task_count" in counters and request.env["project.task"].has_access("read"):
            values["task_count"] = request.env["project.task"].search_count(
                # portal users may not search every task field: go through the project
                [("project_id", "!=", False), ("project_id.jiancai_is_renovation", "=", False)]
            )
        return values

    def _prepare_project_domain(self):
        return Domain.AND([super()._prepare_project_domain(),
                           [("jiancai_is_renovation", "=", False)]])  # fmt: skip

    @http.route(["/my/renovations", "/my/renovations/page/<int:page>"], type="http",
                auth="user", website=True)  # fmt: skip
    def portal_my_renovations(self, page=1, **kw):
        Project = request.env["project.project"]
        domain = [("jiancai_is_renovation", "=", True)]
        count = Project.search_count(domain)
        pager = portal_pager(url="/my/renovations", total=count, page=page, step=PER_PAGE)
        renovations = Project.search(
            domain, order="date_start desc, id desc", limit=PER_PAGE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "renovations": renovations,
                "pager": pager,
                "page_name": "renovation",
                "default_url": "/my/renovations",
            }
        )
        return request.render("jiancai_renovation.portal_my_renovations", values)

    # ------------------------------------------------------------------ one renovation
    def _renovation(self, renovation_id, access_token):
        """The renovation (sudo) if this user or token may see it, else 404."""
        try:
            project = self._document_check_access("project.project", renovation_id, access_token)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        if not project.jiancai_is_renovation:
            raise NotFound()
        return project

    def _render_renovation(self, project, access_token, error=None, message=None, status=200):
        phases = project.jiancai_phase_ids.sorted(lambda t: (t.sequence, t.id))
        last = phases[-1:]
        rating = (
            last._jiancai_open_rating()
            if last and project.jiancai_renovation_state == "done"
            else None
        )
        values = {
            "renovation": project,
            "phases": phases,
            "token": access_token,
            "token_query": f"?access_token={access_token}" if access_token else "",
            "error": error,
            "message": message,
            "rating": rating,
            "thumb": THUMB,
            "page_name": "renovation",
        }
        values = self._get_page_view_values(
            project, access_token, values, "my_renovations_history", False
        )
        return request.render("jiancai_renovation.portal_renovation_page", values, status=status)

    @http.route("/my/renovation/<int:renovation_id>", type="http", auth="public",
                methods=["GET"], website=True)  # fmt: skip
    def portal_renovation(self, renovation_id, access_token=None, answered=None, phase=None,
                          **kw):  # fmt: skip
        project = self._renovation(renovation_id, access_token)
        return self._render_renovation(
            project, access_token, message=self._answer_message(project, answered, phase)
        )

    def _answer_message(self, project, answered, phase_ref):
        """What the page says after the homeowner's answer (from the redirect's query)."""
        phase_id = parse_id(phase_ref) if phase_ref and phase_ref.isascii() else None
        phase = project.jiancai_phase_ids.filtered(lambda t: t.id == phase_id)
        env = request.env
        if not phase:
            return None
        if answered == "accept" and phase.jiancai_phase_state == "accepted":
            return env._("Thank you: %(phase)s is accepted.", phase=phase.name)
        if answered == "rework" and phase.jiancai_phase_state == "rework":
            return env._("The supervisor has been asked to redo %(phase)s.", phase=phase.name)
        return None

    @http.route("/my/renovation/<int:renovation_id>/phase/<string:phase_ref>/<string:answer>",
                type="http", auth="public", methods=["POST"], website=True)  # fmt: skip
    def portal_renovation_answer(self, renovation_id, phase_ref, answer, access_token=None,
                                 reason=None, **kw):  # fmt: skip
        project = self._renovation(renovation_id, access_token)
        if answer not in ("accept", "rework"):
            raise NotFound()
        phase_id = parse_id(phase_ref) if phase_ref.isascii() else None
        phase = project.jiancai_phase_ids.filtered(lambda t: t.id == phase_id)
        if not phase:
            raise NotFound()
        env = request.env
        partner = (
            env.user.partner_id
            if not env.user._is_public()
            and env.user.partner_id.commercial_partner_id
            == project.partner_id.commercial_partner_id
            else project.partner_id
        )
        try:
            with env.cr.savepoint():
                accepted = phase._jiancai_homeowner_answer(
                    answer == "accept", reason=reason, partner=partner
                )
        except UserError as exc:
            project.invalidate_recordset()
            phase.invalidate_recordset()
            return self._render_renovation(
                project, access_token, error=str(exc.args[0]), status=409
            )
        # redirect after the post: a reload shows the page, it does not answer again
        query = {"answered": "accept" if accepted else "rework", "phase": phase.id}
        if access_token:
            query["access_token"] = access_token
        return request.redirect(f"/my/renovation/{project.id}?{urlencode(query)}")

    # no website: a photo needs no language prefix (and no redirect to one)
    @http.route("/my/renovation/<int:renovation_id>/photo/<int:photo_id>",
                type="http", auth="public", methods=["GET"])  # fmt: skip
    def portal_renovation_photo(self, renovation_id, photo_id, access_token=None, size=None,
                                **kw):  # fmt: skip
        project = self._renovation(renovation_id, access_token)
        photo = (
            request.env["jiancai.field.photo"]
            .sudo()
            .search(
                [
                    ("id", "=", photo_id),
                    ("res_model", "=", "project.task"),
                    ("res_id", "in", project.jiancai_phase_ids.ids),
                ]
            )
        )
        if not photo:
            raise NotFound()
        width = height = 0
        if size == "thumb":
            width, height = (int(n) for n in THUMB.split("x"))
        stream = request.env["ir.binary"]._get_image_stream_from(
            photo, "image", width=width, height=height, crop=bool(width)
        )
        return stream.get_response()
