"""Check kind ``number``: a number in the article that contradicts the citation.

``target`` picks what the rule compares:

- ``sample_size``: a count of participants ("13 patients", "more than 16,000 secondary
  school students", "n = 46") in a sentence about the study, against
  ``study.sample_size``;
- ``findings``: a percent, fraction, ratio or count (``kinds``) whose context matches a
  finding's ``what``, against that finding's ``value`` / ``of`` / ``unit``;
- ``dates``: a year or date whose context matches an event in ``dates``;
- ``durations``: a duration ("followed for two years") against a finding whose unit is
  a time unit (or a time point written into a finding's ``what``: "at 8 weeks").

Deciding which citation number a mention is about (the hard part), conservatively:

* Mentions are extracted once per document (``doc.cache["numbers"]``: one list of
  :class:`lint.numbers.Mention` per sentence, offsets into the sentence text; empty
  outside the article body).
* Context words: the words of the mention's clause (split at ``clause_breaks`` such as
  "compared with", ", against"), weighted 1 when the mention is the nearest number of
  its family, ``shared_weight`` when another number is nearer, plus the previous
  sentence of the same paragraph at ``previous_weight``.  Words are compared with a
  finding's ``what`` as crude stems (plural and British spellings folded, first five
  letters); ``synonyms`` groups count as one word ("fell" = "reduction");
  ``weak_words`` ("patients", "percent") count half; ``stopwords`` not at all.  A
  fraction with the finding's own denominator gets a bonus.
* A finding whose ``what`` states a change ("lower risk", "reduction": ``direction_words``)
  only matches a context that states one ("cut", "boosts", "less likely"), and a level
  ("bleeding in the drug group") only a context that does not ("rose by 27%" is a
  relative change).  With ``exclusive``, a candidate is dropped when the words next to
  the number name another candidate's ``what`` but not its own.  Ties go to the
  candidate whose matched words are rarer among the candidates.
* A mention is only compared with citation numbers of a compatible kind, and is never an
  error when it agrees (``numbers.agrees``, which knows rounding and qualifiers) with
  ANY compatible number in the citation, including numbers written into the ``what``
  texts ("tumour shrinkage of at least 30 percent").  Otherwise the best-scoring
  candidate with a score of at least ``min_overlap`` decides.
* Negated mentions ("not 13") are skipped; quoted ones are checked and say who said it.

Message placeholders: ``{match}``, ``{actual}`` (the citation's number, in words),
``{what}`` (the finding or event), ``{field}`` (``findings[0]``), ``{evidence}``,
``{unit}`` (for sample sizes: "participants", "mice"...).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, field_validator

from .. import numbers, userregex
from ..registry import check as register_check
from ..findings import Finding
from ..numbers import Mention

# ---------------------------------------------------------------------------------
# parameters


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    target: Literal["sample_size", "findings", "dates", "durations"]
    # findings: which mention kinds this rule compares
    kinds: list[Literal["percent", "fraction", "ratio", "count"]] = ["percent", "fraction", "ratio"]
    min_overlap: float = 2.0  # context score a candidate needs
    anchor_overlap: float = 2.0  # durations: score for "this sentence reports finding X"
    denominator_bonus: float = 1.0  # a fraction over the finding's own denominator
    shared_weight: float = 0.5  # a context word nearer to another number of the family
    previous_weight: float = 0.5  # a word of the previous sentence (same paragraph)
    max_ratio: float = 5.0  # durations: mention and paper further apart are other things
    require_head_noun: bool = False  # counts: the noun after the number must be in `what`
    # findings: a candidate is out when the words next to the number name another
    # candidate's `what` but not its own ("cut major bleeding by 20%" is not about MACE)
    exclusive: bool = False
    stopwords: list[str] = []
    weak_words: list[str] = []
    synonyms: list[list[str]] = []
    clause_breaks: list[str] = []
    negators: list[str] = []
    # sample size
    participant_nouns: list[str] = []
    study_cues: list[str] = []
    background_cues: list[str] = []
    other_study_cues: list[str] = []
    subgroup_before: list[str] = []
    subgroup_after: list[str] = []
    outcome_after: list[str] = []  # "10 patients improved": an outcome count, not the sample
    cue_window: tuple[int, int] = (400, 400)  # characters before / after the count searched for study cues
    # findings: a `what` with one of these synonym groups (named by their first word)
    # only matches an article context with one of them too
    direction_words: list[str] = []
    # findings (ratios)
    ratio_words: list[str] = []
    # nouns after "one of two ..." that make it a choice, not a proportion
    not_proportion_nouns: list[str] = []
    # dates
    publication_cues: list[str] = []
    # durations: phrasings of a time point ("after 8 weeks", "six months later")
    time_point_before: list[str] = []
    time_point_after: list[str] = []

    @field_validator("clause_breaks")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for p in v:
            bad = userregex.problem(p)
            if bad:
                raise ValueError(f"clause_breaks: {bad}")
        return v


# ---------------------------------------------------------------------------------
# mentions, once per document


@lru_cache(maxsize=2048)
def _extract_block(text: str) -> tuple[Mention, ...]:
    """Mentions of one block, remembered: re-linting an edited draft re-reads only the
    blocks that changed."""
    return tuple(numbers.extract(text))


def mentions(doc) -> list[list[Mention]]:
    """Numeric mentions per sentence (offsets into ``sentence.text``); body only."""
    cached = doc.cache.get("numbers")
    if cached is None:
        # one extraction per block (the patterns scan one longer string instead of many
        # short ones), then each mention is handed to the sentence that holds it
        cached = [[] for _ in doc.sentences]
        for b in doc.blocks:
            if b.section != "body":
                continue
            for m in _extract_block(b.text):
                start = b.doc_start + m.start
                sent = doc.sentence_at(start)
                if sent is None or b.doc_start + m.end > sent.doc_end:
                    continue
                off = sent.doc_start
                cached[sent.index].append(dataclasses.replace(m, start=start - off, end=b.doc_start + m.end - off))
        doc.cache["numbers"] = cached
    return cached


# ---------------------------------------------------------------------------------
# words and stems

_WORD = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")


@lru_cache(maxsize=65536)
def _norm(word: str) -> str:
    w = word.lower()
    if w[0].isdigit():
        return w
    if len(w) > 4:
        w = w.replace("our", "or")  # tumour/tumor, behaviour/behavior
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ing"):
        w = w[:-3]  # healing -> heal
    elif len(w) > 5 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]  # healed -> heal
    return w[:5]


@dataclass(frozen=True, eq=False)  # hashed by identity: the caches below key on it
class Lexicon:
    stop: frozenset[str]
    weak: frozenset[str]  # keys
    concept_of: dict  # stem -> concept key
    phrases: tuple  # (compiled regex, concept key) for multi-word synonyms
    breaks: regex.Pattern | None  # written in rule files: run through userregex (a time limit)
    negators: re.Pattern | None

    def key(self, word: str) -> str | None:
        w = word.lower()
        if w in self.stop or (len(w) < 2 and not w.isdigit()):
            return None
        s = _norm(w)
        if s in self.stop:
            return None
        return self.concept_of.get(s, s)


@lru_cache(maxsize=64)
def _lexicon(stop: tuple, weak: tuple, synonyms: tuple, breaks: tuple, negators: tuple) -> Lexicon:
    concept_of: dict[str, str] = {}
    phrases = []
    for group in synonyms:
        name = "~" + group[0].lower()
        for member in group:
            member = member.lower().strip()
            if " " in member or "-" in member:
                rx = r"\b" + r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", member)) + r"\b"
                phrases.append((re.compile(rx, re.IGNORECASE), name))
            else:
                concept_of[_norm(member)] = name
    stopset = frozenset(w.lower() for w in stop)
    lex = Lexicon(stopset, frozenset(), concept_of, tuple(phrases),
                  userregex.compile_pattern("|".join(f"(?:{b})" for b in breaks)) if breaks else None,
                  re.compile(r"(?:" + "|".join(_bounded(n) for n in negators)
                             + r")(?:[^\w,;:()\u2014\u2013]*\w+){0,8}[^\w,;:()\u2014\u2013]*$", re.IGNORECASE)
                  if negators else None)
    weak_keys = frozenset(k for k in (lex.key(w) for w in weak) if k)
    return dataclasses.replace(lex, weak=weak_keys)


def _bounded(word: str) -> str:
    """A regex for a cue word: whole words only, but "n't" glues to its verb."""
    esc = re.escape(word.lower()).replace(r"\ ", r"\s+")
    left = r"(?<!\w)" if word[:1].isalnum() and not word.lower().startswith(("n'", "n\u2019")) else ""
    return left + esc + r"(?!\w)"


_LEXICONS: dict[int, tuple[Params, Lexicon]] = {}


def lexicon(p: Params) -> Lexicon:
    hit = _LEXICONS.get(id(p))
    if hit is None or hit[0] is not p:  # keyed by identity; the params object is kept alive here
        hit = _LEXICONS[id(p)] = (p, _lexicon(tuple(p.stopwords), tuple(p.weak_words),
                                              tuple(tuple(g) for g in p.synonyms),
                                              tuple(p.clause_breaks), tuple(p.negators)))
    return hit[1]


def text_keys(lex: Lexicon, text: str) -> set[str]:
    return set(_text_keys(lex, text))


@lru_cache(maxsize=4096)
def _text_keys(lex: Lexicon, text: str) -> frozenset[str]:
    keys = {k for k in (lex.key(m.group()) for m in _WORD.finditer(text)) if k}
    for rx, name in lex.phrases:
        if rx.search(text):
            keys.add(name)
    return frozenset(keys)


def _positions(lex: Lexicon, text: str) -> list[tuple[int, int, str]]:
    return list(_positions_cached(lex, text))


@lru_cache(maxsize=4096)
def _positions_cached(lex: Lexicon, text: str) -> tuple[tuple[int, int, str], ...]:
    out = []
    for m in _WORD.finditer(text):
        k = lex.key(m.group())
        if k:
            out.append((m.start(), m.end(), k))
    for rx, name in lex.phrases:
        for m in rx.finditer(text):
            out.append((m.start(), m.end(), name))
    return tuple(out)


def _phrase_rx(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alts = sorted((re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=256)
def _cached_rx(words: tuple) -> re.Pattern | None:
    return _phrase_rx(list(words))


def rx(words: list[str]) -> re.Pattern | None:
    return _cached_rx(tuple(words))


# ---------------------------------------------------------------------------------
# context of a mention


FAMILY = {
    "findings": ("percent", "fraction", "ratio", "count"),
    "sample_size": ("percent", "fraction", "ratio", "count"),
    "durations": ("duration",),
    "dates": ("year", "date"),
}


def context(lex: Lexicon, p: Params, doc, si: int, m: Mention, family: tuple) -> dict[str, float]:
    """Context keys of mention ``m`` in sentence ``si`` with their weights."""
    sent = doc.sentences[si]
    text = sent.text
    lo, hi = 0, len(text)
    if lex.breaks is not None:
        for b in userregex.finditer(lex.breaks, text):
            if b.end() <= m.start:
                lo = max(lo, b.end())
            elif b.start() >= m.end and b.start() < hi:
                hi = b.start()
    others = [o for o in mentions(doc)[si] if o.kind in family and lo <= o.start and o.end <= hi
              and not (o.start < m.end and m.start < o.end)]
    out: dict[str, float] = {}
    for s, e, k in _positions(lex, text):
        if s < lo or e > hi or (m.start <= s and e <= m.end):
            continue
        d = _gap(s, e, m)
        w = 1.0 if all(d <= _gap(s, e, o) for o in others) else p.shared_weight
        if out.get(k, 0.0) < w:
            out[k] = w
    return out


def previous_context(lex: Lexicon, p: Params, doc, si: int, own: dict[str, float]) -> dict[str, float] | None:
    """``own`` plus the previous sentence of the paragraph at ``previous_weight`` ("The
    number fell by about a third" after a sentence naming what fell), or None."""
    sent = doc.sentences[si]
    if p.previous_weight <= 0 or si == 0 or sent.is_heading:
        return None
    prev = doc.sentences[si - 1]
    if prev.block is not sent.block:
        return None
    out = dict(own)
    for k in text_keys(lex, prev.text):
        if out.get(k, 0.0) < p.previous_weight:
            out[k] = p.previous_weight
    return out


def _gap(s: int, e: int, m: Mention) -> int:
    if e <= m.start:
        return m.start - e
    if s >= m.end:
        return s - m.end
    return 0


def score(lex: Lexicon, ctx: dict[str, float], what_keys: set[str]) -> float:
    return sum(w * (0.5 if k in lex.weak else 1.0) for k, w in ctx.items() if k in what_keys)


def negated(lex: Lexicon, text: str, m: Mention) -> bool:
    """A negator earlier in the mention's clause, within eight words ("not 13", "did not
    lower the risk by 30%")."""
    return lex.negators is not None and lex.negators.search(text[max(0, m.start - 80):m.start]) is not None


# ---------------------------------------------------------------------------------
# citation numbers


@dataclass(frozen=True)
class Fact:
    field: str  # findings[0], dates[1], study.sample_size
    what: str
    value: float
    of: float | None = None
    unit: str | None = None
    date: Any = None  # PartialDate for dates
    implicit: bool = False  # a number written into a `what` text

    def describe(self) -> str:
        if self.date is not None:
            return str(self.date)
        return fmt_value(self.value, self.of, self.unit)


TIME_UNITS = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
              "month", "months", "year", "years", "decade", "decades", "h", "hr", "hrs", "d", "wk", "wks",
              "mo", "y", "yr", "yrs", "min", "s", "sec"}
PERCENT_UNITS = {"percent", "%", "per cent", "pct", "percentage"}
POINT_UNITS = {"points", "percentage points", "pp"}
RATIO_UNITS = {"fold", "x", "times", "ratio"}


def _unit_class(unit: str | None) -> str | None:
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


def _num(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}" if abs(v) >= 1000 else str(int(v))
    return f"{v:g}"


def fmt_value(value: float, of: float | None, unit: str | None) -> str:
    if of is not None:
        return f"{_num(value)} of {_num(of)}"
    uc = _unit_class(unit)
    if uc == "percent":
        return f"{_num(value)}%"
    if unit:
        u = unit
        if uc == "time" and value == 1 and u.endswith("s"):
            u = u[:-1]
        return f"{_num(value)} {u}"
    return _num(value)


def facts(c, doc) -> dict[str, list[Fact]]:
    """The citation's numbers, by field, once per document."""
    key = "number:facts"
    cached = doc.cache.get(key)
    if cached is not None and cached[0] is c:
        return cached[1]
    out: dict[str, list[Fact]] = {"findings": [], "dates": [], "implicit": []}
    for i, f in enumerate(c.findings):
        out["findings"].append(Fact(f"findings[{i}]", f.what, f.value, f.of, f.unit))
        for m in numbers.extract(f.what):
            out["implicit"].append(Fact(f"findings[{i}]", f.what, m.value, m.of, _implicit_unit(m), implicit=True))
    for i, d in enumerate(c.dates):
        out["dates"].append(Fact(f"dates[{i}]", d.what, float(d.date.year), date=d.date))
        for m in numbers.extract(d.what):
            out["implicit"].append(Fact(f"dates[{i}]", d.what, m.value, m.of, _implicit_unit(m), implicit=True))
    doc.cache[key] = (c, out)
    return out


def _implicit_unit(m: Mention) -> str | None:
    if m.kind == "percent":
        return m.unit
    if m.kind == "duration":
        return m.unit
    if m.kind in ("year", "date"):
        return "date"
    return None


def compatible(m: Mention, f: Fact, p: Params) -> bool:
    """Can mention ``m`` be compared with citation number ``f`` at all?"""
    uc = _unit_class(f.unit)
    if m.kind == "percent":
        if m.unit == "points":
            return uc == "points"
        return uc == "percent" or (f.of is not None and uc is None)
    if m.kind == "fraction":
        return f.of is not None or uc == "percent"
    if m.kind == "ratio":
        if f.of is not None:
            return False
        if uc == "ratio":
            return True
        return uc is None and (rx(p.ratio_words) is not None and rx(p.ratio_words).search(f.what) is not None)
    if m.kind == "count":
        return f.of is None and uc in (None, "other")
    if m.kind == "duration":
        return f.of is None and uc == "time"
    return False


def agree(m: Mention, f: Fact) -> bool | None:
    if f.date is not None:
        return numbers.agrees_date(m, f.date.year, f.date.month, f.date.day)
    unit = f.unit if _unit_class(f.unit) != "other" else None
    res = numbers.agrees(m, f.value, f.of, unit)
    if res is False and m.kind == "duration" and m.qualifier in (None, "about") and f.of is None \
            and _unit_class(f.unit) == "time":
        res = _rounded_duration(m, f)
    if res is False and m.kind in ("percent", "ratio", "duration") and not m.qualifier and f.of is None:
        res = _paper_rounded(m, f)
    return res


def _decimals(v: float) -> int:
    s = f"{v:.6f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def _paper_rounded(m: Mention, f: Fact) -> bool:
    """The paper's figure is rounded too: "17.6%" agrees with a paper's "18" percent."""
    truth = f.value
    value = m.value
    if m.kind == "duration":
        conv = _to_unit(m.value, m.unit, f.unit)
        if conv is None:
            return False
        value = conv
    d = _decimals(truth)
    if _decimals(value) <= d:
        return False  # the article is not more precise than the paper
    return abs(value - truth) <= 0.5 * 10 ** -d + 1e-9


def _rounded_duration(m: Mention, f: Fact) -> bool:
    """"two and a half years" for 2.6 years, "two years" for 2.3: the article may have
    rounded the paper's figure to its own grid (halves or whole units)."""
    truth = _to_unit(f.value, f.unit, m.unit)
    if truth is None:
        return False
    grid = 0.5 if not float(m.value).is_integer() else 1.0
    # strictly inside: 18 months is 1.5 years, and "two years" is not an honest rounding of it
    return abs(truth - m.value) < grid / 2 - 1e-9 and not float(truth).is_integer()


_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7,
         "month": 365.25 / 12, "year": 365.25, "decade": 3652.5}
_ABBR = {"h": "hour", "hr": "hour", "hrs": "hour", "d": "day", "wk": "week", "wks": "week", "mo": "month",
         "y": "year", "yr": "year", "yrs": "year", "min": "minute", "s": "second", "sec": "second"}


def _days(unit: str | None) -> float | None:
    if not unit:
        return None
    u = unit.strip().lower()
    u = _ABBR.get(u, u)
    if u.endswith("s") and u[:-1] in _DAYS:
        u = u[:-1]
    return _DAYS.get(u)


def _to_unit(value: float, unit: str | None, target: str | None) -> float | None:
    a, b = _days(unit), _days(target)
    if a is None or b is None:
        return None
    return value * a / b


# ---------------------------------------------------------------------------------
# wording of replacements

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str | None:
    if n < 0 or n > 99:
        return None
    if n < 20:
        return _WORDS[n]
    t, u = divmod(n, 10)
    return _TENS[t - 2] + (f"-{_WORDS[u]}" if u else "")


def styled(n: float, like: str, words_below: int = 100) -> str:
    """``n`` written the way ``like`` writes its first number (digits or words, case);
    words only below ``words_below``."""
    first = re.search(r"[A-Za-z0-9]+", like)
    tok = first.group() if first else ""
    if tok and tok[0].isalpha() and float(n).is_integer() and n < words_below:
        w = in_words(int(n))
        if w:
            return w.capitalize() if tok[0].isupper() else w
    return _num(n) if not (float(n).is_integer() and n >= 1000) else f"{int(n):,}"


def _strip_qualifier(m: Mention) -> str:
    """The mention's text without its leading qualifier ("more than 16,000" -> "16,000")."""
    text = m.text
    if m.qualifier and m.kind not in ("year", "date"):
        num = re.search(r"[0-9]|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                        r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                        r"fifty|sixty|seventy|eighty|ninety|hundred|half)\b", text, re.IGNORECASE)
        if num:
            text = text[num.start():]
            if m.text[:1].isupper():
                text = text[:1].upper() + text[1:]
    return text


def replacement(m: Mention, f: Fact) -> list[str]:
    bare = _strip_qualifier(m)
    if f.date is not None:
        d = f.date
        if m.kind == "date" and m.month is not None and d.month:
            month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][d.month - 1]
            return [f"{d.day} {month} {d.year}" if (m.day and d.day) else f"{month} {d.year}"]
        return [str(d.year)]
    if m.kind == "fraction" and f.of is not None:
        if m.of is not None and abs(m.of - f.of) < 1e-9:
            rest = re.match(r"^(\S+)(\s+(?:out\s+of|of|in)\s+.*)$", bare, re.IGNORECASE | re.DOTALL)
            if rest:
                return [styled(f.value, rest.group(1)) + rest.group(2)]
        return [f"{_num(f.value)} of {_num(f.of)}"]
    if m.kind in ("percent", "fraction"):
        truth = f.value if f.of is None else 100.0 * f.value / f.of
        truth = round(truth, 1 if not float(truth).is_integer() and f.of is None else 0)
        word = " percent" if re.search(r"percent", m.text, re.IGNORECASE) else (" per cent" if "per cent" in m.text.lower() else "%")
        return [f"{_num(truth)}{word}"]
    if m.kind == "duration" and f.unit:
        unit = f.unit.strip().lower()
        unit = _ABBR.get(unit, unit)
        if not unit.endswith("s"):
            unit += "s"
        if f.value == 1:
            unit = unit[:-1]
        return [f"{styled(f.value, bare, 10)} {unit}"]
    if m.kind == "count":
        return [styled(f.value, bare, 20)]
    if m.kind == "ratio":
        return []
    return []


# ---------------------------------------------------------------------------------
# candidates


@dataclass
class Verdict:
    fact: Fact
    score: float


def choose(lex, p, doc, si: int, m: Mention, cands: list[Fact], family: tuple, need: float,
           bonus_of: bool = True) -> Verdict | None:
    """The candidate the mention's context matches best (see :func:`plausible`)."""
    ranked = plausible(lex, p, doc, si, m, cands, family, need, bonus_of)
    return ranked[0] if ranked else None


def plausible(lex, p, doc, si: int, m: Mention, cands: list[Fact], family: tuple, need: float,
              bonus_of: bool = True) -> list[Verdict]:
    """The candidates the mention could be about (score at least ``need``), best first.
    The mention's own sentence decides; the previous sentence is only consulted when
    the own sentence matches none well enough."""
    own = context(lex, p, doc, si, m, family)
    ranked = [v for v in rank(lex, p, own, m, cands, bonus_of) if v.score >= need]
    if ranked:
        return ranked
    wider = previous_context(lex, p, doc, si, own)
    if wider is not None:
        return [v for v in rank(lex, p, wider, m, cands, bonus_of) if v.score >= need]
    return []


def rank(lex, p, ctx, m: Mention, cands: list[Fact], bonus_of: bool = True) -> list[Verdict]:
    """Candidates that survive the filters, best first; ties go to the one whose matched
    words are rarer among the candidates ("bleeding" over "major"), then to the first."""
    directions = {"~" + d.lower() for d in p.direction_words}
    ctx_dir = bool(directions & ctx.keys())
    keysets = [what_keys(lex, f.what) for f in cands]
    df: dict[str, int] = {}
    for ks in keysets:
        for k in ks:
            df[k] = df.get(k, 0) + 1
    others: set[str] = set().union(*keysets) if p.exclusive and keysets else set()
    near = {k for k, w in ctx.items() if w >= 1.0 and k not in lex.weak and not k.startswith("~")}
    scored = []
    for i, (f, wk) in enumerate(zip(cands, keysets)):
        if p.exclusive and (near & others) - wk:
            continue  # the words next to the number name another candidate ("cut major bleeding")
        if directions and bool(wk & directions) != ctx_dir:
            # "lower risk" needs a change in the article too ("cut", "boosts", "less likely");
            # a change ("rose by 27%") is not a level ("bleeding in the drug group")
            continue
        sc = score(lex, ctx, wk)
        if bonus_of and m.kind == "fraction" and f.of is not None and m.of is not None and abs(m.of - f.of) < 1e-9:
            sc += p.denominator_bonus
        rarity = sum(ctx[k] / df[k] for k in wk if k in ctx)
        scored.append(((-round(sc, 6), -round(rarity, 6), i), Verdict(f, sc)))
    return [v for _, v in sorted(scored, key=lambda x: x[0])]


def what_keys(lex: Lexicon, what: str) -> set[str]:
    return text_keys(lex, what)


def _all_fraction(text: str, m: Mention) -> Mention:
    """"All 12 vaccinated animals" is 12 of 12; "none of the 11" is 0 of 11."""
    if m.kind != "count" or m.vague or m.qualifier:
        return m
    lo = max(0, m.start - 16)
    a = re.search(r"\b(?:all|every one of|each of)\s+(?:the\s+|of\s+the\s+)?$", text[lo:m.start], re.IGNORECASE)
    if a:
        s = lo + a.start()
        return dataclasses.replace(m, kind="fraction", of=m.value, start=s, text=text[s:m.end])
    a = re.search(r"\bnone\s+of\s+(?:the\s+)?$", text[lo:m.start], re.IGNORECASE)
    if a:
        s = lo + a.start()
        return dataclasses.replace(m, kind="fraction", of=m.value, value=0.0, start=s, text=text[s:m.end])
    return m


def _head_words(text: str, end: int, n: int = 4) -> list[str]:
    words = []
    for w in re.finditer(r"\s*([A-Za-z][A-Za-z'’-]*)|\s*(\S)", text[end:end + 60]):
        if w.group(2) is not None:
            break
        words.append(w.group(1).lower())
        if len(words) >= n:
            break
    return words


_PREPS = frozenset(["of", "in", "with", "for", "at", "from", "to", "and", "or", "by", "on", "who", "that", "which", "whose", "were", "was", "had", "have", "has", "a", "an", "the", "per", "each", "every"])


def head_noun_phrase(text: str, m: Mention) -> list[str]:
    out = []
    for w in _head_words(text, m.end):
        if w in _PREPS:
            break
        out.append(w)
    return out


# ---------------------------------------------------------------------------------
# the check


@register_check("number", Params)
def check(rules, lc) -> Iterator[Finding]:
    c = lc.citation
    if c is None:
        return
    doc = lc.doc
    per_sentence = mentions(doc)
    fx = facts(c, doc)
    for rule in rules:
        p = rule.params
        fn = TARGETS[p.target]
        for si, ms in enumerate(per_sentence):
            if not ms:
                continue
            yield from fn(rule, p, lc, si, ms, fx)


def _quote_note(doc, start: int, end: int) -> str:
    q = doc.quote_at(start, end)
    if q is None:
        return ""
    who = f"in a quote from {q.speaker}" if q.speaker else "in a quote"
    return who


def _finding(rule, lc, si: int, m: Mention, f: Fact, actual: str, extra: dict | None = None) -> Finding:
    doc = lc.doc
    sent = doc.sentences[si]
    start, end = sent.doc_start + m.start, sent.doc_start + m.end
    if f.implicit:
        evidence = f'{f.field}.what = "{f.what}"'
    else:
        evidence = f"{f.field} = {actual}" + (f" ({f.what})" if f.what and not f.field.startswith("study.") else "")
    values = dict(match=doc.text[start:end], actual=actual, what=f.what, field=f.field, evidence=evidence)
    values.update(extra or {})
    msg = rule.render(**values)
    note = _quote_note(doc, start, end)
    if note:
        msg += f", {note}" if msg.endswith(")") else f" ({note})"
    return Finding(rule, start, end, msg, evidence=evidence, replacements=replacement(m, f))


# ---- sample size -------------------------------------------------------------------


def _sample_size(rule, p: Params, lc, si: int, ms: list[Mention], fx) -> Iterator[Finding]:
    c = lc.citation
    n = c.study.sample_size
    if n is None:
        return
    doc = lc.doc
    text = doc.sentences[si].text
    lex = lexicon(p)
    nouns = rx(p.participant_nouns)
    if nouns is None:
        return
    low = text.lower()
    cands = []
    for m in ms:
        if m.kind != "count" or m.vague:
            continue
        before = text[max(0, m.start - 12):m.start]
        n_eq = re.search(r"\bn\s*=\s*$", before, re.IGNORECASE) is not None
        head = head_noun_phrase(text, m)[:4]
        if not n_eq:
            if not head or not any(nouns.fullmatch(w) for w in head):
                continue
        cands.append(m)
    if not cands:
        return
    if len(cands) > 1:
        return  # "500 women and 300 men": a breakdown, not the sample
    m = cands[0]
    cues = rx(p.study_cues)
    if cues is None or not cues.search(text[max(0, m.start - p.cue_window[0]):m.end + p.cue_window[1]]):
        return
    for cue in (p.background_cues, p.other_study_cues):
        r = rx(cue)
        if r is not None and r.search(low):
            return
    words = _head_words(text, m.end, 8)
    noun_at = next((i for i, w in enumerate(words[:4]) if nouns.fullmatch(w)), -1)
    after = words[noun_at + 1:]
    out = rx(p.outcome_after)
    if out is not None and after and (out.fullmatch(after[0]) or (
            len(after) > 1 and after[0] in ("who", "had", "have", "were", "was", "then") and out.fullmatch(after[1]))):
        return  # "10 patients improved", "2,841 participants were diagnosed"
    sb = rx(p.subgroup_before)
    if sb is not None and re.search(sb.pattern + r"\W*(?:\w+\W+){0,1}$", text[max(0, m.start - 30):m.start], re.IGNORECASE):
        return
    sa = rx(p.subgroup_after)
    if sa is not None and sa.search(text[m.end:m.end + 50]):
        return
    if negated(lex, text, m):
        return
    # a count that is some other number of the paper (a group's denominator, the cases)
    # is not the sample; an open bound ("more than 16") agrees with too much to tell
    if m.qualifier not in ("over", "under", "atleast", "atmost"):
        for f in fx["findings"] + fx["implicit"]:
            if f.date is not None or f.unit is not None:
                continue
            if numbers.agrees(m, f.of if f.of is not None else f.value):
                return
    if _sample_agrees(m, float(n)):
        return
    subjects = c.study.subjects
    unit = "participants" if subjects in (None, "humans", "human", "people", "patients") else subjects
    if c.study.design in ("meta-analysis", "systematic-review"):
        unit = "participants"
    fact = Fact("study.sample_size", "", float(n))
    yield _finding(rule, lc, si, m, fact, _num(n), {"unit": unit})


# ---- findings ----------------------------------------------------------------------


def _findings(rule, p: Params, lc, si: int, ms: list[Mention], fx) -> Iterator[Finding]:
    doc = lc.doc
    text = doc.sentences[si].text
    lex = lexicon(p)
    other = rx(p.other_study_cues)
    if other is not None and other.search(text):
        return  # about another study
    for m0 in ms:
        m = _all_fraction(text, m0)
        if m.kind not in p.kinds or m.vague:
            continue
        if m.kind == "fraction" and p.not_proportion_nouns and rx(p.not_proportion_nouns).match(
                text[m.end:m.end + 40].lstrip()):
            continue  # "to one of two groups", "at one of five dose levels": a choice, not a share
        cands = [f for f in fx["findings"] if compatible(m, f, p)]
        if not cands:
            continue
        if any(agree(m, f) and _about(lex, p, doc, si, m, f) for f in fx["implicit"] if _same_kind(m, f)):
            continue  # a threshold written into a finding: "shrank by at least 30 percent"
        if any(_exact(m, f) for f in cands):
            continue  # the very number of a finding of its kind
        if m.kind == "count" and any(numbers.agrees(m, f.value) or (f.of is not None and numbers.agrees(m, f.of))
                                     for f in fx["findings"] if f.date is None and _unit_class(f.unit) is None):
            continue  # a count the paper gives somewhere (a numerator, a group size)
        if m.kind == "count" and c_sample_agrees(lc.citation, m):
            continue
        if negated(lex, text, m):
            continue
        if m.kind == "count" and p.require_head_noun:
            head = {k for k in (lex.key(w) for w in head_noun_phrase(text, m)) if k}
            cands = [f for f in cands if head & (what_keys(lex, f.what) | ({lex.key(f.unit)} if f.unit else set()))]
            if not cands:
                continue
        could = plausible(lex, p, doc, si, m, cands, FAMILY["findings"], p.min_overlap)
        if not could or any(agree(m, v.fact) is not False for v in could):
            continue  # matches nothing well enough, or agrees with a finding it could be about
        best = could[0]
        yield _finding(rule, lc, si, m, best.fact, best.fact.describe())


def _exact(m: Mention, f: Fact) -> bool:
    """The article repeats the finding's own figure, unqualified ("1.6%" for 1.6 percent,
    "12 of 13" for 12 of 13): about that finding whatever the words around it."""
    if m.qualifier or m.vague or not agree(m, f):
        return False
    if m.kind == "fraction":
        if f.of is not None:
            return abs(m.of - f.of) < 1e-9 and abs(m.value - f.value) < 1e-9
        return abs(100.0 * m.value / m.of - f.value) <= 0.5
    return True


def _about(lex, p: Params, doc, si: int, m: Mention, f: Fact) -> bool:
    """Do the words around ``m`` name anything of ``f.what``?"""
    return score(lex, context(lex, p, doc, si, m, FAMILY["findings"]), what_keys(lex, f.what)) >= p.min_overlap


def _same_kind(m: Mention, f: Fact) -> bool:
    """Implicit numbers (inside a `what`) compared loosely: same broad kind."""
    uc = _unit_class(f.unit)
    if m.kind in ("percent", "fraction"):
        return uc == "percent" or f.of is not None
    if m.kind == "count":
        return uc is None and f.of is None
    return False


def _sample_agrees(m: Mention, n: float) -> bool:
    """A round count with no qualifier ("8,000 patients") is read as approximate."""
    if numbers.agrees(m, n) is not False:
        return True
    if m.qualifier is None and m.precision > 0 and m.value >= 1000:
        return bool(numbers.agrees(dataclasses.replace(m, qualifier="about"), n))
    return False


def c_sample_agrees(c, m: Mention) -> bool:
    n = c.study.sample_size
    return n is not None and numbers.agrees(m, float(n)) is True


# ---- dates -------------------------------------------------------------------------


def _dates(rule, p: Params, lc, si: int, ms: list[Mention], fx) -> Iterator[Finding]:
    c = lc.citation
    events = fx["dates"]
    if not events:
        return
    doc = lc.doc
    text = doc.sentences[si].text
    lex = lexicon(p)
    pub = rx(p.publication_cues)
    for m in ms:
        if m.kind not in ("year", "date"):
            continue
        if any(agree(m, f) for f in events):
            continue  # agrees with some dated event
        if c.published is not None and int(m.value) == c.published.year and pub is not None and pub.search(text):
            continue  # the publication year: the attribution rules' business
        if negated(lex, text, m):
            continue
        best = choose(lex, p, doc, si, m, events, FAMILY["dates"], p.min_overlap, bonus_of=False)
        if best is None:
            continue
        yield _finding(rule, lc, si, m, best.fact, str(best.fact.date))


# ---- durations ---------------------------------------------------------------------


def _durations(rule, p: Params, lc, si: int, ms: list[Mention], fx) -> Iterator[Finding]:
    doc = lc.doc
    text = doc.sentences[si].text
    lex = lexicon(p)
    explicit = [f for f in fx["findings"] if f.of is None and _unit_class(f.unit) == "time"]
    implicit = [f for f in fx["implicit"] if _unit_class(f.unit) == "time"]
    if not explicit and not implicit:
        return
    other = rx(p.other_study_cues)
    if other is not None and other.search(text):
        return  # about another study
    tp_before = rx(p.time_point_before)
    tp_after = rx(p.time_point_after)
    for m in ms:
        if m.kind != "duration":
            continue
        time_point = bool(
            (tp_before is not None and re.search(tp_before.pattern + r"\s+(?:just\s+|only\s+)?$",
                                                 text[max(0, m.start - 20):m.start], re.IGNORECASE))
            or (tp_before is not None and tp_before.match(m.text))
            or (tp_after is not None and tp_after.match(text[m.end:m.end + 12].lstrip()))
        )
        cands = explicit + (implicit if time_point else [])
        cands = [f for f in cands if _plausible(m, f, p.max_ratio)]
        if not cands:
            continue
        if any(agree(m, f) for f in cands):
            continue
        if any(agree(m, f) for f in implicit):
            continue  # a time point the paper names elsewhere
        if negated(lex, text, m):
            continue
        best = choose(lex, p, doc, si, m, cands, FAMILY["durations"], p.min_overlap, bonus_of=False)
        chosen = best.fact if best is not None else None
        if chosen is None:
            chosen = _anchored_duration(p, lc, si, ms, m, fx, explicit, implicit if time_point else [])
        if chosen is None or agree(m, chosen) is not False:
            continue
        yield _finding(rule, lc, si, m, chosen, chosen.describe())


def _plausible(m: Mention, f: Fact, max_ratio: float) -> bool:
    truth = _to_unit(f.value, f.unit, m.unit)
    if truth is None or truth <= 0 or m.value <= 0:
        return False
    r = truth / m.value
    return 1 / max_ratio <= r <= max_ratio


def _anchored_duration(p: Params, lc, si: int, ms, m: Mention, fx, explicit, implicit) -> Fact | None:
    """The sentence reports a finding (another number in it matches one): its time point
    is the one the paper gives for that finding, or the paper's only duration."""
    doc = lc.doc
    text = doc.sentences[si].text
    lex = lexicon(p)
    anchored = None
    for o in ms:
        o = _all_fraction(text, o)
        if o is m or o.kind not in ("percent", "fraction", "ratio"):
            continue
        cands = [f for f in fx["findings"] if compatible(o, f, p)]
        if not cands:
            continue
        best = choose(lex, p, doc, si, o, cands, FAMILY["findings"], p.anchor_overlap)
        if best is not None:
            anchored = best.fact
            break
    if anchored is None:
        return None
    own = [f for f in implicit if f.field == anchored.field and _plausible(m, f, p.max_ratio)]
    if own:
        return own[0]
    plausible = [f for f in explicit if _plausible(m, f, p.max_ratio)]
    if len(explicit) == 1 and plausible:
        return plausible[0]
    return None


TARGETS = {
    "sample_size": _sample_size,
    "findings": _findings,
    "dates": _dates,
    "durations": _durations,
}
