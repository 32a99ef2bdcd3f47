"""Design checks: the article states a design fact that the citation contradicts.

One check per fact, each with its own parameters (``rules/design.yaml``):

- ``design.phase``: a trial phase ("phase 2 clinical trial", "late-stage trial"); the
  phase a wording implies comes from data: the numerals after "phase" from
  ``rules/lexicons/numbers.yaml`` (``phase_numerals``) and the stage wordings from
  ``rules/lexicons/design.yaml`` (``phase_stages``) plus the rule's own ``stages``;
- ``design.trial``: "the trial" for an observational, animal, cell or modelling study;
- ``design.randomized``, ``design.blinded``, ``design.placebo``, ``design.controlled``:
  the citation's ``study.randomized`` / ``blinding`` / ``control``;
- ``design.large``: a "large" study below ``threshold`` participants;
- ``design.peer-reviewed``: a preprint, conference abstract or retracted paper;
- ``design.longitudinal``: following people over time, for a cross-sectional study.

``phrases`` are the wordings that state the fact.  A fact the citation does not give
keeps the rule silent.  Message placeholders: ``{match}``, ``{study}``, ``{evidence}``,
``{actual}`` (what the citation says, in words); replacements also ``{study_short}``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TypeVar

from pydantic import field_validator

from ..citation import OBSERVATIONAL, TRIALS, Citation, describe
from ..findings import Finding
from ..lexicons import lexicon
from ..registry import check as register_check
from ..rules import render
from ._claims import PhraseParams, iter_hits

# (citation, matched text, the rule's params) -> (evidence, actual) or None; each check has
# its own params model, so the comparison is generic in it
P = TypeVar("P", bound="DesignParams")
Comparison = Callable[[Citation, str, P], tuple[str, str] | None]


class DesignParams(PhraseParams):
    """The parameters every design check has: the phrases and the claim policy."""


class PhaseParams(DesignParams):
    # wordings that imply a phase, added to rules/lexicons/design.yaml `phase_stages`
    stages: dict[str, str] = {}

    @field_validator("stages", mode="before")
    @classmethod
    def _phases(cls, v):
        if not isinstance(v, dict):
            return v
        out = {}
        for k, phase in v.items():
            p = str(phase).strip()
            if p not in ("1", "2", "3", "4"):
                raise ValueError(f"stages: {k!r} must map to a phase 1, 2, 3 or 4, not {phase!r}")
            out[str(k).lower()] = p
        return out


class LargeParams(DesignParams):
    threshold: int = 100  # a sample below this is not large


# ---------------------------------------------------------------------------------
# design.phase: the phase a wording implies, from data


class PhaseWords:
    """The stage wordings (lexicon, then the rule's own) and the numerals after "phase"."""

    def __init__(self, extra: dict[str, str]):
        stages = {str(k).lower(): str(v) for k, v in lexicon("design")["phase_stages"].items()}
        stages.update(extra)
        self.stages = stages
        numerals = {str(k).lower(): str(v) for k, v in lexicon("numbers")["phase_numerals"].items()}
        self.numerals = numerals
        digits = "".join(sorted(set(numerals.values())))
        alts = "|".join(re.escape(k) for k in sorted(numerals, key=len, reverse=True))
        num = rf"(?:{alts}|[{digits}])"
        self.rx = re.compile(rf"phase\s*({num})(?:\s*(?:/|-|and)\s*({num}))?\b")

    def claimed(self, text: str) -> set[str]:
        """The phases the matched text claims ({"3", "2/3"} for "late-stage")."""
        low = text.lower()
        for k, v in self.stages.items():
            if k in low:
                return {v, "2/3"} if v == "3" else ({v, "1/2"} if v == "1" else {v, "1/2", "2/3"})
        m = self.rx.search(low)
        if not m:
            return set()
        a = self.numerals.get(m.group(1), m.group(1))
        if m.group(2):
            b = self.numerals.get(m.group(2), m.group(2))
            return {f"{a}/{b}"}
        return {a}


def claimed_phase(text: str, stages: dict[str, str] | None = None) -> set[str]:
    """The phases ``text`` claims, with the lexicon's wordings (and ``stages``)."""
    return PhaseWords(stages or {}).claimed(text)


def _phase(c: Citation, text: str, p: PhaseParams, words: PhaseWords) -> tuple[str, str] | None:
    claimed = words.claimed(text)
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


# ---------------------------------------------------------------------------------
# the other facts


def _trial(c: Citation, text: str, p: DesignParams) -> tuple[str, str] | None:
    d = c.study.design
    # case series are often reported from registered open-label trials: not flagged
    if d is None or d in TRIALS or d == "case-series":
        return None
    if d in OBSERVATIONAL or d in ("modelling", "qualitative", "animal", "in-vitro"):
        return f"study.design = {d}", describe(c)
    return None


def _bool_fact(field: str, bad, label) -> Comparison[DesignParams]:
    def cmp(c: Citation, text: str, p: DesignParams):
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


def _large(c: Citation, text: str, p: LargeParams):
    n = c.study.sample_size
    if n is None or n >= p.threshold:
        return None
    return c.evidence("study.sample_size", str(n)), f"{n} participants"


def _longitudinal(c: Citation, text: str, p: DesignParams):
    if c.study.design == "cross-sectional":
        return "study.design = cross-sectional", "a cross-sectional study, a snapshot at one point in time"
    return None


def _peer(c: Citation, text: str, p: DesignParams):
    st = c.effective_status
    if st == "retracted":
        # it was published in a journal; calling it peer-reviewed evidence ignores the retraction
        return ("status = retracted", "retracted") if "peer" in text.lower() or "vetted" in text.lower() else None
    if st == "preprint":
        evidence = "status = preprint" + (f"; journal = {c.journal}" if c.journal else "")
        return evidence, "a preprint, not yet peer reviewed"
    if st == "conference-abstract":
        return "status = conference-abstract", "a conference abstract, not a peer-reviewed paper"
    return None


def _controlled(c: Citation, text: str, p: DesignParams):
    # observational designs compare groups by design (cases vs controls, exposed vs not)
    if c.study.design in OBSERVATIONAL and c.study.design not in ("case-series", "case-report"):
        return None
    if c.study.control == "none":
        return "study.control = none", "no control group"
    return None


# ---------------------------------------------------------------------------------
# the checks


def _run(rules, ctx, compare) -> Iterator[Finding]:
    """Findings of ``compare(citation, matched text, rule)`` -> (evidence, actual) or None."""
    c = ctx.citation
    if c is None:
        return
    study = describe(c)
    short = describe(c, short=True)
    for hit in iter_hits(rules, ctx):
        res = compare(c, hit.text, hit.rule)
        if res is None:
            continue
        evidence, actual = res
        if hit.evidence:
            evidence = hit.evidence + "; " + evidence
        msg = hit.rule.render(match=hit.text, study=study, evidence=evidence, actual=actual) + hit.note
        reps = [render(r, study=study, actual=actual, study_short=short) for r in hit.rule.replacements_for(hit.text)]
        yield Finding(hit.rule, hit.start, hit.end, msg, evidence=evidence, severity=hit.severity, replacements=reps)


@register_check("design.phase", PhaseParams)
def check_phase(rules, ctx) -> Iterator[Finding]:
    """A trial phase the citation contradicts (another phase, or no phased trial)."""
    def compare(c, text, rule):
        words = ctx.compiled(("design.phase", rule.code), lambda: PhaseWords(rule.params.stages))
        return _phase(c, text, rule.params, words)
    return _run(rules, ctx, compare)


def _register(name: str, params: type[P], cmp: Comparison[P], doc: str) -> None:
    def check(rules, ctx) -> Iterator[Finding]:
        return _run(rules, ctx, lambda c, text, rule: cmp(c, text, rule.params))
    check.__doc__ = doc
    check.__name__ = check.__qualname__ = "check_" + name.split(".", 1)[1].replace("-", "_")
    register_check(name, params)(check)


_register("design.trial", DesignParams, _trial,
          "'The trial' for an observational, animal, cell or modelling study.")
_register("design.randomized", DesignParams,
          _bool_fact("study.randomized", lambda v, t: v is False, lambda v: "not randomized"),
          "Randomization the citation says the study did not have.")
_register("design.blinded", DesignParams,
          _bool_fact("study.blinding", _blind_bad, lambda v: "not blinded" if v == "none" else f"{v}-blind"),
          "Blinding the citation says the study did not have (or less of it).")
_register("design.placebo", DesignParams,
          _bool_fact("study.control", lambda v, t: v != "placebo",
                     lambda v: "no control group" if v == "none" else f"{v} control, not placebo"),
          "A placebo comparison the citation says the study did not have.")
_register("design.controlled", DesignParams, _controlled,
          "A control group the citation says the study did not have.")
_register("design.large", LargeParams, _large, "A 'large' study below `threshold` participants.")
_register("design.peer-reviewed", DesignParams, _peer,
          "'Peer-reviewed' for a preprint, conference abstract or retracted paper.")
_register("design.longitudinal", DesignParams, _longitudinal,
          "Following people over time, for a cross-sectional study.")
