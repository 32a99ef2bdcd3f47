"""Check kind ``design``: the article states a design fact (trial phase, "trial",
randomized, blinded, placebo-controlled, controlled, large, peer reviewed) that the
citation contradicts.

``fact`` picks the comparison; ``phrases`` are the wordings that state it.  A fact the
citation does not give keeps the rule silent.
Message placeholders: ``{match}``, ``{study}``, ``{evidence}``, ``{actual}`` (what the
citation says, in words).
"""
from __future__ import annotations

import re
from typing import Iterator, Literal

from ..citation import OBSERVATIONAL, TRIALS, Citation, describe
from ..registry import check as register_check
from ..findings import Finding
from ..rules import render
from ._claims import PhraseParams, iter_hits

ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "one": "1", "two": "2", "three": "3", "four": "4"}
STAGE = {"late-stage": "3", "late stage": "3", "final-stage": "3", "final stage": "3", "pivotal": "3",
         "early-stage": "1", "early stage": "1", "first-in-human": "1", "first in human": "1",
         "mid-stage": "2", "mid stage": "2"}


class Params(PhraseParams):
    fact: Literal["phase", "trial", "randomized", "blinded", "placebo", "controlled", "large", "peer-reviewed",
                  "longitudinal"]
    threshold: int = 100  # for ``large``: a sample below this is not large


def claimed_phase(text: str) -> set[str]:
    low = text.lower()
    for k, v in STAGE.items():
        if k in low:
            return {v, "2/3"} if v == "3" else ({v, "1/2"} if v == "1" else {v, "1/2", "2/3"})
    m = re.search(r"phase\s*(i{1,3}v?|iv|[1-4]|one|two|three|four)(?:\s*(?:/|-|and)\s*(i{1,3}|[1-4]))?\b", low)
    if not m:
        return set()
    a = ROMAN.get(m.group(1), m.group(1))
    if m.group(2):
        b = ROMAN.get(m.group(2), m.group(2))
        return {f"{a}/{b}"}
    return {a}


def _phase(c: Citation, text: str, p: Params) -> tuple[str, str] | None:
    claimed = claimed_phase(text)
    if not claimed:
        return None
    s = c.study
    design_known = s.design is not None
    if c.is_set("study.phase") and s.phase is None:
        return "study.phase = null" + (f"; study.design = {s.design}" if design_known else ""), "not a phased trial"
    if s.phase is None:
        if design_known and s.design not in TRIALS:
            return f"study.design = {s.design}", "not a clinical trial"
        return None
    if s.phase in claimed or any(s.phase in x.split("/") or x in s.phase.split("/") for x in claimed):
        return None
    return f"study.phase = {s.phase}", f"phase {s.phase}"


def _trial(c: Citation, text: str, p: Params) -> tuple[str, str] | None:
    d = c.study.design
    # case series are often reported from registered open-label trials: not flagged
    if d is None or d in TRIALS or d == "case-series":
        return None
    if d in OBSERVATIONAL or d in ("modelling", "qualitative", "animal", "in-vitro"):
        return f"study.design = {d}", describe(c)
    return None


def _bool_fact(field: str, bad, label):
    def cmp(c: Citation, text: str, p: Params):
        known, value = c.field(field)
        if not known or value is None:
            if field == "study.randomized" and c.study.design is not None and c.study.design != "rct":
                if c.study.design in OBSERVATIONAL or c.study.design in ("single-arm-trial", "non-randomized-trial"):
                    return f"study.design = {c.study.design}", "not randomized"
            return None
        if bad(value, text.lower()):
            return f"{field} = {value if not isinstance(value, bool) else str(value).lower()}", label(value)
        return None
    return cmp


def _blind_bad(value: str, text: str) -> bool:
    if value == "none":
        return True
    if "double" in text and value == "single":
        return True
    if "triple" in text and value in ("single", "double"):
        return True
    return False


def _large(c: Citation, text: str, p: Params):
    n = c.study.sample_size
    if n is None or n >= p.threshold:
        return None
    return f"study.sample_size = {n}", f"{n} participants"


def _longitudinal(c: Citation, text: str, p: Params):
    if c.study.design == "cross-sectional":
        return "study.design = cross-sectional", "a cross-sectional study, a snapshot at one point in time"
    return None


def _peer(c: Citation, text: str, p: Params):
    st = c.effective_status
    if st == "retracted":
        # it was published in a journal; calling it peer-reviewed evidence ignores the retraction
        return ("status = retracted", "retracted") if "peer" in text.lower() or "vetted" in text.lower() else None
    if st == "preprint":
        return "status = preprint" + (f"; journal = {c.journal}" if c.journal else ""), "a preprint, not yet peer reviewed"
    if st == "conference-abstract":
        return "status = conference-abstract", "a conference abstract, not a peer-reviewed paper"
    return None


def _controlled(c: Citation, text: str, p: Params):
    # observational designs compare groups by design (cases vs controls, exposed vs not)
    if c.study.design in OBSERVATIONAL and c.study.design not in ("case-series", "case-report"):
        return None
    if c.study.control == "none":
        return "study.control = none", "no control group"
    return None


COMPARE = {
    "phase": _phase,
    "trial": _trial,
    "randomized": _bool_fact("study.randomized", lambda v, t: v is False, lambda v: "not randomized"),
    "blinded": _bool_fact("study.blinding", _blind_bad, lambda v: "not blinded" if v == "none" else f"{v}-blind"),
    "placebo": _bool_fact("study.control", lambda v, t: v != "placebo",
                          lambda v: "no control group" if v == "none" else f"{v} control, not placebo"),
    "controlled": _controlled,
    "large": _large,
    "peer-reviewed": _peer,
    "longitudinal": _longitudinal,
}


@register_check("design", Params)
def check(rules, lc) -> Iterator[Finding]:
    c = lc.citation
    if c is None:
        return
    study = describe(c)
    short = describe(c, short=True)
    for hit in iter_hits(rules, lc):
        res = COMPARE[hit.rule.params.fact](c, hit.text, hit.rule.params)
        if res is None:
            continue
        evidence, actual = res
        if hit.evidence:
            evidence = hit.evidence + "; " + evidence
        msg = hit.rule.render(match=hit.text, study=study, evidence=evidence, actual=actual) + hit.note
        reps = [render(r, study=study, actual=actual, study_short=short) for r in hit.rule.replacements]
        yield Finding(hit.rule, hit.start, hit.end, msg, evidence=evidence, severity=hit.severity, replacements=reps)
