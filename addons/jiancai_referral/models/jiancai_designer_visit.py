import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from ..engine.visit import VisitError, distance_m, position, visit_hours


class JiancaiDesignerVisit(models.Model):
    """A salesperson's visit to a designer: check-in and check-out from the phone."""

    _name = "jiancai.designer.visit"
    _description = "Designer Visit"
    _inherit = ["mail.thread"]
    _order = "check_in desc, id desc"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        "Salesperson",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Store",
        index="btree_not_null",
        check_company=True,
        domain="[('jiancai_is_store', '=', True)]",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The salesperson's store; its manager sees the visit.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Designer",
        required=True,
        index=True,
        tracking=True,
        domain="[('jiancai_is_referrer', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    check_in = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True)
    check_in_latitude = fields.Float(digits=(10, 7))
    check_in_longitude = fields.Float(digits=(10, 7))
    check_out = fields.Datetime(tracking=True, copy=False)
    check_out_latitude = fields.Float(digits=(10, 7), copy=False)
    check_out_longitude = fields.Float(digits=(10, 7), copy=False)
    state = fields.Selection(
        [("open", "Checked In"), ("done", "Done")],
        compute="_compute_state",
        store=True,
        index=True,
    )
    duration = fields.Float(
        "Time Spent (h)",
        compute="_compute_duration",
        store=True,
        aggregator="sum",
        help="From check-in to check-out, to the minute.",
    )
    distance = fields.Float(
        "Moved (m)",
        compute="_compute_duration",
        store=True,
        aggregator="max",
        help="Distance between the check-in and the check-out positions.",
    )
    outcome = fields.Selection(
        [
            ("products", "Presented products"),
            ("samples", "Left samples or catalogues"),
            ("project", "Talked about a project"),
            ("referral", "Promised a referral"),
            ("relation", "Relationship only"),
            ("no_show", "Designer not there"),
        ],
        tracking=True,
    )
    note = fields.Text("Notes")
    next_followup_date = fields.Date("Next Follow-up", tracking=True, copy=False)
    next_activity_id = fields.Many2one(
        "mail.activity", "Follow-up Activity", readonly=True, copy=False, ondelete="set null"
    )

    # one open visit per salesperson, even when two phones check in at the same moment
    _one_open_visit = models.UniqueIndex(
        "(user_id) WHERE check_out IS NULL",
        "You are already checked in at a designer: check out first.",
    )

    @api.depends("user_id")
    def _compute_team_id(self):
        for visit in self:
            visit.team_id = (
                self.env["crm.team"]._jiancai_store_of_user(visit.user_id)
                if visit.user_id
                else False
            )

    @api.depends("check_out")
    def _compute_state(self):
        for visit in self:
            visit.state = "done" if visit.check_out else "open"

    @api.depends(
        "check_in",
        "check_out",
        "check_in_latitude",
        "check_in_longitude",
        "check_out_latitude",
        "check_out_longitude",
    )
    def _compute_duration(self):
        for visit in self:
            try:
                visit.duration = visit_hours(visit.check_in, visit.check_out or None)
            except VisitError:
                visit.duration = 0.0  # _check_times tells the user
            start = position(visit.check_in_latitude, visit.check_in_longitude)
            end = position(visit.check_out_latitude, visit.check_out_longitude)
            visit.distance = round(distance_m(start, end)) if start and end else 0.0

    @api.depends("partner_id", "check_in")
    def _compute_display_name(self):
        for visit in self:
            when = (
                fields.Datetime.context_timestamp(visit, visit.check_in).strftime("%Y-%m-%d %H:%M")
                if visit.check_in
                else ""
            )
            visit.display_name = " ".join(filter(None, [visit.partner_id.name, when]))

    @api.constrains("check_in", "check_out")
    def _check_times(self):
        for visit in self:
            try:
                visit_hours(visit.check_in, visit.check_out or None)
            except VisitError as error:
                if error.code == "before_check_in":
                    raise ValidationError(
                        self.env._(
                            "The check-out of the visit to %(designer)s is before its "
                            "check-in: correct the times.",
                            designer=visit.partner_id.name,
                        )
                    ) from None
                raise ValidationError(
                    self.env._(
                        "The visit to %(designer)s would last more than 16 hours: it was "
                        "left open by mistake. Enter the real check-out time.",
                        designer=visit.partner_id.name,
                    )
                ) from None

    @api.constrains("user_id", "check_out")
    def _check_one_open(self):
        for visit in self.filtered(lambda v: not v.check_out):
            other = self.sudo().search(
                [
                    ("user_id", "=", visit.user_id.id),
                    ("check_out", "=", False),
                    ("id", "!=", visit.id),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(visit._still_open_message(other))

    @api.constrains("partner_id")
    def _check_designer(self):
        for visit in self:
            if not visit.partner_id.jiancai_is_referrer:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a designer or decoration company: set the dealer "
                        "role of the contact first.",
                        partner=visit.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        visits.filtered("next_followup_date")._schedule_followup()
        return visits

    def write(self, vals):
        result = super().write(vals)
        if "next_followup_date" in vals or "user_id" in vals:
            self._schedule_followup()
        return result

    # ------------------------------------------------------------------ helpers
    def _still_open_message(self, other):
        since = fields.Datetime.context_timestamp(self, other.check_in).strftime("%H:%M")
        return self.env._(
            "%(user)s is still checked in at %(designer)s since %(since)s: check out of that "
            "visit first.",
            user=other.user_id.name,
            designer=other.partner_id.name,
            since=since,
        )

    def _schedule_followup(self):
        """One open follow-up activity on the designer per visit; a new date replaces it."""
        for visit in self.sudo():
            old = visit.next_activity_id
            if old.exists() and old.active:
                old.unlink()
            if not visit.next_followup_date:
                visit.next_activity_id = False
                continue
            activity = visit.partner_id.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=visit.next_followup_date,
                summary=self.env._("Follow up with %(designer)s", designer=visit.partner_id.name),
                note=visit.note or False,
                user_id=visit.user_id.id,
            )
            visit.next_activity_id = activity

    # ------------------------------------------------------------------ actions
    @api.model
    def action_check_in(self, partner, latitude=None, longitude=None):
        """The current user checks in at ``partner`` (a designer) at this position."""
        open_visit = self.sudo().search(
            [("user_id", "=", self.env.uid), ("check_out", "=", False)], limit=1
        )
        if open_visit:
            raise UserError(self._still_open_message(open_visit))
        where = position(latitude, longitude)
        vals = {
            "user_id": self.env.uid,
            "partner_id": partner.id,
            "check_in": fields.Datetime.now(),
            "check_in_latitude": where.latitude if where else 0.0,
            "check_in_longitude": where.longitude if where else 0.0,
        }
        try:
            # two taps (or two phones) at the same moment: the partial unique index decides
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.create(vals)
        except psycopg2.errors.UniqueViolation:
            raise UserError(
                self.env._("You are already checked in at a designer: check out first.")
            ) from None

    def action_check_out(
        self, latitude=None, longitude=None, note=None, outcome=None, next_followup_date=None
    ):
        """The salesperson of this visit checks out; notes and the next follow-up with it."""
        self.ensure_one()
        visit = self.sudo()
        if visit.user_id != self.env.user:
            raise UserError(
                self.env._(
                    "This visit is not yours: only the salesperson who checked in can check out."
                )
            )
        if visit.check_out:
            raise UserError(
                self.env._(
                    "The visit to %(designer)s is already checked out: start a new visit instead.",
                    designer=visit.partner_id.name,
                )
            )
        if next_followup_date:
            next_followup_date = fields.Date.to_date(next_followup_date)
            if next_followup_date < fields.Date.context_today(self):
                raise UserError(
                    self.env._("The next follow-up cannot be in the past: choose a later date.")
                )
        where = position(latitude, longitude)
        vals = {
            "check_out": fields.Datetime.now(),
            "check_out_latitude": where.latitude if where else 0.0,
            "check_out_longitude": where.longitude if where else 0.0,
        }
        if note:
            vals["note"] = note
        if outcome:
            vals["outcome"] = outcome
        if next_followup_date:
            vals["next_followup_date"] = next_followup_date
        self.write(vals)
        return True

    def action_view_designer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "view_mode": "form",
        }
