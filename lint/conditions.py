"""Conditions on the citation, written in rule files as ``when:``.

``when`` is a list of alternatives (any may hold); each alternative is a mapping of
dotted citation fields to a test (all must hold)::

    when:
      - {study.design: [case-series, case-report]}        # value in list
      - {study.control: none, study.design: {not: cohort}}
      - {study.sample_size: {lt: 50}}                       # lt, le, gt, ge
      - {study.subjects: {not: [humans]}}

A field the citation does not give makes its alternative false: unknown facts keep
rules silent.  ``evidence`` names the fields of the alternative that held.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator

from . import userregex
from .citation import Citation

FIELDS = {
    "title", "journal", "published", "doi", "status", "claim_strength",
    "study.design", "study.phase", "study.randomized", "study.blinding", "study.control",
    "study.subjects", "study.sample_size", "study.intervention", "study.condition",
    "funding", "conflicts", "limitations",
}
MAX_MATCH_INPUT = 500
OPS = {"lt", "le", "gt", "ge", "not", "in", "set", "matches"}


def _norm(v: Any) -> Any:
    if isinstance(v, str):
        return v.strip().lower()
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return str(v) if not isinstance(v, bool) else v
    return v


def _as_list(v: Any) -> list:
    return [_norm(x) for x in (v if isinstance(v, list) else [v])]


def validate_when(when: Any) -> list[dict[str, Any]]:
    if when is None:
        return []
    if isinstance(when, dict):
        when = [when]
    if not isinstance(when, list):
        raise ValueError("when: must be a mapping or a list of mappings")
    for alt in when:
        if not isinstance(alt, dict):
            raise ValueError("when: each alternative must be a mapping of citation fields to tests")
        for f, test in alt.items():
            if f not in FIELDS:
                raise ValueError(f"when: unknown citation field '{f}' (known: {', '.join(sorted(FIELDS))})")
            if isinstance(test, dict):
                bad = set(test) - OPS
                if bad:
                    raise ValueError(f"when: unknown test {sorted(bad)} for '{f}' (use one of {sorted(OPS)})")
                if "matches" in test:
                    bad_rx = userregex.problem(str(test["matches"]))
                    if bad_rx:
                        raise ValueError(f"when: '{f}': {bad_rx}")
    return when


When = Annotated[Any, AfterValidator(lambda v: validate_when(v))]
"""A rule parameter holding a ``when`` condition, validated when the rule loads."""


def _holds(value: Any, test: Any) -> bool:
    if isinstance(test, dict):
        for op, arg in test.items():
            if op == "not":
                if _norm(value) in _as_list(arg):
                    return False
            elif op == "in":
                if _norm(value) not in _as_list(arg):
                    return False
            elif op == "set":
                empty = value is None or value == [] or value == ""
                if bool(arg) == empty:
                    return False
            elif op == "matches":
                items = value if isinstance(value, list) else [value]
                # bounded input: a user's pattern cannot run away on a long field
                rx = userregex.compile_pattern(str(arg))
                if not any(isinstance(v, str) and userregex.search(rx, v[:MAX_MATCH_INPUT]) for v in items):
                    return False
            else:
                if value is None or isinstance(value, (str, bool)):
                    return False
                if op == "lt" and not value < arg:
                    return False
                if op == "le" and not value <= arg:
                    return False
                if op == "gt" and not value > arg:
                    return False
                if op == "ge" and not value >= arg:
                    return False
        return True
    return _norm(value) in _as_list(test)


def fmt_value(v: Any) -> str:
    if isinstance(v, list):
        return "[" + "; ".join(str(x) for x in v) + "]"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


@dataclass(frozen=True)
class Match:
    evidence: str


def evaluate(when: list[dict[str, Any]], citation: Citation | None) -> Match | None:
    """The first alternative that holds (with its evidence), or None.

    An empty ``when`` always holds (with no evidence)."""
    if not when:
        return Match("")
    if citation is None:
        return None
    for alt in when:
        parts = []
        ok = True
        for f, test in alt.items():
            known, value = citation.field(f)
            if not known:
                # ``{set: false}`` asks for "not given"; any other test needs the fact
                if isinstance(test, dict) and test.get("set") is False:
                    parts.append(f"{f} not given")
                    continue
                ok = False
                break
            if not _holds(value, test):
                ok = False
                break
            parts.append(citation.evidence(f, fmt_value(value)))
        if ok:
            return Match("; ".join(parts))
    return None
