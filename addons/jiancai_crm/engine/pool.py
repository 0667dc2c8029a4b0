"""The lead pool (公海池): protection deadlines, claim limits, cool-down, reminders.

A guide who claims a lead from the pool holds it for a protection period that depends on
the renovation stage of the home (a flat not yet handed over buys later than one whose
tiler is already on site). Real activity (a logged call, a store visit, a measurement)
extends the protection, never beyond a maximum counted from the claim. When the
protection ends the lead goes back to the pool; the guide who lost it may not claim it
again before a cool-down has passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# renovation stages of the home, in the order a renovation goes through them
STAGES = (
    "undelivered",  # 未交房
    "shell",  # 毛坯
    "plumbing",  # 水电
    "tiling",  # 泥瓦
    "carpentry",  # 木工
    "painting",  # 油漆
    "installation",  # 安装
    "finished",  # 完工
)
# days of protection after a claim, per stage: the further the renovation, the sooner the
# customer buys, the shorter a guide may sit on the lead
DEFAULT_STAGE_DAYS: Mapping[str, int] = {
    "undelivered": 30,
    "shell": 15,
    "plumbing": 10,
    "tiling": 7,
    "carpentry": 7,
    "painting": 7,
    "installation": 5,
    "finished": 5,
}
INTENT_LEVELS = ("a", "b", "c")
# follow-up cycle per intent level (A: hot, B: warm, C: cold), in days
DEFAULT_FOLLOW_UP_DAYS: Mapping[str, int] = {"a": 2, "b": 7, "c": 30}


@dataclass(frozen=True)
class PoolRules:
    """The dealer's pool settings."""

    stage_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_STAGE_DAYS))
    default_days: int = 10
    extension_days: int = 7
    max_days: int = 60
    reminder_days: int = 2
    cooldown_days: int = 7
    daily_claim_limit: int = 20
    held_limit: int = 200

    def __post_init__(self) -> None:
        for name in ("default_days", "extension_days", "max_days", "cooldown_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative.")
        if self.max_days < 1 or self.default_days < 1:
            raise ValueError("A protection period is at least one day.")
        if any(days < 1 for days in self.stage_days.values()):
            raise ValueError("A protection period is at least one day.")
        if self.daily_claim_limit < 0 or self.held_limit < 0:
            raise ValueError("A claim limit cannot be negative.")

    def days_for(self, stage: str | None) -> int:
        """Protection days of a stage, never more than the maximum."""
        return min(self.stage_days.get(stage or "", self.default_days), self.max_days)


def protection_deadline(
    claimed_at: datetime,
    stage: str | None,
    real_activities: Iterable[datetime],
    rules: PoolRules,
) -> datetime:
    """When the guide's hold on a lead ends.

    The stage's period from the claim; every real activity after the claim pushes the
    deadline to ``extension_days`` after it, never earlier than it was and never later than
    ``max_days`` after the claim. Activities before the claim (another guide's) count for
    nothing.
    """
    deadline = claimed_at + timedelta(days=rules.days_for(stage))
    cap = claimed_at + timedelta(days=rules.max_days)
    for when in real_activities:
        if when < claimed_at:
            continue
        deadline = max(deadline, when + timedelta(days=rules.extension_days))
    return min(deadline, cap)


def reminder_due(
    deadline: datetime | None, now: datetime, rules: PoolRules, reminded: bool
) -> bool:
    """True once, ``reminder_days`` before the deadline, while the lead is still held."""
    if deadline is None or reminded or now >= deadline:
        return False
    return now >= deadline - timedelta(days=rules.reminder_days)


def reclaim_due(deadline: datetime | None, now: datetime) -> bool:
    """True when the protection has passed: the lead goes back to the pool."""
    return deadline is not None and now >= deadline


def cooldown_end(released_at: datetime, rules: PoolRules) -> datetime:
    """The first moment the guide who lost (or gave back) a lead may claim it again."""
    return released_at + timedelta(days=rules.cooldown_days)


# why a claim is refused; the caller words each code in the user's language
CLAIM_OK = ""
CLAIM_DAILY_LIMIT = "daily_limit"
CLAIM_HELD_LIMIT = "held_limit"
CLAIM_COOLDOWN = "cooldown"


@dataclass(frozen=True)
class ClaimerState:
    """What the rules need to know of the guide who claims."""

    held: int  # leads the guide holds now
    claimed_today: int  # leads claimed (or given to them) since midnight
    last_release_of_this_lead: datetime | None = None  # when they last lost this lead


def claim_refusal(state: ClaimerState, now: datetime, rules: PoolRules, count: int = 1) -> str:
    """Why ``count`` more leads may not go to this guide now, or ``CLAIM_OK``."""
    if state.last_release_of_this_lead is not None and now < cooldown_end(
        state.last_release_of_this_lead, rules
    ):
        return CLAIM_COOLDOWN
    if state.claimed_today + count > rules.daily_claim_limit:
        return CLAIM_DAILY_LIMIT
    if state.held + count > rules.held_limit:
        return CLAIM_HELD_LIMIT
    return CLAIM_OK


def next_follow_up(level: str, last: datetime, cycles: Mapping[str, int] | None = None) -> datetime:
    """When the next follow-up of a lead of intent ``level`` is due, counted from ``last``."""
    cycles = cycles or DEFAULT_FOLLOW_UP_DAYS
    if level not in cycles:
        raise ValueError(f"Unknown intent level {level!r}.")
    days = cycles[level]
    if days < 1:
        raise ValueError("A follow-up cycle is at least one day.")
    return last + timedelta(days=days)
