from datetime import datetime, time, timedelta

import pytz

from odoo import models

from ..engine.sla import WorkCalendar


def to_local(value, tz):
    """A naive UTC datetime (the ORM's) as naive local time of ``tz``."""
    return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)


def to_utc(value, tz):
    """A naive local time of ``tz`` as naive UTC."""
    return tz.localize(value).astimezone(pytz.utc).replace(tzinfo=None)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _jiancai_tz(self):
        self.ensure_one()
        return pytz.timezone(self.tz or "Asia/Shanghai")

    def _jiancai_work_calendar(self, date_from, date_to):
        """The engine's calendar (local time) with the global time off between two UTC moments.

        Public holidays are global time off (``resource.calendar.leaves`` without a
        resource) of this calendar or of none.
        """
        self.ensure_one()
        tz = self._jiancai_tz()
        weekly = {}
        for attendance in self.attendance_ids:
            # a "Break" line is the lunch break: not working time
            if (
                attendance.display_type
                or attendance.duration_based
                or attendance.day_period == "lunch"
            ):
                continue
            start = round(attendance.hour_from * 60)
            end = min(round(attendance.hour_to * 60), 24 * 60)
            if end > start:
                weekly.setdefault(int(attendance.dayofweek), []).append((start, end))
        leaves = (
            self.env["resource.calendar.leaves"]
            .sudo()
            .search(
                [
                    ("resource_id", "=", False),
                    ("calendar_id", "in", (self.id, False)),
                    ("date_from", "<", date_to),
                    ("date_to", ">", date_from),
                ]
            )
        )
        closures = tuple(
            (to_local(leave.date_from, tz), to_local(leave.date_to, tz)) for leave in leaves
        )
        calendar = WorkCalendar(
            weekly={day: tuple(sorted(spans)) for day, spans in weekly.items()}, closures=closures
        )
        return calendar, tz

    def _jiancai_day_bounds(self, day, tz):
        """UTC naive start and end of a local day."""
        start = datetime.combine(day, time.min)
        return to_utc(start, tz), to_utc(start + timedelta(days=1), tz)
