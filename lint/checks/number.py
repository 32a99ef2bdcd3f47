"""Number checks: a number in the article that contradicts the citation, one check per
kind of number (``rules/number.yaml``):

- ``number.sample-size``: a count of participants ("13 patients", "more than 16,000
  secondary school students", "n = 46") in a sentence about the study, against
  ``study.sample_size``;
- ``number.findings``: a percent, fraction, ratio or count (``kinds``) whose context
  matches a finding's ``what``, against that finding's ``value`` / ``of`` / ``unit``;
- ``number.dates``: a year or date whose context matches an event in ``dates``;
- ``number.durations``: a duration ("followed for two years") against a finding whose
  unit is a time unit (or a time point written into a finding's ``what``: "at 8 weeks").

How a mention is tied to a citation number, and the shared parameters, are in
``lint/checks/_number.py``; mentions and the citation's numbers are the ``numbers`` and
``number_facts`` analyses (``lint/analyses/numbers.py``); reading and comparing numbers
is the language layer (``lint/numbers.py``, ``lint/agreement.py``, ``lint/units.py``).
These checks apply no context lowering: a finding has its rule's configured severity.

Message placeholders: ``{match}``, ``{actual}`` (the citation's number, in words),
``{what}`` (the finding or event), ``{field}`` (``findings[0]``), ``{evidence}``,
``{unit}`` (for sample sizes: "participants", "mice"...).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from ..agreement import agrees
from ..analyses.numbers import Fact
from ..findings import Finding
from ..numbers import NumberMention
from ..registry import check as register_check
from ..units import convert, unit_class
from ._number import (
    FAMILY,
    OUTCOME_LINKS,
    ContextParams,
    NumberParams,
    agree,
    all_fraction,
    c_sample_agrees,
    choose,
    compatible,
    compiled,
    fmt_number,
    head_noun_phrase,
    head_words,
    make_finding,
    nearby_words,
    negated,
    plausible,
    sample_agrees,
    score,
    what_keys,
)

# ---------------------------------------------------------------------------------
# parameters


class SampleSizeParams(NumberParams):
    # the noun right after the count (up to three adjectives between)
    participant_nouns: list[str] = []
    study_cues: list[str] = []  # the sentence must be about the study ...
    background_cues: list[str] = []  # ... and not about the disease in general
    other_study_cues: list[str] = []  # ... or another study
    subgroup_before: list[str] = []  # "another 12", "each of 24": one arm or sub-group
    subgroup_after: list[str] = []  # "12 in the placebo group"
    outcome_after: list[str] = []  # "10 patients improved": an outcome count, not the sample
    cue_window: tuple[int, int] = (400, 400)  # characters before / after the count searched for study cues
    stopwords: list[str] = []  # accepted for rule files written for `kind: number`; unused


class FindingsParams(ContextParams):
    kinds: list[Literal["percent", "fraction", "ratio", "count"]] = ["percent", "fraction", "ratio"]
    require_head_noun: bool = False  # counts: the noun after the number must be in `what`
    other_study_cues: list[str] = []  # sentences about other studies
    not_proportion_nouns: list[str] = []  # nouns after "one of two ..." that make it a choice
    ratio_words: list[str] = []  # a `what` with one of these takes ratios ("odds", "likely")


class DatesParams(ContextParams):
    publication_cues: list[str] = []  # the publication year is the attribution rules' business


class DurationsParams(ContextParams):
    anchor_overlap: float = 2.0  # score for "this sentence reports finding X"
    max_ratio: float = 5.0  # mention and paper further apart are other things
    other_study_cues: list[str] = []
    # phrasings of a time point ("after 8 weeks", "six months later")
    time_point_before: list[str] = []
    time_point_after: list[str] = []


def _per_sentence(rules, ctx, fn) -> Iterator[Finding]:
    """``fn(rule, compiled, ctx, sentence index, mentions, citation numbers)`` over every
    body sentence with a number, rule by rule."""
    if ctx.citation is None:
        return
    per_sentence = ctx.analyses.get("numbers")
    fx = ctx.analyses.get("number_facts")
    for rule in rules:
        comp = compiled(ctx, rule)
        for si, ms in enumerate(per_sentence):
            if ms:
                yield from fn(rule, comp, ctx, si, ms, fx)


# ---- sample size -------------------------------------------------------------------


@register_check("number.sample-size", SampleSizeParams)
def check_sample_size(rules, ctx) -> Iterator[Finding]:
    """A count of participants, in a sentence about the study, against ``study.sample_size``."""
    return _per_sentence(rules, ctx, _sample_size)


def _sample_size(rule, comp, ctx, si: int, ms: list[NumberMention], fx) -> Iterator[Finding]:
    c = ctx.citation
    n = c.study.sample_size
    if n is None or c.told("study.sample_size"):
        return  # a size only the story gives is not checked against the story
    doc = ctx.doc
    text = doc.sentences[si].text
    p, lex = comp.p, comp.words
    nouns = comp.rx("participant_nouns")
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
    cues = comp.rx("study_cues")
    if cues is None or not cues.search(text[max(0, m.start - p.cue_window[0]):m.end + p.cue_window[1]]):
        return
    for cue in ("background_cues", "other_study_cues"):
        r = comp.rx(cue)
        if r is not None and r.search(low):
            return
    words = head_words(text, m.end, 8)
    noun_at = next((i for i, w in enumerate(words[:4]) if nouns.fullmatch(w)), -1)
    after = words[noun_at + 1:]
    out = comp.rx("outcome_after")
    if out is not None and after and (out.fullmatch(after[0]) or (
            len(after) > 1 and after[0] in OUTCOME_LINKS and out.fullmatch(after[1]))):
        return  # "10 patients improved", "2,841 participants were diagnosed"
    sb = comp.rx("subgroup_before")
    before = text[max(0, m.start - 30):m.start]
    if sb is not None and re.search(sb.pattern + r"\W*(?:\w+\W+){0,1}$", before, re.IGNORECASE):
        return
    sa = comp.rx("subgroup_after")
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
            if agrees(m, f.of if f.of is not None else f.value):
                return
    if sample_agrees(m, float(n)):
        return
    subjects = c.study.subjects
    unit = "participants" if subjects in (None, "humans", "human", "people", "patients") else subjects
    if c.study.design in ("meta-analysis", "systematic-review"):
        unit = "participants"
    fact = Fact("study.sample_size", "", float(n))
    yield make_finding(rule, ctx, si, m, fact, fmt_number(n), {"unit": unit})


# ---- findings ----------------------------------------------------------------------


@register_check("number.findings", FindingsParams)
def check_findings(rules, ctx) -> Iterator[Finding]:
    """A percent, fraction, ratio or count against the finding its context names."""
    return _per_sentence(rules, ctx, _findings)


def _findings(rule, comp, ctx, si: int, ms: list[NumberMention], fx) -> Iterator[Finding]:
    doc = ctx.doc
    text = doc.sentences[si].text
    p, lex = comp.p, comp.words
    other = comp.rx("other_study_cues")
    if other is not None and other.search(text):
        return  # about another study
    for m0 in ms:
        m = all_fraction(text, m0)
        if m.kind not in p.kinds or m.vague:
            continue
        if m.kind == "fraction" and p.not_proportion_nouns and comp.rx("not_proportion_nouns").match(
                text[m.end:m.end + 40].lstrip()):
            continue  # "to one of two groups", "at one of five dose levels": a choice, not a share
        cands = [f for f in fx["findings"] if compatible(m, f, comp)]
        if not cands:
            continue
        if any(agree(m, f) and about(lex, p, ctx, si, m, f) for f in fx["implicit"] if same_kind(m, f)):
            continue  # a threshold written into a finding: "shrank by at least 30 percent"
        if any(exact(m, f) for f in cands):
            continue  # the very number of a finding of its kind
        if m.kind == "count" and any(agrees(m, f.value) or (f.of is not None and agrees(m, f.of))
                                     for f in fx["findings"] if f.date is None and unit_class(f.unit) is None):
            continue  # a count the paper gives somewhere (a numerator, a group size)
        if m.kind == "count" and c_sample_agrees(ctx.citation, m):
            continue
        if negated(lex, text, m):
            continue
        if m.kind == "count" and p.require_head_noun:
            head = {k for k in (lex.key(w) for w in head_noun_phrase(text, m)) if k}
            cands = [f for f in cands if head & (what_keys(lex, f.what) | ({lex.key(f.unit)} if f.unit else set()))]
            if not cands:
                continue
        could = plausible(lex, p, ctx, si, m, cands, FAMILY["findings"], p.min_overlap)
        if not could or any(agree(m, v.fact) is not False for v in could):
            continue  # matches nothing well enough, or agrees with a finding it could be about
        best = could[0]
        yield make_finding(rule, ctx, si, m, best.fact, best.fact.describe())




def exact(m: NumberMention, f: Fact) -> bool:
    """The article repeats the finding's own figure, unqualified ("1.6%" for 1.6 percent,
    "12 of 13" for 12 of 13): about that finding whatever the words around it."""
    if m.qualifier or m.vague or not agree(m, f):
        return False
    if m.kind == "fraction":
        den = m.of
        assert den is not None  # fraction mentions always carry one (numbers._h_fraction, _h_fracword; all_fraction)
        if f.of is not None:
            return abs(den - f.of) < 1e-9 and abs(m.value - f.value) < 1e-9
        return abs(100.0 * m.value / den - f.value) <= 0.5
    return True


def about(lex, p: Any, ctx, si: int, m: NumberMention, f: Fact) -> bool:
    """Do the words around ``m`` name anything of ``f.what``?"""
    return score(lex, nearby_words(lex, p, ctx, si, m, FAMILY["findings"]), what_keys(lex, f.what)) >= p.min_overlap


def same_kind(m: NumberMention, f: Fact) -> bool:
    """Implicit numbers (inside a `what`) compared loosely: same broad kind."""
    uc = unit_class(f.unit)
    if m.kind in ("percent", "fraction"):
        return uc == "percent" or f.of is not None
    if m.kind == "count":
        return uc is None and f.of is None
    return False


# ---- dates -------------------------------------------------------------------------


@register_check("number.dates", DatesParams)
def check_dates(rules, ctx) -> Iterator[Finding]:
    """A year or date against the dated event its context names."""
    return _per_sentence(rules, ctx, _dates)


def _dates(rule, comp, ctx, si: int, ms: list[NumberMention], fx) -> Iterator[Finding]:
    c = ctx.citation
    events = fx["dates"]
    if not events:
        return
    doc = ctx.doc
    text = doc.sentences[si].text
    p, lex = comp.p, comp.words
    pub = comp.rx("publication_cues")
    for m in ms:
        if m.kind not in ("year", "date"):
            continue
        if any(agree(m, f) for f in events):
            continue  # agrees with some dated event
        if c.published is not None and int(m.value) == c.published.year and pub is not None and pub.search(text):
            continue  # the publication year: the attribution rules' business
        if negated(lex, text, m):
            continue
        best = choose(lex, p, ctx, si, m, events, FAMILY["dates"], p.min_overlap, bonus_of=False)
        if best is None:
            continue
        yield make_finding(rule, ctx, si, m, best.fact, str(best.fact.date))



# ---- durations ---------------------------------------------------------------------


@register_check("number.durations", DurationsParams)
def check_durations(rules, ctx) -> Iterator[Finding]:
    """A duration against a finding measured in time units."""
    return _per_sentence(rules, ctx, _durations)


def _durations(rule, comp, ctx, si: int, ms: list[NumberMention], fx) -> Iterator[Finding]:
    doc = ctx.doc
    text = doc.sentences[si].text
    p, lex = comp.p, comp.words
    explicit = [f for f in fx["findings"] if f.of is None and unit_class(f.unit) == "time"]
    implicit = [f for f in fx["implicit"] if unit_class(f.unit) == "time"]
    if not explicit and not implicit:
        return
    other = comp.rx("other_study_cues")
    if other is not None and other.search(text):
        return  # about another study
    tp_before = comp.rx("time_point_before")
    tp_after = comp.rx("time_point_after")
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
        cands = [f for f in cands if plausible_duration(m, f, p.max_ratio)]
        if not cands:
            continue
        if any(agree(m, f) for f in cands):
            continue
        if any(agree(m, f) for f in implicit):
            continue  # a time point the paper names elsewhere
        if negated(lex, text, m):
            continue
        best = choose(lex, p, ctx, si, m, cands, FAMILY["durations"], p.min_overlap, bonus_of=False)
        chosen = best.fact if best is not None else None
        if chosen is None:
            chosen = anchored_duration(comp, ctx, si, ms, m, fx, explicit, implicit if time_point else [])
        if chosen is None or agree(m, chosen) is not False:
            continue
        yield make_finding(rule, ctx, si, m, chosen, chosen.describe())



def plausible_duration(m: NumberMention, f: Fact, max_ratio: float) -> bool:
    truth = convert(f.value, f.unit, m.unit)
    if truth is None or truth <= 0 or m.value <= 0:
        return False
    r = truth / m.value
    return 1 / max_ratio <= r <= max_ratio


def anchored_duration(comp, ctx, si: int, ms, m: NumberMention, fx, explicit, implicit) -> Fact | None:
    """The sentence reports a finding (another number in it matches one): its time point
    is the one the paper gives for that finding, or the paper's only duration."""
    doc = ctx.doc
    text = doc.sentences[si].text
    p, lex = comp.p, comp.words
    anchored = None
    for o in ms:
        o = all_fraction(text, o)
        if o is m or o.kind not in ("percent", "fraction", "ratio"):
            continue
        cands = [f for f in fx["findings"] if compatible(o, f, comp)]
        if not cands:
            continue
        best = choose(lex, p, ctx, si, o, cands, FAMILY["findings"], p.anchor_overlap)
        if best is not None:
            anchored = best.fact
            break
    if anchored is None:
        return None
    own = [f for f in implicit if f.field == anchored.field and plausible_duration(m, f, p.max_ratio)]
    if own:
        return own[0]
    plausible = [f for f in explicit if plausible_duration(m, f, p.max_ratio)]
    if len(explicit) == 1 and plausible:
        return plausible[0]
    return None
