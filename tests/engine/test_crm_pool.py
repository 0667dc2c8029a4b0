"""The lead pool's rules: protection per stage, extension by real activity, limits, cool-down."""

from datetime import datetime, timedelta

import pytest
from hypothesis import (
    given,
    strategies as st,
)
from jiancai_addons.jiancai_crm.engine.pool import (
    CLAIM_COOLDOWN,
    CLAIM_DAILY_LIMIT,
    CLAIM_HELD_LIMIT,
    CLAIM_OK,
    ClaimerState,
    PoolRules,
    claim_refusal,
    cooldown_end,
    next_follow_up,
    protection_deadline,
    reclaim_due,
    reminder_due,
)

CLAIMED = datetime(2026, 12, 1, 9, 0)
RULES = PoolRules(
    stage_days={"undelivered": 30, "shell": 15, "tiling": 7},
    extension_days=7,
    max_days=40,
    reminder_days=2,
    cooldown_days=5,
    daily_claim_limit=3,
    held_limit=10,
)


def test_protection_depends_on_the_stage():
    assert protection_deadline(CLAIMED, "undelivered", [], RULES) == CLAIMED + timedelta(days=30)
    assert protection_deadline(CLAIMED, "tiling", [], RULES) == CLAIMED + timedelta(days=7)
    # an unknown or empty stage gets the default period
    assert protection_deadline(CLAIMED, None, [], RULES) == CLAIMED + timedelta(days=10)


def test_real_activity_extends_up_to_the_maximum():
    call = CLAIMED + timedelta(days=6)
    assert protection_deadline(CLAIMED, "tiling", [call], RULES) == call + timedelta(days=7)
    # an early activity that ends before the stage's period does not shorten it
    early = CLAIMED + timedelta(hours=1)
    assert protection_deadline(CLAIMED, "shell", [early], RULES) == CLAIMED + timedelta(days=15)
    # activity every week for three months: capped at max_days after the claim
    weekly = [CLAIMED + timedelta(days=7 * k) for k in range(13)]
    assert protection_deadline(CLAIMED, "tiling", weekly, RULES) == CLAIMED + timedelta(days=40)


def test_activity_before_the_claim_counts_for_nothing():
    before = CLAIMED - timedelta(days=1)
    assert protection_deadline(CLAIMED, "tiling", [before], RULES) == CLAIMED + timedelta(days=7)


def test_stage_period_is_capped_by_the_maximum():
    rules = PoolRules(stage_days={"undelivered": 90}, max_days=40)
    assert protection_deadline(CLAIMED, "undelivered", [], rules) == CLAIMED + timedelta(days=40)


@given(
    stage=st.sampled_from(["undelivered", "shell", "tiling", None]),
    offsets=st.lists(st.integers(min_value=-100, max_value=200), max_size=20),
)
def test_deadline_always_between_stage_period_and_cap(stage, offsets):
    activities = [CLAIMED + timedelta(days=o) for o in offsets]
    deadline = protection_deadline(CLAIMED, stage, activities, RULES)
    assert CLAIMED + timedelta(days=RULES.days_for(stage)) <= deadline
    assert deadline <= CLAIMED + timedelta(days=RULES.max_days)


def test_reminder_fires_once_before_the_deadline():
    deadline = CLAIMED + timedelta(days=7)
    assert not reminder_due(deadline, deadline - timedelta(days=3), RULES, reminded=False)
    assert reminder_due(deadline, deadline - timedelta(days=2), RULES, reminded=False)
    assert not reminder_due(deadline, deadline - timedelta(days=1), RULES, reminded=True)
    assert not reminder_due(deadline, deadline, RULES, reminded=False)
    assert not reminder_due(None, deadline, RULES, reminded=False)


def test_reclaim_when_the_deadline_passed():
    deadline = CLAIMED + timedelta(days=7)
    assert not reclaim_due(deadline, deadline - timedelta(seconds=1))
    assert reclaim_due(deadline, deadline)
    assert not reclaim_due(None, deadline)


def test_claim_limits_and_cooldown():
    now = CLAIMED
    assert claim_refusal(ClaimerState(held=0, claimed_today=0), now, RULES) == CLAIM_OK
    assert claim_refusal(ClaimerState(held=0, claimed_today=3), now, RULES) == CLAIM_DAILY_LIMIT
    assert claim_refusal(ClaimerState(held=10, claimed_today=0), now, RULES) == CLAIM_HELD_LIMIT
    # a bulk reassignment counts every lead of the batch
    assert claim_refusal(ClaimerState(held=0, claimed_today=1), now, RULES, count=3) == (
        CLAIM_DAILY_LIMIT
    )
    lost = now - timedelta(days=4)
    state = ClaimerState(held=0, claimed_today=0, last_release_of_this_lead=lost)
    assert claim_refusal(state, now, RULES) == CLAIM_COOLDOWN
    assert cooldown_end(lost, RULES) == lost + timedelta(days=5)
    assert claim_refusal(state, lost + timedelta(days=5), RULES) == CLAIM_OK


def test_follow_up_cycle_per_intent_level():
    assert next_follow_up("a", CLAIMED) == CLAIMED + timedelta(days=2)
    assert next_follow_up("b", CLAIMED) == CLAIMED + timedelta(days=7)
    assert next_follow_up("c", CLAIMED, {"c": 14}) == CLAIMED + timedelta(days=14)
    with pytest.raises(ValueError):
        next_follow_up("z", CLAIMED)
    with pytest.raises(ValueError):
        next_follow_up("a", CLAIMED, {"a": 0})


@pytest.mark.parametrize(
    "kwargs",
    [{"max_days": 0}, {"cooldown_days": -1}, {"stage_days": {"shell": 0}}, {"held_limit": -1}],
)
def test_absurd_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        PoolRules(**kwargs)
