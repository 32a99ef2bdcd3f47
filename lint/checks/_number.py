"""Shared by the number checks (``lint/checks/number.py``): their parameters, the
context words of a mention, the comparison of a mention with a citation number, the
choice among candidates, and the wording of findings and rewrites.

Deciding which citation number a mention is about (the hard part), conservatively:

* Mentions come from the ``numbers`` analysis (``lint/analyses/numbers.py``: one list of
  :class:`lint.numbers.NumberMention` per sentence, offsets into the sentence text; empty
  outside the article body); the citation's numbers from ``number_facts``.
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
  error when it agrees (``lint.agreement.agrees``, which knows rounding and qualifiers)
  with ANY compatible number in the citation, including numbers written into the
  ``what`` texts ("tumour shrinkage of at least 30 percent").  Otherwise the
  best-scoring candidate with a score of at least ``min_overlap`` decides.
* Negated mentions ("not 13") are skipped; quoted ones are checked and say who said it.

What a rule compiles from its parameters (regular expressions, the context words) is
kept by the rule set (``ctx.compiled``), not in module caches.
"""
from __future__ import annotations

import calendar
import dataclasses
import re
from collections import OrderedDict
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, field_validator

from .. import userregex
from ..agreement import agrees, agrees_date
from ..analyses.numbers import Fact
from ..findings import Finding
from ..lexicons import lexicon
from ..numbers import NumberMention, fmt_number, styled
from ..units import ABBREVIATIONS, convert, unit_class

_LEX = lexicon("numbers")
FAMILY: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _LEX["families"].items()}
NOUN_PHRASE_ENDS = frozenset(_LEX["noun_phrase_ends"])  # "13 patients with ...": the noun ends before "with"
OUTCOME_LINKS = frozenset(_LEX["outcome_links"])  # "10 patients who improved"

# ---------------------------------------------------------------------------------
# parameters


class NumberParams(BaseModel):
    """Parameters every number check has."""

    model_config = ConfigDict(extra="forbid")
    negators: list[str] = []  # a negator shortly before the number: not compared ("not 13")


class ContextParams(NumberParams):
    """Parameters of the checks that tie a mention to a citation number by its context words."""

    min_overlap: float = 2.0  # context score a candidate needs
    denominator_bonus: float = 1.0  # a fraction over the finding's own denominator
    shared_weight: float = 0.5  # a context word nearer to another number of the family
    previous_weight: float = 0.5  # a word of the previous sentence (same paragraph)
    # a candidate is out when the words next to the number name another candidate's
    # `what` but not its own ("cut major bleeding by 20%" is not about MACE)
    exclusive: bool = False
    stopwords: list[str] = []
    weak_words: list[str] = []
    synonyms: list[list[str]] = []
    clause_breaks: list[str] = []
    # a `what` with one of these synonym groups (named by their first word) only matches
    # an article context with one of them too
    direction_words: list[str] = []

    @field_validator("clause_breaks")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for p in v:
            bad = userregex.problem(p)
            if bad:
                raise ValueError(f"clause_breaks: {bad}")
        return v


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



def _bounded(word: str) -> str:
    """A regex for a cue word: whole words only, but "n't" glues to its verb."""
    esc = re.escape(word.lower()).replace(r"\ ", r"\s+")
    left = r"(?<!\w)" if word[:1].isalnum() and not word.lower().startswith(("n'", "n\u2019")) else ""
    return left + esc + r"(?!\w)"



class Words:
    """The context words of a group of rule parameters: stop words, weak words, synonym
    groups (one concept key each), clause breaks and negators, and a bounded memo of the
    keys found in each sentence text (re-lint reads only what changed)."""

    MEMO = 4096

    def __init__(self, stop: tuple, weak: tuple, synonyms: tuple, breaks: tuple, negators: tuple):
        self.concept_of: dict[str, str] = {}  # stem -> concept key
        phrases = []  # (compiled regex, concept key) for multi-word synonyms
        for group in synonyms:
            name = "~" + group[0].lower()
            for member in group:
                member = member.lower().strip()
                if " " in member or "-" in member:
                    rx = r"\b" + r"[\s-]+".join(re.escape(p) for p in re.split(r"[\s-]+", member)) + r"\b"
                    phrases.append((re.compile(rx, re.IGNORECASE), name))
                else:
                    self.concept_of[_norm(member)] = name
        self.phrases = tuple(phrases)
        self.stop = frozenset(w.lower() for w in stop)
        # written in rule files: run through userregex (a time limit)
        self.breaks: regex.Pattern | None = (userregex.compile_pattern("|".join(f"(?:{b})" for b in breaks))
                                             if breaks else None)
        self.negators: re.Pattern | None = (
            re.compile(r"(?:" + "|".join(_bounded(n) for n in negators)
                       + r")(?:[^\w,;:()\u2014\u2013]*\w+){0,8}[^\w,;:()\u2014\u2013]*$", re.IGNORECASE)
            if negators else None)
        self.weak: frozenset[str] = frozenset()
        self.weak = frozenset(k for k in (self.key(w) for w in weak) if k)
        self._keys: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._positions: OrderedDict[str, tuple[tuple[int, int, str], ...]] = OrderedDict()

    @classmethod
    def of(cls, ctx, p: Any) -> Words:
        """The context words of params ``p``, shared by every rule with the same lists."""
        key = tuple(tuple(getattr(p, name, ())) for name in ("stopwords", "weak_words", "clause_breaks", "negators"))
        synonyms = tuple(tuple(g) for g in getattr(p, "synonyms", ()))
        return ctx.compiled(("number.words", synonyms) + key,
                           lambda: cls(key[0], key[1], synonyms, key[2], key[3]))

    def key(self, word: str) -> str | None:
        w = word.lower()
        if w in self.stop or (len(w) < 2 and not w.isdigit()):
            return None
        s = _norm(w)
        if s in self.stop:
            return None
        return self.concept_of.get(s, s)

    def text_keys(self, text: str) -> frozenset[str]:
        """The context keys of ``text``."""
        hit = self._keys.get(text)
        if hit is None:
            keys = {k for k in (self.key(m.group()) for m in _WORD.finditer(text)) if k}
            for rx, name in self.phrases:
                if rx.search(text):
                    keys.add(name)
            hit = self._keys[text] = frozenset(keys)
            if len(self._keys) > self.MEMO:
                self._keys.popitem(last=False)
        return hit

    def positions(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """(start, end, key) of each context word of ``text``."""
        hit = self._positions.get(text)
        if hit is None:
            out = []
            for m in _WORD.finditer(text):
                k = self.key(m.group())
                if k:
                    out.append((m.start(), m.end(), k))
            for rx, name in self.phrases:
                for m in rx.finditer(text):
                    out.append((m.start(), m.end(), name))
            hit = self._positions[text] = tuple(out)
            if len(self._positions) > self.MEMO:
                self._positions.popitem(last=False)
        return hit


def _phrase_rx(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alts = sorted((re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


class Compiled:
    """What one number rule compiles from its parameters: its context words and, on
    first use, a regular expression for each of its word lists."""

    def __init__(self, p: Any, words: Words):
        self.p = p
        self.words = words
        self._rx: dict[str, re.Pattern | None] = {}

    def rx(self, name: str) -> re.Pattern | None:
        """The word list parameter ``name`` as one regex (None when empty or absent)."""
        try:
            return self._rx[name]
        except KeyError:
            r = self._rx[name] = _phrase_rx(list(getattr(self.p, name, ()) or ()))
            return r


def compiled(ctx, rule) -> Compiled:
    return ctx.compiled(("number.rule", rule.code), lambda: Compiled(rule.params, Words.of(ctx, rule.params)))


# ---------------------------------------------------------------------------------
# context of a mention


def nearby_words(lex: Words, p: Any, ctx, si: int, m: NumberMention, family: tuple) -> dict[str, float]:
    """Context keys of mention ``m`` in sentence ``si`` with their weights."""
    sent = ctx.doc.sentences[si]
    text = sent.text
    lo, hi = 0, len(text)
    if lex.breaks is not None:
        for b in userregex.finditer(lex.breaks, text):
            if b.end() <= m.start:
                lo = max(lo, b.end())
            elif b.start() >= m.end and b.start() < hi:
                hi = b.start()
    others = [o for o in ctx.analyses.get("numbers")[si] if o.kind in family and lo <= o.start and o.end <= hi
              and not (o.start < m.end and m.start < o.end)]
    out: dict[str, float] = {}
    for s, e, k in lex.positions(text):
        if s < lo or e > hi or (m.start <= s and e <= m.end):
            continue
        d = _gap(s, e, m)
        w = 1.0 if all(d <= _gap(s, e, o) for o in others) else p.shared_weight
        if out.get(k, 0.0) < w:
            out[k] = w
    return out


def previous_context(lex: Words, p: Any, doc, si: int, own: dict[str, float]) -> dict[str, float] | None:
    """``own`` plus the previous sentence of the paragraph at ``previous_weight`` ("The
    number fell by about a third" after a sentence naming what fell), or None."""
    sent = doc.sentences[si]
    if p.previous_weight <= 0 or si == 0 or sent.is_heading:
        return None
    prev = doc.sentences[si - 1]
    if prev.block is not sent.block:
        return None
    out = dict(own)
    for k in lex.text_keys(prev.text):
        if out.get(k, 0.0) < p.previous_weight:
            out[k] = p.previous_weight
    return out


def _gap(s: int, e: int, m: NumberMention) -> int:
    if e <= m.start:
        return m.start - e
    if s >= m.end:
        return s - m.end
    return 0


def score(lex: Words, weights: dict[str, float], what_keys: Set[str]) -> float:
    return sum(w * (0.5 if k in lex.weak else 1.0) for k, w in weights.items() if k in what_keys)


def negated(lex: Words, text: str, m: NumberMention) -> bool:
    """A negator earlier in the mention's clause, within eight words ("not 13", "did not
    lower the risk by 30%")."""
    return lex.negators is not None and lex.negators.search(text[max(0, m.start - 80):m.start]) is not None



def compatible(m: NumberMention, f: Fact, comp: Compiled) -> bool:
    """Can mention ``m`` be compared with citation number ``f`` at all?"""
    uc = unit_class(f.unit)
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
        ratio = comp.rx("ratio_words")
        return uc is None and (ratio is not None and ratio.search(f.what) is not None)
    if m.kind == "count":
        return f.of is None and uc in (None, "other")
    if m.kind == "duration":
        return f.of is None and uc == "time"
    return False


def agree(m: NumberMention, f: Fact) -> bool | None:
    if f.date is not None:
        return agrees_date(m, f.date.year, f.date.month, f.date.day)
    unit = f.unit if unit_class(f.unit) != "other" else None
    res = agrees(m, f.value, f.of, unit)
    if res is False and m.kind == "duration" and m.qualifier in (None, "about") and f.of is None \
            and unit_class(f.unit) == "time":
        res = _rounded_duration(m, f)
    if res is False and m.kind in ("percent", "ratio", "duration") and not m.qualifier and f.of is None:
        res = _paper_rounded(m, f)
    return res


def _decimals(v: float) -> int:
    s = f"{v:.6f}".rstrip("0")
    return len(s.split(".")[1]) if "." in s else 0


def _paper_rounded(m: NumberMention, f: Fact) -> bool:
    """The paper's figure is rounded too: "17.6%" agrees with a paper's "18" percent."""
    truth = f.value
    value = m.value
    if m.kind == "duration":
        conv = convert(m.value, m.unit, f.unit)
        if conv is None:
            return False
        value = conv
    d = _decimals(truth)
    if _decimals(value) <= d:
        return False  # the article is not more precise than the paper
    return abs(value - truth) <= 0.5 * 10 ** -d + 1e-9


def _rounded_duration(m: NumberMention, f: Fact) -> bool:
    """"two and a half years" for 2.6 years, "two years" for 2.3: the article may have
    rounded the paper's figure to its own grid (halves or whole units)."""
    truth = convert(f.value, f.unit, m.unit)
    if truth is None:
        return False
    grid = 0.5 if not float(m.value).is_integer() else 1.0
    # strictly inside: 18 months is 1.5 years, and "two years" is not an honest rounding of it
    return abs(truth - m.value) < grid / 2 - 1e-9 and not float(truth).is_integer()



_NUMBER_START = re.compile(r"[0-9]|\b(?:" + "|".join(sorted(
    [w for w in _LEX["number_words"] if w != "zero"] + list(_LEX["multipliers"]) + ["half"],
    key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _strip_qualifier(m: NumberMention) -> str:
    """The mention's text without its leading qualifier ("more than 16,000" -> "16,000")."""
    text = m.text
    if m.qualifier and m.kind not in ("year", "date"):
        num = _NUMBER_START.search(text)
        if num:
            text = text[num.start():]
            if m.text[:1].isupper():
                text = text[:1].upper() + text[1:]
    return text


def replacement(m: NumberMention, f: Fact) -> list[str]:
    bare = _strip_qualifier(m)
    if f.date is not None:
        d = f.date
        if m.kind == "date" and m.month is not None and d.month:
            month = calendar.month_name[d.month]
            return [f"{d.day} {month} {d.year}" if (m.day and d.day) else f"{month} {d.year}"]
        return [str(d.year)]
    if m.kind == "fraction" and f.of is not None:
        if m.of is not None and abs(m.of - f.of) < 1e-9:
            rest = re.match(r"^(\S+)(\s+(?:out\s+of|of|in)\s+.*)$", bare, re.IGNORECASE | re.DOTALL)
            if rest:
                return [styled(f.value, rest.group(1)) + rest.group(2)]
        return [f"{fmt_number(f.value)} of {fmt_number(f.of)}"]
    if m.kind in ("percent", "fraction"):
        truth = f.value if f.of is None else 100.0 * f.value / f.of
        truth = round(truth, 1 if not float(truth).is_integer() and f.of is None else 0)
        low = m.text.lower()
        word = " percent" if "percent" in low else (" per cent" if "per cent" in low else "%")
        return [f"{fmt_number(truth)}{word}"]
    if m.kind == "duration" and f.unit:
        unit = f.unit.strip().lower()
        unit = ABBREVIATIONS.get(unit, unit)
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



@dataclass
class Verdict:
    fact: Fact
    score: float


def choose(lex, p, ctx, si: int, m: NumberMention, cands: list[Fact], family: tuple, need: float,
           bonus_of: bool = True) -> Verdict | None:
    """The candidate the mention's context matches best (see :func:`plausible`)."""
    ranked = plausible(lex, p, ctx, si, m, cands, family, need, bonus_of)
    return ranked[0] if ranked else None


def plausible(lex, p, ctx, si: int, m: NumberMention, cands: list[Fact], family: tuple, need: float,
              bonus_of: bool = True) -> list[Verdict]:
    """The candidates the mention could be about (score at least ``need``), best first.
    The mention's own sentence decides; the previous sentence is only consulted when
    the own sentence matches none well enough."""
    own = nearby_words(lex, p, ctx, si, m, family)
    ranked = [v for v in rank(lex, p, own, m, cands, bonus_of) if v.score >= need]
    if ranked:
        return ranked
    wider = previous_context(lex, p, ctx.doc, si, own)
    if wider is not None:
        return [v for v in rank(lex, p, wider, m, cands, bonus_of) if v.score >= need]
    return []


def rank(lex, p, weights, m: NumberMention, cands: list[Fact], bonus_of: bool = True) -> list[Verdict]:
    """Candidates that survive the filters, best first; ties go to the one whose matched
    words are rarer among the candidates ("bleeding" over "major"), then to the first."""
    directions = {"~" + d.lower() for d in p.direction_words}
    ctx_dir = bool(directions & weights.keys())
    keysets = [what_keys(lex, f.what) for f in cands]
    df: dict[str, int] = {}
    for ks in keysets:
        for k in ks:
            df[k] = df.get(k, 0) + 1
    others: set[str] = set().union(*keysets) if p.exclusive and keysets else set()
    near = {k for k, w in weights.items() if w >= 1.0 and k not in lex.weak and not k.startswith("~")}
    scored = []
    for i, (f, wk) in enumerate(zip(cands, keysets)):
        if p.exclusive and (near & others) - wk:
            continue  # the words next to the number name another candidate ("cut major bleeding")
        if directions and bool(wk & directions) != ctx_dir:
            # "lower risk" needs a change in the article too ("cut", "boosts", "less likely");
            # a change ("rose by 27%") is not a level ("bleeding in the drug group")
            continue
        sc = score(lex, weights, wk)
        if bonus_of and m.kind == "fraction" and f.of is not None and m.of is not None and abs(m.of - f.of) < 1e-9:
            sc += p.denominator_bonus
        rarity = sum(weights[k] / df[k] for k in wk if k in weights)
        scored.append(((-round(sc, 6), -round(rarity, 6), i), Verdict(f, sc)))
    return [v for _, v in sorted(scored, key=lambda x: x[0])]


def what_keys(lex: Words, what: str) -> frozenset[str]:  # cached by Words: not to be changed
    return lex.text_keys(what)



def all_fraction(text: str, m: NumberMention) -> NumberMention:
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


def head_words(text: str, end: int, n: int = 4) -> list[str]:
    words = []
    for w in re.finditer(r"\s*([A-Za-z][A-Za-z'’-]*)|\s*(\S)", text[end:end + 60]):
        if w.group(2) is not None:
            break
        words.append(w.group(1).lower())
        if len(words) >= n:
            break
    return words



def head_noun_phrase(text: str, m: NumberMention) -> list[str]:
    out = []
    for w in head_words(text, m.end):
        if w in NOUN_PHRASE_ENDS:
            break
        out.append(w)
    return out



def quote_note(doc, start: int, end: int) -> str:
    q = doc.quote_at(start, end)
    if q is None:
        return ""
    who = f"in a quote from {q.speaker}" if q.speaker else "in a quote"
    return who


def make_finding(rule, ctx, si: int, m: NumberMention, f: Fact, actual: str, extra: dict | None = None) -> Finding:
    doc = ctx.doc
    sent = doc.sentences[si]
    start, end = sent.doc_start + m.start, sent.doc_start + m.end
    if f.implicit:
        evidence = f'{f.field}.what = "{f.what}"'
    else:
        evidence = f"{f.field} = {actual}" + (f" ({f.what})" if f.what and not f.field.startswith("study.") else "")
    values = dict(match=doc.text[start:end], actual=actual, what=f.what, field=f.field, evidence=evidence)
    values.update(extra or {})
    msg = rule.render(**values)
    note = quote_note(doc, start, end)
    if note:
        msg += f", {note}" if msg.endswith(")") else f" ({note})"
    # the paper's number, written in the mention's own style ("twelve of 13"): fits as-is
    return Finding(rule, start, end, msg, evidence=evidence, replacements=replacement(m, f), fix_safe=True)



def sample_agrees(m: NumberMention, n: float) -> bool:
    """A round count with no qualifier ("8,000 patients") is read as approximate."""
    if agrees(m, n) is not False:
        return True
    if m.qualifier is None and m.precision > 0 and m.value >= 1000:
        return bool(agrees(dataclasses.replace(m, qualifier="about"), n))
    return False


def c_sample_agrees(c, m: NumberMention) -> bool:
    n = c.study.sample_size
    return n is not None and agrees(m, float(n)) is True
