import dataclasses

import pytest
from jiancai_addons.jiancai_base.engine.retry import RetryPolicy


@pytest.mark.parametrize(
    ("attempts_done", "seconds"),
    [
        (0, 0),
        (-3, 0),
        (1, 60),
        (2, 240),
        (3, 960),
        (4, 3840),
        (5, 15360),
        (6, 6 * 3600),  # 61440 is capped
        (50, 6 * 3600),
    ],
)
def test_default_delays_grow_by_four_and_are_capped(attempts_done, seconds):
    assert RetryPolicy().delay(attempts_done) == seconds


def test_delays_never_decrease_and_never_exceed_the_cap():
    policy = RetryPolicy()
    delays = [policy.delay(n) for n in range(1, 30)]
    assert delays == sorted(delays)
    assert max(delays) == policy.cap_seconds


def test_custom_policy():
    policy = RetryPolicy(max_attempts=3, base_seconds=10, factor=2, cap_seconds=25)
    assert [policy.delay(n) for n in range(1, 5)] == [10, 20, 25, 25]


@pytest.mark.parametrize(
    ("attempts_done", "retryable", "gives_up"),
    [
        (1, True, False),
        (4, True, False),
        (5, True, True),
        (6, True, True),
        (1, False, True),  # a final error is never retried
        (0, False, True),
    ],
)
def test_gives_up(attempts_done, retryable, gives_up):
    assert RetryPolicy().gives_up(attempts_done, retryable) is gives_up


def test_policy_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        RetryPolicy().max_attempts = 10
