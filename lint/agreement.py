"""Whether a number in the article agrees with the paper's (the rounding and qualifier
rules are in ``lint/numbers.py``'s module docstring, "Agreement").

``agrees(mention, value, of=None, unit=None)`` and ``agrees_date(mention, year, month,
day)``: True = consistent, False = contradiction, None = not comparable (other kind or
unit).  ``unit=None`` means "the mention's own unit"; unknown units ("patients") mean a
count.  Units come from ``lint/units.py`` (``rules/lexicons/numbers.yaml``).
"""
from __future__ import annotations

from .lexicons import lexicon
from .numbers import NumberMention
from .units import ABBREVIATIONS, DAYS, PERCENT_UNITS, POINT_UNITS, RATIO_UNITS

__all__ = ["agrees", "agrees_date"]

# Unit normalisation for the paper side: name -> (category, canonical)
_DAYS = {u + "s": d for u, d in DAYS.items()}  # "weeks" -> 7.0 (mentions carry plural units)
_UNITS: dict[str, tuple[str, str]] = {}
for _alias in PERCENT_UNITS:
    _UNITS[_alias] = ("percent", "percent")
for _alias in POINT_UNITS:
    _UNITS[_alias] = ("points", "points")
for _alias in RATIO_UNITS:
    _UNITS[_alias] = ("ratio", "fold")
for _u in _DAYS:
    for _alias in (_u, _u[:-1]):
        _UNITS[_alias] = ("time", _u)
for _alias, _u in ABBREVIATIONS.items():
    _UNITS[_alias] = ("time", _u + "s")
for _alias, _code in lexicon("numbers")["currencies"].items():
    _UNITS[_alias] = ("money", _code)
    _UNITS[_code.lower()] = ("money", _code)
_UNITS["date"] = ("date", "date")


def _norm_unit(unit: str | None) -> tuple[str | None, str | None]:
    if unit is None:
        return None, None
    return _UNITS.get(unit.strip().lower(), (None, None))


def _within(m: float, p: float, q: str | None, v: float, band: float,
            vague: bool = False) -> bool:
    """Is the true value v consistent with mention value m?"""
    eps = 1e-9 * max(1.0, abs(m))
    if vague:
        return m - eps <= v < 5 * m
    band = max(band, p)
    if q in (None, "early", "mid", "late"):
        return abs(v - m) <= p + eps
    if q == "about":
        return abs(v - m) <= band + eps
    if q == "over":
        return v > m + eps
    if q == "under":
        return v < m - eps
    if q == "atleast":
        return v >= m - eps
    if q == "atmost":
        return v <= m + eps
    if q == "nearly":
        return m - band - eps <= v <= m + eps
    if q == "just-over":
        return m + eps < v <= m + band + eps
    return abs(v - m) <= p + eps


def _band(m: float, percent_scale: bool) -> float:
    return max(0.10 * abs(m), 3.0 if percent_scale else 0.0)


def _frac_tolerance(num: float, den: float) -> float:
    """Percentage points a fraction mention covers."""
    pct = 100.0 * num / den
    return min(0.15 * pct, 50.0 / den)


def agrees(mention: NumberMention, value: float, of: float | None = None,
           unit: str | None = None) -> bool | None:
    """Does ``mention`` agree with the paper's ``value`` (``of`` ``unit``)?"""
    cat, canon = _norm_unit(unit)
    k, q = mention.kind, mention.qualifier
    m, p = mention.value, mention.precision

    if k in ("year", "date"):
        if cat not in (None, "date") or of is not None \
                or not float(value).is_integer():
            return None
        return agrees_date(mention, int(value))

    if k == "fraction":
        den = mention.of
        assert den is not None  # fraction mentions always carry one (numbers._h_fraction, _h_fracword; all_fraction)
        ratio = 100.0 * m / den
        tol = _frac_tolerance(m, den)
        if of is not None:
            if of <= 0:
                return None
            if abs(of - den) < 1e-9:
                return _within(m, 0.0, q, value, _band(m, False))
            truth = 100.0 * value / of
        elif cat == "percent":
            truth = value
        else:
            return None
        return _within(ratio, tol, q, truth, _band(ratio, True))

    if k == "percent":
        if of is not None:
            if of <= 0 or mention.unit != "percent":
                return None
            truth = 100.0 * value / of
        elif cat is None or cat == mention.unit:
            truth = value
        else:
            return None
        return _within(m, p, q, truth, _band(m, True))

    if of is not None:
        return None  # counts etc. are not compared with a fraction

    if k == "duration":
        if cat is None:
            return _within(m, p, q, value, _band(m, False))
        if cat != "time":
            return None
        assert canon is not None  # _norm_unit gives a canonical name with every category
        if canon == mention.unit:
            return _within(m, p, q, value, _band(m, False))
        assert mention.unit is not None  # every duration mention has its unit (numbers._h_duration)
        truth = value * _DAYS[canon] / _DAYS[mention.unit]
        return _within(m, p + 0.10 * abs(m), q, truth, _band(m, False))

    if k == "money":
        if cat not in (None, "money") or (cat and canon != mention.unit):
            return None
    elif k == "ratio":
        if cat not in (None, "ratio"):
            return None
    elif cat is not None:  # count vs percent/time/money
        return None
    return _within(m, p, q, value, _band(m, False), mention.vague)


_PART_MONTHS = {"early": range(1, 5), "mid": range(4, 10),
                "late": range(9, 13)}
_PART_DAYS = {"early": range(1, 11), "mid": range(10, 21),
              "late": range(20, 32)}


def agrees_date(mention: NumberMention, year: int, month: int | None = None,
                day: int | None = None) -> bool | None:
    """Does a year/date mention agree with an event on year[-month[-day]]?"""
    if mention.kind not in ("year", "date"):
        return None
    if int(mention.value) != year:
        return False
    part = mention.qualifier if mention.qualifier in _PART_MONTHS else None
    if mention.month is None:
        return month is None or part is None or month in _PART_MONTHS[part]
    if month is None:
        return True
    if mention.month != month:
        return False
    if mention.day is None:
        return day is None or part is None or day in _PART_DAYS[part]
    return day is None or mention.day == day
