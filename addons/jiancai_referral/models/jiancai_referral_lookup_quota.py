from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine.protection import daily_lookups_left

DEFAULT_DAILY_LIMIT = 20
DEFAULT_TZ = "Asia/Shanghai"


class JiancaiReferralLookupQuota(models.Model):
    """How many lookups a user made on one day of the company's calendar.

    One row per user and day, taken with an upsert: the row lock serialises two lookups
    of the same user, and under Odoo's REPEATABLE READ the second one fails with a
    serialization error (Odoo retries the request, which then sees the first one). A
    lock alone would not do: the waiting transaction would count from its old snapshot.
    """

    _name = "jiancai.referral.lookup.quota"
    _description = "Referral Lookup Quota"
    _order = "day desc, id desc"

    user_id = fields.Many2one("res.users", required=True, readonly=True, ondelete="cascade")
    day = fields.Date(required=True, readonly=True)
    used = fields.Integer(readonly=True)

    _user_day_uniq = models.Constraint("UNIQUE(user_id, day)", "One quota per user and day.")

    @api.model
    def _daily_limit(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("jiancai_referral.lookup_daily_limit")
        )
        try:
            return int(value) if value else DEFAULT_DAILY_LIMIT
        except ValueError:
            return DEFAULT_DAILY_LIMIT

    @api.model
    def _company_day(self):
        """Today in the company's time zone, and its bounds in UTC (naive).

        Neither the user's nor the request's time zone: both can be changed by whoever
        looks up, and would move the day under the count.
        """
        tz = pytz.timezone(self.env.company.partner_id.tz or DEFAULT_TZ)
        day = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
        return day, start.replace(tzinfo=None), end.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _take(self):
        """Count one lookup of the current user today; return how many are left.

        Raises a UserError when the daily limit is reached (the transaction is then
        rolled back, so the refused attempt does not count).
        """
        limit = self._daily_limit()
        day, start, end = self._company_day()
        now = fields.Datetime.now()
        # the first lookup of the day starts from the log (lookups logged before the
        # quota existed, or by another path); later ones add one under the row lock. The
        # savepoint gives a refused attempt back (and its row lock).
        with self.env.cr.savepoint():
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO jiancai_referral_lookup_quota AS quota
                        (user_id, day, used, create_uid, write_uid, create_date, write_date)
                    VALUES (
                        %(uid)s, %(day)s,
                        (SELECT count(*) FROM jiancai_referral_lookup_log
                          WHERE user_id = %(uid)s
                            AND looked_up_at >= %(start)s AND looked_up_at < %(end)s) + 1,
                        %(uid)s, %(uid)s, %(now)s, %(now)s
                    )
                    ON CONFLICT (user_id, day)
                    DO UPDATE SET used = quota.used + 1, write_date = %(now)s
                    RETURNING used
                    """,
                    uid=self.env.uid,
                    day=day,
                    start=start,
                    end=end,
                    now=now,
                )
            )
            left = daily_lookups_left(self.env.cr.fetchone()[0] - 1, limit)
            if not left:
                raise UserError(
                    self.env._(
                        "You reached today's limit of %(limit)s lookups. Ask your store "
                        "manager if you need more.",
                        limit=limit,
                    )
                )
        self.invalidate_model(["used"])
        return left - 1
