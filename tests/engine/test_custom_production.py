"""The factory's production status only moves forward, with an honest ready date."""

from datetime import date, timedelta

import pytest
from jiancai_addons.jiancai_custom.engine.production import (
    STATES,
    TransitionError,
    check_transition,
    is_late,
    next_states,
)

TODAY = date(2026, 12, 7)


def code_of(*args, **kwargs):
    with pytest.raises(TransitionError) as caught:
        check_transition(*args, **kwargs)
    return caught.value.code


def test_forward_and_skipping_ahead():
    check_transition("waiting", "accepted", "waiting", TODAY + timedelta(days=10), TODAY)
    check_transition(None, "in_production", None, TODAY, TODAY)
    check_transition("in_production", "ready", "in_production", None, TODAY)
    check_transition("ready", "shipped")
    assert next_states("accepted") == ("in_production", "ready", "shipped")
    assert next_states("shipped") == ()
    assert next_states(None) == STATES[1:]


def test_refusals():
    assert code_of("in_production", "accepted") == "backwards"
    assert code_of("shipped", "ready") == "backwards"
    assert code_of("ready", "ready") == "same"
    assert code_of("waiting", "done") == "unknown"
    assert code_of("waiting", "") == "unknown"
    # a second tab still shows "waiting" after the first moved the line on
    assert code_of("accepted", "in_production", expected="waiting") == "stale"
    assert code_of("waiting", "accepted", None, None, TODAY) == "date_needed"
    assert code_of("waiting", "accepted", None, TODAY - timedelta(days=1), TODAY) == "date_past"
    assert code_of("waiting", "accepted", None, TODAY + timedelta(days=400), TODAY) == "date_far"
    with pytest.raises(TransitionError):
        next_states("bogus")


def test_late():
    assert is_late("in_production", TODAY - timedelta(days=1), TODAY)
    assert not is_late("ready", TODAY - timedelta(days=1), TODAY)
    assert not is_late("accepted", TODAY, TODAY)
    assert not is_late("waiting", None, TODAY)
