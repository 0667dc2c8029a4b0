"""What every outgoing-message provider returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SendResult:
    ok: bool
    provider_ref: str = ""
    error: str = ""
    # False when sending the same message again cannot help (bad number, bad template...)
    retryable: bool = True

    @classmethod
    def failure(cls, error: str, retryable: bool = True) -> SendResult:
        return cls(ok=False, error=error, retryable=retryable)


def redact(text: str, *secrets: str) -> str:
    """Remove secrets from a text that may be logged or stored (errors, URLs)."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
