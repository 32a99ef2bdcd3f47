"""Numeric mentions in English prose (reading numbers), and writing numbers back.

``extract(text)`` finds counts, percents, fractions, years, dates, durations,
money and ratios (digits or words) and returns :class:`NumberMention` objects whose
``start``/``end`` index ``text``; the span includes a leading qualifier
("more than 200,000").  A bare number opening a range takes the unit of the
other end ("10-20%", "6 to 12 months").  Skipped: numbers glued to
words/identifiers (COVID-19, H1N1, MSC2, 1990s, 21st), labels (phase 2,
type 2, Table 3, day 28), p-values, "95% CI 30-60%", clock times, dates
without a year ("May 5"), slashed numbers (1/1, 12/28/2018), URLs, DOIs,
e-mails, page references and ``vol(issue):pages`` citations.

Agreement (``lint.agreement``: ``agrees`` / ``agrees_date``): True = consistent, False =
contradiction, None = not comparable (other kind or unit).  ``unit=None``
means "the mention's own unit"; unknown units ("patients") mean a count.

* Plain numbers are exact: "13" vs 12 is False.  Numbers written rounded
  cover their rounding interval: a decimal covers half a unit of its last
  digit ("3.5" = 3.45..3.55, "1.2 million" = 1.15M..1.25M); an integer
  >= 1000 with trailing zeros covers half a unit of its last non-zero digit,
  capped at 5% ("210,000" = 205,000..215,000).
* Percents cover rounding of their last digit ("18%" = 17.5..18.5).
* Qualifiers: about -> within max(10%, rounding) (3 points for percents);
  over/under -> strictly above/below; atleast/atmost -> >= / <=;
  nearly -> at most the number and within that same approximate band;
  just-over -> above it and within the band.  Bounds that are technically
  true are accepted ("more than half" for 92%).
* Vague plurals ("hundreds of thousands") carry their lower bound as value
  (2 x scale) and agree with [value, 5 x value).
* Fractions: if the paper's denominator is the same, the numerators must
  match ("11 of 13" vs 12/13 is False); otherwise compare as percentages
  with tolerance min(15% relative, half a step of the mention's grid):
  "a fifth" covers 17..23%, "12 of 13" covers 88.5..96.2%.  Percent
  mentions compare with a paper fraction the same way.  A fraction is not
  compared with a bare count (pass ``of``).
* Durations in another unit are converted (month = 30.44 days) with an
  extra 10% slack.  "over N weeks" drops the qualifier (it usually means
  "during").  Ratios in words ("doubled", "threefold") allow 15%.
* Dates: the year must match; month and day only when both sides have them;
  early/mid/late map to months 1-4 / 4-9 / 9-12 (days 1-10 / 10-20 / 20-31).

Word tables (number words, scales, fractions, months, currencies, qualifiers, the nouns
that make "2000" a count) are in ``rules/lexicons/numbers.yaml``; units in
``lint/units.py``.  ``in_words``, ``styled`` and ``fmt_number`` write numbers for
suggested rewrites.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .lexicons import lexicon
from .units import DAYS

__all__ = ["NumberMention", "extract", "in_words", "styled", "fmt_number"]


@dataclass(frozen=True)
class NumberMention:
    start: int
    end: int
    text: str
    value: float
    of: float | None
    kind: str  # count percent fraction year date duration money ratio
    qualifier: str | None
    unit: str | None = None  # percent/points, weeks.., USD.., fold
    month: int | None = None
    day: int | None = None
    vague: bool = False
    precision: float = 0.0  # half-width of the rounding interval of `value`


# --------------------------------------------------------------------------
# Word tables (rules/lexicons/numbers.yaml)

_LEX = lexicon("numbers")
_SMALL: dict[str, int] = dict(_LEX["number_words"])
_MULT: dict[str, int] = dict(_LEX["multipliers"])
_SCALE: dict[str, float] = {k: float(v) for k, v in _LEX["scales"].items()}
_SUFFIX_SCALE = {**{k: float(v) for k, v in _LEX["scale_suffixes"].items()}, **_SCALE}
_FRACTION_DEN: dict[str, int] = dict(_LEX["fraction_denominators"])
_VAGUE_BASE: dict[str, float] = {k: float(v) for k, v in _LEX["vague_bases"].items()}
_FOLD_WORD: dict[str, int] = dict(_LEX["fold_words"])
_RATIO_VERB: dict[str, float] = dict(_LEX["ratio_verbs"])
_MONTHS: dict[str, int] = dict(_LEX["months"])
_CURRENCY: dict[str, str] = dict(_LEX["currencies"])
QUALIFIERS: dict[str, str] = dict(_LEX["qualifiers"])  # "more than" -> "over"
_QUALIFIER = QUALIFIERS
# Words after a 1900-2100 number that make it a count, not a year.
_COUNT_NOUNS = frozenset(_LEX["count_nouns"])
# Lone "one" is usually a pronoun after these words / before these words.
_ONE_BEFORE = frozenset(_LEX["one_pronoun_before"])
_ONE_AFTER = frozenset(_LEX["one_pronoun_after"])
_HALF_BEFORE = frozenset(_LEX["half_not_after"])
_TIME_NAMES = tuple(DAYS)  # "second" ... "decade" (lint/units.py)

# --------------------------------------------------------------------------
# Regex building blocks

_DIGITS = r"(?<![0-9])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_U = "one|two|three|four|five|six|seven|eight|nine"
_T = ("ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
      "eighteen|nineteen")
_D = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SC = "thousand|million|billion|trillion"
_B100 = rf"\b(?:(?:{_D})(?:[\s-](?:{_U}))?|{_T}|{_U}|zero)\b"
_HUND = rf"(?:{_B100}|\ban?)\s+hundred\b(?:\s+(?:and\s+)?{_B100})?"
_G = rf"(?:{_HUND}|{_B100})"
_LEAD = rf"(?:{_G}|\ban?(?=\s+(?:{_SC}|dozen)\b))"
_WORDNUM = rf"{_LEAD}(?:[\s-]+(?:{_SC}|dozen)\b(?:\s+(?:and\s+)?{_G})?)*"
_DIGNUM = rf"{_DIGITS}(?:\s+(?:{_SC})\b)?"
_HALF_A = rf"\bhalf\s+an?\s+(?:{_SC}|dozen|hundred)\b"
_NUM = rf"(?:{_DIGNUM}|{_HALF_A}|{_WORDNUM})(?:\s+and\s+a\s+half\b)?"

_MONTH = (r"(?-i:January|February|March|April|May|June|July|August|"
          r"September|October|November|December|Jan\.?|Feb\.?|Mar\.?|"
          r"Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|"
          r"Dec\.?)(?![A-Za-z])")
_DAY = r"(?P<d>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_YEAR = r"(?P<y>19[0-9]{2}|20[0-9]{2}|2100)(?![0-9])"
_PART = r"(?:\b(?P<q>early|mid|late)[\s-]+)?"
_DUR_UNIT = rf"(?:{'|'.join(map(re.escape, _TIME_NAMES))})s?\b"

_F = re.IGNORECASE
_MONTH_HINT = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_FRACW = (r"half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|"
          r"eighths?|ninths?|tenths?")

# Patterns as (kind, mode, regex, hint).  mode "num": tried only where a
# number starts (anchored .match, cheap); mode "scan": finditer, run only
# if `hint` (a cheap regex) occurs in the text.  On equal spans the earlier
# entry wins.  Kind "skip" claims text (times, partial dates, CIs) so that
# nothing inside it is reported.
_HINTS: dict[str, re.Pattern] = {}
_PATTERNS: list[tuple[str, str, re.Pattern, re.Pattern | None]] = [
    (kind, mode, re.compile(rx, _F),
     _HINTS.setdefault(hint, re.compile(hint.lower())) if hint is not None else None)
    for kind, mode, rx, hint in [
    ("date", "scan", rf"\b{_PART}(?:the\s+)?{_DAY}(?:\s+of)?\s+"
                     rf"(?P<mon>{_MONTH}),?\s+{_YEAR}", "(?:19|20)[0-9]{2}"),
    ("date", "scan", rf"{_PART}\b(?P<mon>{_MONTH})\s+{_DAY},?\s+{_YEAR}",
     _MONTH_HINT),
    ("date", "scan", rf"(?<![0-9]){_YEAR},\s+(?P<mon>{_MONTH})\s+{_DAY}",
     "(?:19|20)[0-9]{2},"),
    ("date", "scan", rf"(?<![0-9]){_YEAR}-(?P<mo>0[1-9]|1[0-2])-"
                     rf"(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])",
     "(?:19|20)[0-9]{2}-"),
    ("date", "scan", rf"{_PART}\b(?P<mon>{_MONTH})(?:\s+of)?,?\s+{_YEAR}",
     _MONTH_HINT),
    ("date", "scan", rf"\b(?:(?P<q>early|mid|late)[\s-]+|the\s+(?P<q2>end|"
                     rf"start|beginning|middle)\s+of\s+)(?<![0-9]){_YEAR}",
     "(?:19|20)[0-9]{2}"),
    ("skip", "scan", rf"\b(?:{_MONTH})\s+[0-9]{{1,2}}(?:st|nd|rd|th)?"
                     rf"(?![0-9])|\b[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                     rf"(?:{_MONTH})", _MONTH_HINT),
    ("skip", "scan", r"\b[0-9]{1,2}(?::[0-9]{2})?\s*(?:[ap]\.m\.|[ap]m\b)"
                     r"|\b[0-9]{1,2}:[0-9]{2}\b", r"[ap]\.?m\b|:"),
    ("skip", "scan", r"[0-9.]+\s*(?:%|percent|per\s?cent)\s*(?:CI\b|"
                     r"confidence(?:\s+intervals?)?)(?:[\s:,=]*[0-9.]+\s*%?"
                     r"\s*(?:-|–|to|,)\s*[0-9.]+\s*%?)?", r"CI\b|confidence"),
    ("money", "scan", rf"(?P<cur>US\$|A\$|C\$|\$|£|€|¥)\s?(?P<n>{_DIGITS})"
                      rf"(?:\s*(?P<sc>{_SC}|mn|m|bn|b|k)\b)?", "[$£€¥]"),
    ("money", "num", rf"(?P<n>{_NUM})\s+(?P<cur>dollars|euros|yen|USD|EUR|"
                     r"GBP|JPY)\b", None),
    ("percent", "num", rf"(?P<n>{_NUM})(?:\s*(?P<sym>%)|\s+(?P<pp>percentage"
                       r"[\s-]points?)|\s*(?:percent|per\s?cent|pct)\b)", None),
    ("fraction", "num", rf"(?P<a>{_NUM})\s+(?P<c>out\s+of|of|in)\s+(?:every\s+|"
                        rf"each\s+)?(?:the\s+|all\s+|those\s+|these\s+)?"
                        rf"(?P<b>{_NUM})", None),
    ("fracword", "scan", rf"\b(?P<w>{_FRACW})\b", _FRACW),
    ("ratio", "num", rf"(?P<n>{_NUM})[\s-]?fold\b", None),
    ("ratio", "scan", r"\b(?P<w>two|three|four|five|six|seven|eight|nine|ten|"
                      r"twenty|fifty|hundred|thousand)fold\b", "fold"),
    ("ratio", "num", rf"(?P<n>{_NUM})\s+times\b(?=\s+(?:as|more|less|fewer|"
                     r"higher|lower|greater|larger|bigger|smaller|faster|"
                     r"slower|longer|shorter|stronger|weaker|better|worse|"
                     r"likelier|the|that|than)\b)", None),
    ("ratio", "scan", r"\b(?:(?P<v>twice)(?=\s+(?:as|the|that|more)\b)|"
                      r"(?P<v2>doubled|tripled|quadrupled|halved))\b",
     "twice|doubled|tripled|quadrupled|halved"),
    ("duration", "num", rf"(?P<n>{_NUM})[\s-]+(?P<u>{_DUR_UNIT})", None),
    ("vague", "scan", r"\b(?P<a>dozens|tens|hundreds|thousands|millions|"
                      r"billions)(?:\s+of\s+(?P<b>thousands|millions|"
                      r"billions))?\b", "dozens|tens|hundreds|thousands|"
                                        "millions|billions"),
]]
# Where numbers start; its matches are also the plain-count candidates.
# The leading guards only skip mid-word positions quickly.
_NUM_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?=[0-9zotfsenhamdb])(?P<n>{_NUM})", _F)
_COUNT_PRIO = len(_PATTERNS)
# Candidate number starts (a superset of _NUM_RE's): the position after a
# character that is not ASCII alphanumeric (implied by _NUM_RE's IGNORECASE
# lookbehind), where the lookahead sees the start of some _NUM branch
# (each branch's first word, truncated).  Starting with a case-sensitive
# class lets the engine skip ahead without trying every position.
_NUM_CAND = re.compile(
    r"(?-i:[^A-Za-z0-9])(?=[0-9]|[zZ](?i:ero)|[oO](?i:ne)"
    r"|[tT](?i:wo|hr|en|we|hi)|[fF](?i:our|ive|ift|ort)|[sS\u017f](?i:ix|even)"
    r"|[eE](?i:ight|leven)|[nN](?i:ine)|[hH](?i:alf)"
    rf"|[aA](?i:n?\s+(?:hundred|{_SC}|dozen)))", _F)
# Gates for _PATTERNS (see extract): each is implied by a match of the
# pattern it guards (a suffix of it with leading assertions dropped) and
# starts with a literal or an uncased class, so it scans fast.
_CASEFOLD_ODD = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K
_YEAR_GATE = re.compile(r"19[0-9]{2}|2[01][0-9]{2}")
_MONTH_GATE = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_GATE_MON_YEAR = re.compile(rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}", _F)
_GATE_MON_DAY_YEAR = re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", _F)
_GATE_YEAR_MON = re.compile(rf"{_YEAR},\s+{_MONTH}\s+{_DAY}", _F)
_GATE_ISO = re.compile(rf"{_YEAR}-(?:0[1-9]|1[0-2])-"
                       rf"(?:0[1-9]|[12][0-9]|3[01])(?![0-9])", _F)
_GATE_MON_NUM = re.compile(rf"{_MONTH}\s+[0-9]", _F)
_GATE_NUM_MON = re.compile(rf"[0-9](?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}", _F)
_GATE_TIME = re.compile(r"[0-9](?:(?::[0-9]{2})?\s*(?:[ap]\.m\.|[ap]m\b)"
                        r"|:[0-9]{2}\b)", _F)
_FRAC_NUMERATOR = re.compile(
    r"(?:\b(?:an?|one|two|three|four|five|six|seven|eight|nine)|"
    r"(?<![0-9.,])[0-9])[\s-]+$", _F)
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to)\s*$|\s+and\s+$", _F)
_BETWEEN = re.compile(r"\bbetween\s+$", _F)

# Any of: a digit, zero one two three four five six seven eight nine ten
# eleven twelve thirt fift twenty forty hundred thousand million billion
# trillion dozen half halve third quarter ninth twice doubled tripled
# quadrupled -- written as a trie of literal-first branches so the engine
# skips ahead on the first character.
_PREFILTER = re.compile(
    r"0|1|2|3|4|5|6|7|8|9|zero|one"
    r"|t(?:wo|hree|en|welve|hirt|wenty|housand|rillion|hird|wice|ripled)"
    r"|f(?:our|ive|ift|orty)|s(?:ix|even)|e(?:ight|leven)|n(?:ine|inth)"
    r"|h(?:undred|alf|alve)|million|billion|d(?:ozen|oubled)"
    r"|q(?:uarter|uadrupled)")  # searched in text.lower(), like the hints
_EXCLUDE = re.compile(
    r"(?:https?://|www\.)\S+|\bdoi:?\s*10\.\S+|\b10\.[0-9]{4,9}/\S+"
    r"|\b(?:pp?\.|pages?)\s*[0-9]+(?:\s*[-–]\s*[0-9]+)?"
    r"|\b[0-9]+\s*\([0-9]+\)\s*[:,]\s*[0-9]+(?:\s*[-–]\s*[0-9]+)?", _F)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_EXCLUDE_HINT = re.compile(r"[/@]|doi|\b(?:pp?\.|pages?)\s*[0-9]|\)\s*[:,]")
_LABEL = re.compile(
    r"(?:\b(?:phases?|type|stage|grade|class|figure|fig\.|table|chapter|"
    r"section|vol\.|volume|issue|no\.|version|step|level|tier|category|"
    r"patient|case|subject|participant|group|arm|cohort|experiment|trial|"
    r"day|week|item|question|room|line|model|generation|chromosome|wave)"
    r"|#|\b[pP]\s*[<=>≤≥])\s*$", _F)
_QUAL = re.compile(
    r"(?:(?<![\w])(?P<w>" + "|".join(
        re.escape(q).replace("\\ ", " ").replace(" ", r"\s+")
        for q in sorted(_QUALIFIER, key=len, reverse=True)
        if q[0].isalpha()) + r")|(?P<s>>=|<=|~|≈|≥|≤|>|<))\s*$", _F)
# Prechecks for _LABEL/_QUAL (valid when `safe`, see extract): a match
# ends in one of these (lower-cased), followed only by whitespace.
_LABEL_ENDS = (
    "phase", "phases", "type", "stage", "grade", "class", "figure", "fig.",
    "table", "chapter", "section", "vol.", "volume", "issue", "no.",
    "version", "step", "level", "tier", "category", "patient", "case",
    "subject", "participant", "group", "arm", "cohort", "experiment",
    "trial", "day", "week", "item", "question", "room", "line", "model",
    "generation", "chromosome", "wave", "#", "<", "=", ">", "≤", "≥")
_QUAL_ENDS = tuple(sorted({q.split()[-1] for q in _QUALIFIER
                           if q[0].isalpha()} | set("=~≈≥≤><")))
# _EXCLUDE_HINT's last two branches, for an exact piecewise evaluation;
# "p(?<!\wp)" is "\bp".
_EXHINT_PAREN = re.compile(r"\)\s*[:,]")
_EXHINT_PAGES = re.compile(r"p(?<!\wp)(?:p?\.|ages?)\s*[0-9]")
# Implied by a match of _EXCLUDE's last branch.
_GATE_PAREN = re.compile(r"[0-9]\s*\([0-9]+\)\s*[:,]")
_N_EQUALS = re.compile(r"\bn\s*=\s*$", _F)
_DUR_AFTER = re.compile(rf"[\s-]*(?:{_DUR_UNIT}|%|percent|per\s?cent)", _F)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z’']+)")
_DIGITS_RE = re.compile(_DIGITS)
_WORD_RE = re.compile(r"[a-z]+")


# --------------------------------------------------------------------------
# Parsing helpers


def _round_precision(v: float) -> float:
    """Half-width implied by an integer's trailing zeros (>= 1000, cap 5%)."""
    if v < 1000 or v != int(v):
        return 0.0
    n, k = int(v), 0
    while n % 10 == 0:
        n //= 10
        k += 1
    return min(0.5 * 10 ** k, 0.05 * v) if k else 0.0


def _parse_num(s: str) -> tuple[float, float, bool]:
    """Return (value, precision, written_in_words) for a `_NUM` match."""
    low = s.lower()
    extra = 0.0
    if low.endswith("half") and re.search(r"\sand\s+a\s+half$", low):
        extra = 0.5
        low = re.sub(r"\s+and\s+a\s+half$", "", low)
    m = _DIGITS_RE.match(low)
    if m:
        digits = m.group().replace(",", "")
        words = _WORD_RE.findall(low[m.end():])
        scale = _SCALE.get(words[0], 1.0) if words else 1.0
        value = float(digits) * scale
        if "." in digits:
            decimals = len(digits.split(".")[1])
            precision = 0.5 * 10 ** -decimals * scale
        else:
            precision = _round_precision(value)
        return value + extra, (0.0 if extra else precision), False
    words = _WORD_RE.findall(low.replace("-", " "))
    if words[:1] == ["half"]:  # "half a million"
        total = 0.5 * (_SCALE.get(words[-1]) or _MULT.get(words[-1], 1))
        return total, _round_precision(total), True
    total = current = 0.0
    for w in words:
        if w in _SMALL:
            current += _SMALL[w]
        elif w in _MULT:
            current = (current or 1) * _MULT[w]
        elif w in _SCALE:
            total += (current or 1) * _SCALE[w]
            current = 0.0
    value = total + current
    return value + extra, (0.0 if extra else _round_precision(value)), True


def _decimal_half_unit(s: str) -> float:
    m = _DIGITS_RE.search(s)
    if m and "." in m.group():
        return 0.5 * 10 ** -len(m.group().split(".")[1])
    return 0.5


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


# --------------------------------------------------------------------------
# Per-kind handlers: (match, text) -> dict of NumberMention fields, or None


def _h_date(m: re.Match, text: str) -> dict | None:
    g = m.groupdict()
    month = int(g["mo"]) if g.get("mo") else (
        _month(g["mon"]) if g.get("mon") else None)
    q = g.get("q") or {"end": "late", "start": "early", "beginning": "early",
                       "middle": "mid"}.get((g.get("q2") or "").lower())
    day = int(g["d"]) if g.get("d") else None
    return dict(kind="date", value=float(g["y"]), month=month, day=day,
                qualifier=q.lower() if q else None)


def _h_money(m: re.Match, text: str) -> dict | None:
    value, precision, _ = _parse_num(m.group("n"))
    sc = m.groupdict().get("sc")
    if sc:
        scale = _SUFFIX_SCALE[sc.lower()]
        value *= scale
        precision = (precision * scale if precision
                     else _round_precision(value))
    return dict(kind="money", value=value, precision=precision,
                unit=_CURRENCY[m.group("cur").lower()])


def _h_percent(m: re.Match, text: str) -> dict | None:
    value, _, _ = _parse_num(m.group("n"))
    return dict(kind="percent", value=value,
                precision=_decimal_half_unit(m.group("n")),
                unit="points" if m.group("pp") else "percent")


_YEAR_LIKE = re.compile(r"(?:19[0-9]{2}|20[0-9]{2}|2100)")


def _is_year_like(s: str) -> bool:
    return bool(_YEAR_LIKE.fullmatch(s))


def _h_fraction(m: re.Match, text: str) -> dict | None:
    a, _, _ = _parse_num(m.group("a"))
    b, _, _ = _parse_num(m.group("b"))
    if not 0 < b or a > b or _is_year_like(m.group("b")):
        return None
    if _DUR_AFTER.match(text, m.end()):
        return None  # "5 in 10 years", "3 of 10%"
    return dict(kind="fraction", value=a, of=b)


def _hyphen_word_after(text: str, end: int) -> bool:
    return text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha()


def _h_fracword(m: re.Match, text: str) -> dict | None:
    if _hyphen_word_after(text, m.end()):
        return None  # "half-life"
    den = _FRACTION_DEN[m.group("w").lower().rstrip("s")]
    lead = _FRAC_NUMERATOR.search(text, max(0, m.start() - 12), m.start())
    if lead is None:
        if den != 2:
            return None  # bare "third"/"quarter" is usually an ordinal
        prev = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if prev and prev.group(1).lower() in _HALF_BEFORE:
            return None  # "the first half"
        return dict(kind="fraction", value=1.0, of=2.0)
    word = lead.group().strip().strip("-").strip().lower()
    num = float(word) if word.isdigit() else float(_SMALL[word])
    if not 0 < num < den:
        return None
    return dict(kind="fraction", value=num, of=float(den), start=lead.start())


def _h_ratio(m: re.Match, text: str) -> dict | None:
    g = m.groupdict()
    if g.get("n"):
        value, _, words = _parse_num(g["n"])
        precision = 0.15 * value if words else _decimal_half_unit(g["n"])
    else:
        value = (_FOLD_WORD[g["w"].lower()] if g.get("w")
                 else _RATIO_VERB[(g.get("v") or g["v2"]).lower()])
        precision = 0.15 * value
    return dict(kind="ratio", value=float(value), precision=precision,
                unit="fold")


def _h_duration(m: re.Match, text: str) -> dict | None:
    value, _, _ = _parse_num(m.group("n"))
    unit = m.group("u").lower()
    return dict(kind="duration", value=value,
                precision=_decimal_half_unit(m.group("n"))
                if "." in m.group("n") else 0.0,
                unit=unit if unit.endswith("s") else unit + "s")


def _h_vague(m: re.Match, text: str) -> dict | None:
    a, b = m.group("a").lower(), (m.group("b") or "").lower()
    if a == "tens" and not b:
        return None
    value = 2 * _VAGUE_BASE[a] * (_VAGUE_BASE[b] if b else 1)
    return dict(kind="count", value=value, vague=True, qualifier="about")


def _h_count(m: re.Match, text: str) -> dict | None:
    s = m.group()
    value, precision, words = _parse_num(s)
    end = m.end()
    if words and _hyphen_word_after(text, end):
        return None  # "two-tailed", "one-sided", "twenty-first"
    nxt_m = _WORD_AFTER.match(text, end)
    nxt = nxt_m.group(1).lower() if nxt_m else ""
    if s.lower() == "one":
        prev = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if nxt in _ONE_AFTER or nxt.startswith(("'", "’")) or (
                prev and prev.group(1).lower() in _ONE_BEFORE):
            return None
    if _is_year_like(s) and nxt not in _COUNT_NOUNS \
            and not _N_EQUALS.search(text, max(0, m.start() - 8), m.start()):
        return dict(kind="year", value=value)
    return dict(kind="count", value=value, precision=precision)


def _h_skip(m: re.Match, text: str) -> dict | None:
    return dict(kind="skip")


_HANDLERS = {"date": _h_date, "money": _h_money, "percent": _h_percent,
             "fraction": _h_fraction, "fracword": _h_fracword,
             "ratio": _h_ratio, "duration": _h_duration, "vague": _h_vague,
             "count": _h_count, "skip": _h_skip}


def _glued(text: str, start: int, end: int) -> bool:
    """True if the span is part of a word, identifier, version or slash."""
    before = text[start - 1] if start > 0 else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if before.isalnum() or after.isalnum() or before in "#_":
        return True
    if before == "-" and before2.isalpha():
        return True  # COVID-19, IL-6
    if before in "/." and before2.isdigit():
        return True  # 1/1, 3.5.1
    if after in "/." and after2.isdigit():
        return True
    return False


# --------------------------------------------------------------------------
# Public API


def extract(text: str) -> list[NumberMention]:
    """Find numeric mentions in ``text`` (see module docstring)."""
    low = text.lower()
    if not _PREFILTER.search(low):
        return []
    # `safe`: no character (İ ı ſ K) that IGNORECASE equates with an ASCII
    # letter other than that letter itself, so an IGNORECASE match of an
    # ASCII word in `text` appears lower-cased in `low` (and in
    # `text[i:j].lower()`).  Gates/prechecks that test `low` need it.
    safe = text.isascii() or _CASEFOLD_ODD.search(text) is None
    excluded = []
    if ("/" in low or "@" in low or "doi" in low
            or (")" in low and _EXHINT_PAREN.search(low) is not None)
            or _EXHINT_PAGES.search(low) is not None):  # == _EXCLUDE_HINT
        if ("http" in low or "www." in low or "10." in text or "p." in low
                or "page" in low or ("(" in text and _GATE_PAREN.search(text)
                                     is not None)):
            excluded = [m.span() for m in _EXCLUDE.finditer(text)]
        if "@" in text:
            excluded += [m.span() for m in _EMAIL.finditer(text)]
    cands: list[tuple[int, int, int, dict]] = []

    def consider(kind: str, prio: int, m: re.Match) -> None:
        fields = _HANDLERS[kind](m, text)
        if fields is None:
            return
        s, e = fields.pop("start", m.start()), m.end()
        if s == e or _glued(text, s, e):
            return
        if any(s < xe and xs < e for xs, xe in excluded):
            return
        if fields["kind"] not in ("date", "year", "skip"):
            lo = max(0, s - 16)
            if (not safe or text[lo:s].rstrip().lower().endswith(_LABEL_ENDS)
                    ) and _LABEL.search(text, lo, s):
                return  # phase 2, type 2, Table 3, p < 0.05
        cands.append((s, e, prio, fields))

    # Number starts: every position where _NUM_RE can match is 0 or follows
    # a _NUM_CAND match, so matching there in order (skipping positions
    # inside the previous match) reproduces _NUM_RE.finditer exactly.
    starts = []
    m = _NUM_RE.match(text)
    last = 0
    if m:
        starts.append(0)
        consider("count", _COUNT_PRIO, m)
        last = m.end()
    num_match = _NUM_RE.match
    for cand in _NUM_CAND.finditer(text):
        pos = cand.end()
        if pos < last:
            continue
        m = num_match(text, pos)
        if m:
            starts.append(pos)
            consider("count", _COUNT_PRIO, m)
            last = m.end()
    # Cheap necessary conditions per pattern (see _PATTERNS); a pattern
    # whose gate fails cannot match, so skipping it changes nothing.
    has_year = _YEAR_GATE.search(text) is not None
    has_month = _MONTH_GATE.search(text) is not None
    gates = (
        has_year and has_month and _GATE_MON_YEAR.search(text) is not None,
        has_year and has_month and _GATE_MON_DAY_YEAR.search(text) is not None,
        has_year and has_month and _GATE_YEAR_MON.search(text) is not None,
        has_year and "-" in text and _GATE_ISO.search(text) is not None,
        None,  # same as pattern 0
        has_year and ("early" in low or "mid" in low or "late" in low
                      or "end" in low or "start" in low
                      or "beginning" in low or not safe),
        has_month and (_GATE_MON_NUM.search(text) is not None
                       or _GATE_NUM_MON.search(text) is not None),
        (":" in text or "am" in low or "pm" in low or "a.m" in low
         or "p.m" in low) and _GATE_TIME.search(text) is not None,
        "ci" in low or "confidence" in low,
        "$" in text or "£" in text or "€" in text or "¥" in text,
        not safe or "dollars" in low or "euros" in low or "yen" in low
        or "usd" in low or "eur" in low or "gbp" in low or "jpy" in low,
        not safe or "%" in text or "per" in low or "pct" in low,
        True,
        "half" in low or "halves" in low or "third" in low
        or "quarter" in low or "fifth" in low or "sixth" in low
        or "seventh" in low or "eighth" in low or "ninth" in low
        or "tenth" in low,
        not safe or "fold" in low,
        "fold" in low,
        not safe or "times" in low,
        "twice" in low or "doubled" in low or "tripled" in low
        or "quadrupled" in low or "halved" in low,
        not safe or any(u in low for u in _TIME_NAMES),
        "dozens" in low or "tens" in low or "hundreds" in low
        or "thousands" in low or "millions" in low or "billions" in low,
    )
    hint_hits: dict[re.Pattern, bool] = {}
    for prio, (kind, mode, rx, hint) in enumerate(_PATTERNS):
        gate = gates[prio]
        if gate is None:
            gate = gates[0]
        if not gate:
            continue
        if mode == "num":
            match = rx.match
            for pos in starts:
                m = match(text, pos)
                if m:
                    consider(kind, prio, m)
            continue
        if hint is not None:
            if hint not in hint_hits:
                hint_hits[hint] = hint.search(low) is not None
            if not hint_hits[hint]:
                continue
        for m in rx.finditer(text):
            consider(kind, prio, m)

    # Longest span wins; ties go to the earlier pattern.
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    kept: list[tuple[int, int, int, dict]] = []
    spans: list[tuple[int, int]] = []  # kept spans never overlap: bisect finds neighbours
    for c in cands:
        i = bisect.bisect_left(spans, (c[0], c[1]))
        if (i > 0 and spans[i - 1][1] > c[0]) or (i < len(spans) and spans[i][0] < c[1]):
            continue
        spans.insert(i, (c[0], c[1]))
        kept.append(c)
    kept = sorted(c for c in kept if c[3]["kind"] != "skip")

    out: list[NumberMention] = []
    prev_end = 0
    for i, (s, e, _, f) in enumerate(kept):
        if f["kind"] == "count" and not f.get("vague") and i + 1 < len(kept):
            _adopt_range_unit(text, s, e, f, kept[i + 1])
        qualifier = f.pop("qualifier", None)
        if f["kind"] not in ("date", "year"):
            lo = max(prev_end, s - 24)
            q = (not safe or text[lo:s].rstrip().lower().endswith(_QUAL_ENDS)
                 ) and _QUAL.search(text, lo, s)
            if q:
                word = re.sub(r"\s+", " ", (q.group("w") or q.group("s"))
                              .lower())
                qualifier = _QUALIFIER[word]
                s = q.start()
                if word == "over" and f["kind"] == "duration":
                    qualifier = None  # "over 12 weeks" = during 12 weeks
        out.append(NumberMention(start=s, end=e, text=text[s:e],
                           of=f.pop("of", None), qualifier=qualifier, **f))
        prev_end = e
    return out


def _adopt_range_unit(text: str, s: int, e: int, f: dict, nxt: tuple) -> None:
    """"10-20%", "6 to 12 months", "between 5 and 10%": the bare first
    number takes the kind and unit of the second."""
    ns, _, _, nf = nxt
    if nf["kind"] not in ("percent", "duration", "money"):
        return
    sep = _RANGE_SEP.match(text, e, ns)
    if not sep or (sep.group().strip().lower() == "and"
                   and not _BETWEEN.search(text, max(0, s - 9), s)):
        return
    f["kind"], f["unit"] = nf["kind"], nf["unit"]
    if nf["kind"] == "percent":
        f["precision"] = _decimal_half_unit(text[s:e])


# --------------------------------------------------------------------------
# Writing numbers (suggested rewrites)

_WORD_OF = {v: k for k, v in _SMALL.items() if k not in ("a", "an")}  # 12 -> "twelve"


def in_words(n: int) -> str | None:
    """0-99 in words ("twenty-three"), else None."""
    if n < 0 or n > 99:
        return None
    if n < 20:
        return _WORD_OF[n]
    t, u = divmod(n, 10)
    return _WORD_OF[t * 10] + (f"-{_WORD_OF[u]}" if u else "")


def fmt_number(v: float) -> str:
    """12, 1,204, 2.6: digits, thousands separated."""
    if float(v).is_integer():
        return f"{int(v):,}" if abs(v) >= 1000 else str(int(v))
    return f"{v:g}"


def styled(n: float, like: str, words_below: int = 100) -> str:
    """``n`` written the way ``like`` writes its first number (digits or words, case);
    words only below ``words_below``."""
    first = re.search(r"[A-Za-z0-9]+", like)
    tok = first.group() if first else ""
    if tok and tok[0].isalpha() and float(n).is_integer() and n < words_below:
        w = in_words(int(n))
        if w:
            return w.capitalize() if tok[0].isupper() else w
    return fmt_number(n) if not (float(n).is_integer() and n >= 1000) else f"{int(n):,}"
