"""Severity policy: the one place a finding's severity is decided.

1. The base level: the rule's default, or the config's ``severity: {CODE: level}``
   (``configured``), applied before any check runs, as Vale applies an override to a
   rule's level;
2. then context, in the check, from that base: a hedged ("may cure") or quoted claim is
   one level lower (``judge``, ``lower``), so an override never undoes the lowering.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .context import ClaimContext

LOWER = {"error": "warning", "warning": "info", "info": "info"}


def configured(rule: Any, overrides: Mapping[str, str]) -> Any:
    """The rule at its configured base level (a copy sharing its parameters)."""
    level = overrides.get(rule.code)
    if level is None or level == rule.severity:
        return rule
    return dataclasses.replace(rule, severity=level)


def configured_finding(finding: Any, overrides: Mapping[str, str]) -> Any:
    """A finding of a rule known only once it fires (LanguageTool's): no context applies,
    so the configured level is its level."""
    level = overrides.get(finding.rule.code)
    if level is not None:
        finding.severity = level
    return finding


def lower(severity: str, steps: int = 1) -> str:
    for _ in range(steps):
        severity = LOWER[severity]
    return severity


class ClaimPolicy(BaseModel):
    """Parameters shared by kinds that judge claims in sentences."""

    model_config = ConfigDict(extra="forbid")
    negated: Literal["skip", "keep"] = "skip"
    hedged: Literal["keep", "lower", "skip"] = "lower"
    quoted: Literal["keep", "lower", "skip"] = "lower"
    questions: Literal["skip", "keep"] = "skip"
    skip_future: bool = False  # skip sentences about future or other studies
    other_studies: Literal["skip", "keep"] = "skip"  # sentences about earlier or other studies
    background: Literal["skip", "keep"] = "skip"  # background facts, not the study's result


def judge(policy: ClaimPolicy, severity: str, ctx: ClaimContext) -> tuple[str, str] | None:
    """(severity, note for the message) or None when the context cancels the claim."""
    if ctx.cancelled:
        return None
    if ctx.other_study and policy.other_studies == "skip":
        return None
    if ctx.background and policy.background == "skip":
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
            severity = lower(severity)
    if ctx.quote is not None or ctx.attributed:  # a quote, or "they suggest ...": someone's words
        if policy.quoted == "skip":
            return None
        if policy.quoted == "lower":
            severity = lower(severity)
        if ctx.quote is None:
            note = f' (told as the researchers\' view: "{ctx.attributed}")'
        else:
            who = ctx.quote.speaker
            note = f" (in a quote from {who})" if who else " (in a quote)"
    return severity, note
