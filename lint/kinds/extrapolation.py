"""Check kind ``extrapolation``: an animal or cell study reported as a finding about
people.

``mode: human-claim`` flags a sentence that makes a claim (claim strength at least
``min_level``, or one of ``claim_phrases``) about people (``human_phrases``) without
naming the animals or cells (``species_phrases`` plus the citation's
``study.subjects``).  ``mode: species-dropped`` flags a headline that makes such a claim
and names no species at all.  Message placeholders: ``{match}``, ``{subjects}``,
``{study}``, ``{evidence}``.
"""
from __future__ import annotations

from typing import Any, Iterator, Literal

from pydantic import field_validator

from ..citation import describe
from ..conditions import evaluate, validate_when
from ..context import analyse
from ..findings import Finding
from ..phrases import build_matcher, validate_phrases
from ..policy import ClaimPolicy, judge
from ._strength import about_study, strengths


class Params(ClaimPolicy):
    mode: Literal["human-claim", "species-dropped"]
    human_phrases: list[str] = []
    species_phrases: list[str]
    claim_phrases: list[str] = []
    min_level: int = 2
    when: Any = None

    @field_validator("human_phrases", "species_phrases", "claim_phrases")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return validate_phrases(v)

    @field_validator("when")
    @classmethod
    def _when(cls, v: Any) -> Any:
        return validate_when(v)


_MATCHERS: dict[tuple, Any] = {}


def _matcher(rule, subjects: str | None):
    key = (id(rule), subjects)
    m = _MATCHERS.get(key)
    if m is None:
        p = rule.params
        species = list(p.species_phrases) + ([subjects] if subjects else [])
        m = _MATCHERS[key] = build_matcher(
            [("human", p.human_phrases or ["people"]), ("species", species), ("claim", p.claim_phrases or ["~~"])]
        )
    return m


def check(rules, lc) -> Iterator[Finding]:
    c = lc.citation
    if c is None:
        return
    doc = lc.doc
    sdoc = doc.doc
    strs = strengths(doc)
    subjects = c.study.subjects
    for rule in rules:
        p = rule.params
        cond = evaluate(p.when, c)
        if cond is None:
            continue
        matcher = _matcher(rule, subjects)
        per_sent: dict[int, dict[str, list[tuple[int, int]]]] = {}
        vocab = sdoc.vocab.strings
        for label, s, e in matcher(sdoc):
            sent = doc.sentence_at(sdoc[s].idx)
            if sent is None or sent.block.section != "body":
                continue
            per_sent.setdefault(sent.index, {}).setdefault(vocab[label], []).append((s, e))
        for sent in doc.sentences:
            if sent.block.section != "body" or (p.mode == "species-dropped" and not sent.is_heading):
                continue
            found = per_sent.get(sent.index, {})
            if found.get("species"):
                continue
            st = strs[sent.index]
            claim_tokens = found.get("claim")
            strong = st is not None and st.level >= p.min_level
            if not (strong or claim_tokens):
                continue
            if p.mode == "human-claim":
                humans = found.get("human")
                if not humans or not about_study(doc, sent, c, ("condition",)):
                    continue
                s, e = humans[0]
            else:
                if claim_tokens:
                    s, e = claim_tokens[0]
                else:
                    span = sdoc.char_span(sent.doc_start + st.start, sent.doc_start + st.end, alignment_mode="expand")
                    if span is None:
                        continue
                    s, e = span.start, span.end
                if not about_study(doc, sent, c, ("intervention",)):
                    continue
            ctx = analyse(doc, sent, s, e)
            verdict = judge(p, rule.severity, ctx)
            if verdict is None:
                continue
            start, end = sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text)
            evidence = f"study.subjects = {subjects}" if subjects else cond.evidence
            if cond.evidence and cond.evidence not in evidence:
                evidence = cond.evidence + "; " + evidence
            msg = rule.render(match=doc.text[start:end], subjects=subjects or "animals", study=describe(c),
                              evidence=evidence) + verdict[1]
            yield Finding(rule, start, end, msg, evidence=evidence, severity=verdict[0],
                          replacements=[r.replace("{subjects}", subjects or "animals") for r in rule.replacements])
