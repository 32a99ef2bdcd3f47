"""Units of numbers in prose, one table for the article side and the paper side
(``rules/lexicons/numbers.yaml``: ``time_units``, ``time_unit_abbreviations``,
``percent_units``, ``point_units``, ``ratio_units``).

- ``unit_class(unit)``: "time", "percent", "points", "ratio", "other" or None;
- ``time_unit(unit)``: the canonical singular time unit ("yrs" -> "year"), or None;
- ``days(unit)`` and ``convert(value, unit, target)`` between time units (a month is
  365.25 / 12 days).
"""
from __future__ import annotations

from .lexicons import lexicon

_LEX = lexicon("numbers")

# seconds per unit are integers, so days = seconds / 86400 is exact to the last bit
DAYS: dict[str, float] = {u: s / 86400 for u, s in _LEX["time_units"].items()}  # singular name -> days
ABBREVIATIONS: dict[str, str] = dict(_LEX["time_unit_abbreviations"])  # "yr" -> "year"
TIME_UNITS = frozenset(list(DAYS) + [u + "s" for u in DAYS] + list(ABBREVIATIONS))
PERCENT_UNITS = frozenset(_LEX["percent_units"])
POINT_UNITS = frozenset(_LEX["point_units"])
RATIO_UNITS = frozenset(_LEX["ratio_units"])


def unit_class(unit: str | None) -> str | None:
    """The broad class of a paper's unit; "other" for nouns ("patients", "countries")."""
    if unit is None:
        return None
    u = unit.strip().lower()
    if u in TIME_UNITS:
        return "time"
    if u in PERCENT_UNITS:
        return "percent"
    if u in POINT_UNITS:
        return "points"
    if u in RATIO_UNITS:
        return "ratio"
    return "other"


def time_unit(unit: str | None) -> str | None:
    """"yrs", "years", "year" -> "year"; None for anything else."""
    if not unit:
        return None
    u = unit.strip().lower()
    u = ABBREVIATIONS.get(u, u)
    if u.endswith("s") and u[:-1] in DAYS:
        u = u[:-1]
    return u if u in DAYS else None


def days(unit: str | None) -> float | None:
    u = time_unit(unit)
    return DAYS[u] if u is not None else None


def convert(value: float, unit: str | None, target: str | None) -> float | None:
    """``value`` ``unit`` in ``target`` units (time units only), or None."""
    a, b = days(unit), days(target)
    if a is None or b is None:
        return None
    return value * a / b
