from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import parse_id
from odoo.addons.jiancai_base.exceptions import GateRefusal

NOTE_MAX = 4000
ACTIONS = ("start", "check", "photo", "note", "ask")


class JiancaiRenovationSiteController(http.Controller):
    """The supervisor's phone pages: every page answers 404 on someone else's site."""

    def _check_supervisor(self):
        if not request.env.user.has_group("jiancai_base.group_supervisor"):
            raise NotFound()

    def _site(self, site_ref):
        """The supervisor's own renovation from the id in the URL (ASCII digits only:
        other scripts' digits are not guessed)."""
        self._check_supervisor()
        site_id = parse_id(site_ref) if str(site_ref).isascii() else None
        if not site_id:
            raise NotFound()
        site = request.env["project.project"].search(
            [
                ("id", "=", site_id),
                ("jiancai_is_renovation", "=", True),
                ("jiancai_supervisor_id", "=", request.env.uid),
            ]
        )
        if not site:
            raise NotFound()
        return site

    def _render_site(self, site, error=None, message=None, refusal=None, status=200):
        phases = site.jiancai_phase_ids.sorted(lambda t: (t.sequence, t.id))
        return request.render(
            "jiancai_renovation.site_page",
            {
                "site": site,
                "phases": phases,
                "current": site.jiancai_current_phase_id,
                "error": error,
                "message": message,
                "refusal": refusal,
                "max_mb": request.env["jiancai.field.photo"]._max_bytes() // 1048576,
            },
            status=status,
        )

    @http.route("/jc/site", type="http", auth="user", website=True, sitemap=False)
    def site_list(self, **kwargs):
        self._check_supervisor()
        sites = request.env["project.project"].search(
            [
                ("jiancai_is_renovation", "=", True),
                ("jiancai_supervisor_id", "=", request.env.uid),
            ],
            order="jiancai_renovation_state desc, date_start, id",
        )
        return request.render("jiancai_renovation.site_list_page", {"sites": sites})

    @http.route("/jc/site/<string:site_ref>", type="http", auth="user", methods=["GET"],
                website=True, sitemap=False)  # fmt: skip
    def site_page(self, site_ref, **kwargs):
        return self._render_site(self._site(site_ref))

    @http.route("/jc/site/<string:site_ref>/<string:action>", type="http", auth="user",
                methods=["POST"], website=True, sitemap=False)  # fmt: skip
    def site_action(self, site_ref, action, check_id=None, photo=None, note=None,
                    latitude=None, longitude=None, accuracy=None, **kwargs):  # fmt: skip
        site = self._site(site_ref)
        if action not in ACTIONS:
            raise NotFound()
        phase = site.jiancai_current_phase_id
        env = request.env
        message = None
        try:
            with env.cr.savepoint():
                if not phase:
                    raise UserError(env._("Every phase of this renovation is accepted."))
                if action == "start":
                    phase.action_jiancai_phase_start()
                    message = env._("%(phase)s started.", phase=phase.name)
                elif action == "check":
                    phase.action_jiancai_toggle_check(parse_id(check_id) or 0)
                elif action == "photo":
                    Photo = env["jiancai.field.photo"]
                    if photo is None or not getattr(photo, "filename", None):
                        raise UserError(env._("Choose or take a photo first."))
                    Photo.create_from_upload(
                        phase,
                        photo.read(Photo._max_bytes() + 1),
                        filename=photo.filename,
                        latitude=latitude,
                        longitude=longitude,
                        accuracy=accuracy,
                    )
                    message = env._("Photo saved.")
                elif action == "note":
                    text = (note or "").strip()
                    if len(text) > NOTE_MAX:
                        raise UserError(
                            env._("Keep the note under %(max)s characters.", max=NOTE_MAX)
                        )
                    phase._jiancai_check_site_staff()
                    phase.jiancai_note = text or False
                    message = env._("Note saved.")
                else:
                    phase.action_jiancai_request_acceptance()
                    message = env._(
                        "The homeowner has been asked to accept %(phase)s.", phase=phase.name
                    )
        except GateRefusal as exc:
            return self._render_site(site, refusal=exc, status=409)
        except (UserError, ValidationError, AccessError) as exc:
            return self._render_site(site, error=str(exc.args[0]), status=409)
        return self._render_site(site, message=message)
