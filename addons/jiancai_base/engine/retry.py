"""When to try a failed outgoing message again."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential back-off: base, base*factor, base*factor**2 ... capped."""

    max_attempts: int = 5
    base_seconds: int = 60
    factor: int = 4
    cap_seconds: int = 6 * 3600

    def delay(self, attempts_done: int) -> int:
        """Seconds to wait after the ``attempts_done``-th failed attempt (1-based)."""
        if attempts_done < 1:
            return 0
        return min(self.cap_seconds, self.base_seconds * self.factor ** (attempts_done - 1))

    def gives_up(self, attempts_done: int, retryable: bool) -> bool:
        """True when the message must be marked failed for good."""
        return not retryable or attempts_done >= self.max_attempts
