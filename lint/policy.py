"""How context changes a claim finding: the knobs every claim-judging kind shares."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from .context import ClaimContext

LOWER = {"error": "warning", "warning": "info", "info": "info"}


class ClaimPolicy(BaseModel):
    """Parameters shared by kinds that judge claims in sentences."""

    model_config = ConfigDict(extra="forbid")
    negated: Literal["skip", "keep"] = "skip"
    hedged: Literal["keep", "lower", "skip"] = "lower"
    quoted: Literal["keep", "lower", "skip"] = "lower"
    questions: Literal["skip", "keep"] = "skip"
    skip_future: bool = False  # skip sentences about future or other studies


def judge(policy: ClaimPolicy, severity: str, ctx: ClaimContext) -> tuple[str, str] | None:
    """(severity, note for the message) or None when the context cancels the claim."""
    if ctx.cancelled:
        return None
    if ctx.negated and policy.negated == "skip":
        return None
    if ctx.question and policy.questions == "skip":
        return None
    note = ""
    if ctx.hedged:
        if policy.hedged == "skip":
            return None
        if policy.hedged == "lower":
            severity = LOWER[severity]
    if ctx.quote is not None:
        if policy.quoted == "skip":
            return None
        if policy.quoted == "lower":
            severity = LOWER[severity]
        who = ctx.quote.speaker
        note = f" (in a quote from {who})" if who else " (in a quote)"
    return severity, note
