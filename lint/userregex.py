"""Regular expressions written in rule files (``when: {field: {matches: ...}}``, the
number kind's ``clause_breaks``): checked when the rule loads and run with a time limit.

Python's ``re`` has no time limit, and a pattern that backtracks exponentially
(``(a|aa)+$`` on a long run of a's) would hang the linter.  These patterns are compiled
with the ``regex`` package, whose searches take a ``timeout``: a pattern that runs past
it fails the file being linted with a one-line message (exit status 2), and the other
files are still linted.  Patterns that repeat a repeated group (``(a+)+``) are refused
when the rule loads, since they are the usual way to write one.
"""
from __future__ import annotations

import re
from functools import lru_cache

import regex

from .errors import SciencelintError

TIMEOUT = 1.0  # seconds per search; a pattern of the built-in rules takes microseconds
MAX_LENGTH = 200

# a group holding a quantifier, itself quantified: (a+)+, (\w+\s?)*, (x+x+){2,}
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]")


class SlowPattern(SciencelintError):
    """A user's regular expression ran past the time limit."""


def problem(pattern: str) -> str | None:
    """What is wrong with a user's pattern, or None: too long, a repeated repeated group,
    or not a regular expression."""
    if len(pattern) > MAX_LENGTH:
        return f"regular expression {pattern[:40]!r}... is longer than {MAX_LENGTH} characters"
    if _NESTED_QUANTIFIER.search(pattern):
        return (f"regular expression {pattern!r} repeats a repeated group (like (a+)+), "
                "which can take exponential time; simplify it")
    try:
        compile_pattern(pattern)
    except regex.error as exc:
        return f"bad regular expression {pattern!r}: {exc}"
    return None


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> regex.Pattern:
    """Case-insensitive, like every pattern in rule files."""
    return regex.compile(pattern, regex.IGNORECASE)


def _slow(rx: regex.Pattern) -> SlowPattern:
    return SlowPattern(f"regular expression {rx.pattern[:80]!r} in a rule file ran for more than {TIMEOUT:g} s "
                       "(it backtracks too much); simplify it")


def search(rx: regex.Pattern, text: str) -> regex.Match | None:
    try:
        return rx.search(text, timeout=TIMEOUT)
    except TimeoutError:
        raise _slow(rx) from None


def finditer(rx: regex.Pattern, text: str) -> list[regex.Match]:
    """All matches (a list: the time limit covers the whole scan)."""
    try:
        return list(rx.finditer(text, timeout=TIMEOUT))
    except TimeoutError:
        raise _slow(rx) from None
