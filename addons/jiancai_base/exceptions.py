"""What a business gate answers when a document may not pass a checkpoint.

A check returns :class:`GateIssue` objects; the framework turns them into one
:class:`GateRefusal`, a :class:`~odoo.exceptions.UserError` that every caller already
handles (the backend shows it in a dialog with the next step as a button, phone and
public pages render it with ``jiancai_base.gate_refusal``).
"""

from dataclasses import dataclass, field
from typing import Any

from odoo.exceptions import UserError


@dataclass(frozen=True)
class Gate:
    """What a check or a listener is told about the checkpoint being passed."""

    code: str
    # True while previewing (e.g. a dispatcher planning a trip): a check must not lock,
    # write or consume anything, only say what would refuse.
    dry_run: bool = False


@dataclass
class GateIssue:
    """One reason why one document may not pass, and what the user can do about it.

    ``record`` is the document refused; ``related`` a record the user should look at
    next (an approval request, a report to write); ``url`` a page for a phone;
    ``action`` a backend window action offered as a button with ``action_label``.
    """

    message: str
    record: Any = None
    hint: str = ""
    related: Any = None
    url: str = ""
    action: dict | None = None
    action_label: str = ""
    rule: str = field(default="")


class GateRefusal(UserError):
    """A checkpoint refused: the message lists each issue, the issues say what to do."""

    def __init__(self, message, issues=()):
        super().__init__(message)
        self.issues = list(issues)
        first = next((issue for issue in self.issues if issue.action), None)
        # read by the web client's jiancai_base GateRefusal dialog (serialize_exception)
        self.context = {
            "jiancai_action": first.action if first else False,
            "jiancai_action_label": first.action_label if first else False,
        }

    @property
    def message(self):
        return self.args[0]

    @property
    def hints(self):
        """(text, url) pairs of what to do next, once each."""
        seen, result = set(), []
        for issue in self.issues:
            key = (issue.hint, issue.url)
            if (issue.hint or issue.url) and key not in seen:
                seen.add(key)
                result.append(key)
        return result
