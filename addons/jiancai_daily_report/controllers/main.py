from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.jiancai_base.engine.numbers import NumberError, parse_finite, parse_id

from ..engine.plan import MAX_TEXT_CHARS
from ..models.jiancai_daily_report import MAX_TRAFFIC


class BadInput(Exception):
    """A refusal worded for the person at the phone (answered 400)."""


class JiancaiDailyReportController(http.Controller):
    """The daily report on the phone: write today's, tick yesterday's plan, plan tomorrow;
    a store manager reads and reviews the store's reports. Reports the user may not read
    answer 404."""

    # ------------------------------------------------------------------ helpers
    def _staff(self):
        if request.env.user.share:
            raise NotFound()
        return request.env.user

    def _managed_store(self):
        return (
            request.env["crm.team"]
            .sudo()
            .search([("jiancai_is_store", "=", True), ("user_id", "=", request.env.uid)], limit=1)
        )

    def _today_report(self, scope):
        Report = request.env["jiancai.daily.report"]
        today = Report._today()
        if scope == "store":
            store = self._managed_store()
            if not store:
                raise NotFound()
            domain = [("scope", "=", "store"), ("store_id", "=", store.id)]
        else:
            domain = [("scope", "=", "person"), ("user_id", "=", request.env.uid)]
        report = Report.search([*domain, ("date", "=", today)], limit=1)
        return report, today

    def _pending_plans(self, scope, today, report):
        """What the last report planned for today (ticked in today's report)."""
        if report:
            return report.check_plan_ids
        Plan = request.env["jiancai.daily.plan"]
        owner = (
            [("scope", "=", "store"), ("store_id", "=", self._managed_store().id)]
            if scope == "store"
            else [("scope", "=", "person"), ("user_id", "=", request.env.uid)]
        )
        return Plan.search([*owner, ("plan_date", "=", today), ("checked_report_id", "=", False)])

    def _render_today(self, scope, error=None, message=None, status=200, typed=None):
        report, today = self._today_report(scope)
        figures = None
        draft = report
        if not report:
            draft = request.env["jiancai.daily.report"].new(
                {
                    "scope": scope,
                    "user_id": request.env.uid,
                    "store_id": (
                        self._managed_store().id
                        if scope == "store"
                        else request.env["crm.team"]._jiancai_store_of_user().id
                    ),
                    "date": today,
                }
            )
            figures = draft._live_figures()
        return request.render(
            "jiancai_daily_report.report_phone_page",
            {
                "report": report,
                "scope": scope,
                "today": today,
                "figures": figures,
                "plans": self._pending_plans(scope, today, report),
                "team_reports": draft._team_reports(),
                "store": draft.store_id,
                "manages_store": bool(self._managed_store()),
                "recent": request.env["jiancai.daily.report"].search(
                    [("user_id", "=", request.env.uid)], limit=7
                ),
                "typed": typed or {},
                "error": error,
                "message": message,
            },
            status=status,
        )

    @staticmethod
    def _text(value, label):
        value = (value or "").strip()
        if len(value) > MAX_TEXT_CHARS:
            raise BadInput(
                request.env._(
                    "%(field)s: keep it under %(n)s characters.", field=label, n=MAX_TEXT_CHARS
                )
            )
        return value

    # ------------------------------------------------------------------ the author
    @http.route("/jc/report", type="http", auth="user", methods=["GET"], sitemap=False)
    def today(self, scope="person", **kwargs):
        self._staff()
        return self._render_today("store" if scope == "store" else "person")

    @http.route("/jc/report/save", type="http", auth="user", methods=["POST"], sitemap=False)
    def save(self, scope="person", **post):
        self._staff()
        scope = "store" if scope == "store" else "person"
        env = request.env
        try:
            values = {
                "done_text": self._text(post.get("done_text"), env._("Done today")),
                "problem_text": self._text(post.get("problem_text"), env._("Problems")),
            }
            if scope == "store":
                try:
                    traffic = parse_finite(post.get("traffic") or "0", 0, MAX_TRAFFIC)
                except NumberError as exc:
                    raise BadInput(
                        env._(
                            "Traffic: type the number of customers who came in, from 0 to %(max)s.",
                            max=MAX_TRAFFIC,
                        )
                    ) from exc
                if traffic != int(traffic):
                    raise BadInput(env._("Traffic counts people: a whole number."))
                values["traffic"] = int(traffic)
            done_ids = {
                parse_id(value) for value in request.httprequest.form.getlist("done_plan_ids")
            }
            report, today = self._today_report(scope)
            if not report:
                report = env["jiancai.daily.report"]._jiancai_start(
                    {
                        "scope": scope,
                        "date": today,
                        **({"store_id": self._managed_store().id} if scope == "store" else {}),
                    }
                )
            report.write(values)
            report._set_plan(post.get("plan"))
            for plan in report.check_plan_ids:
                if plan.done != (plan.id in done_ids):
                    plan.done = plan.id in done_ids
            if post.get("submit"):
                report.action_submit()
                message = env._("Report submitted. Your manager has it.")
            else:
                message = env._("Saved as a draft.")
        except BadInput as exc:
            request.env.cr.rollback()
            return self._render_today(scope, error=str(exc), status=400, typed=post)
        except (UserError, ValidationError, AccessError) as exc:
            request.env.cr.rollback()
            return self._render_today(scope, error=str(exc.args[0]), status=409, typed=post)
        return self._render_today(scope, message=message)

    # ------------------------------------------------------------------ the reader
    def _readable(self, report_id):
        report = request.env["jiancai.daily.report"].search([("id", "=", report_id)])
        if not report:
            raise NotFound()
        return report

    def _render_report(self, report, error=None, message=None, status=200):
        return request.render(
            "jiancai_daily_report.report_read_phone_page",
            {
                "report": report,
                "can_review": report.state == "submitted" and report._can_review(),
                "comments": report.message_ids.filtered(
                    lambda m: m.message_type == "comment" and m.body
                ),
                "error": error,
                "message": message,
            },
            status=status,
        )

    @http.route(
        "/jc/report/<int:report_id>", type="http", auth="user", methods=["GET"], sitemap=False
    )
    def read_report(self, report_id, **kwargs):
        self._staff()
        return self._render_report(self._readable(report_id))

    @http.route(
        "/jc/report/<int:report_id>/review",
        type="http",
        auth="user",
        methods=["POST"],
        sitemap=False,
    )
    def review(self, report_id, comment=None, **kwargs):
        self._staff()
        report = self._readable(report_id)
        try:
            comment = self._text(comment, request.env._("Comment"))
            report.action_review(comment=comment)
        except BadInput as exc:
            return self._render_report(report, error=str(exc), status=400)
        except (UserError, AccessError) as exc:
            request.env.cr.rollback()
            return self._render_report(report, error=str(exc.args[0]), status=409)
        return self._render_report(report, message=request.env._("Marked as reviewed."))

    @http.route("/jc/report/team", type="http", auth="user", methods=["GET"], sitemap=False)
    def team(self, **kwargs):
        """Today's reports of the stores the user manages (all stores for the general
        manager): who submitted, who has not yet."""
        user = self._staff()
        Team = request.env["crm.team"].sudo()
        if user.has_group("jiancai_base.group_general_manager"):
            stores = Team.search([("jiancai_is_store", "=", True)])
        else:
            stores = Team.search([("jiancai_is_store", "=", True), ("user_id", "=", user.id)])
        if not stores:
            raise NotFound()
        Report = request.env["jiancai.daily.report"]
        today = Report._today()
        reports = Report.search([("date", "=", today), ("store_id", "in", stores.ids)])
        rows = []
        for store in stores:
            people = (store.user_id | store.member_ids).filtered(lambda u: u.active and not u.share)
            store_report = reports.filtered(
                lambda r, s=store: r.scope == "store" and r.store_id == s
            )
            personal = {
                r.user_id.id: r for r in reports if r.scope == "person" and r.store_id == store
            }
            rows.append(
                {
                    "store": store,
                    "store_report": store_report[:1],
                    "people": [(person, personal.get(person.id)) for person in people],
                }
            )
        return request.render(
            "jiancai_daily_report.report_team_phone_page", {"rows": rows, "today": today}
        )
