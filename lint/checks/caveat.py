"""Check kind ``caveat``: a caveat the study's design requires that the article never
mentions, in any wording (quotes included).

One finding per missing caveat, document-level, placed on the claim that most needs it:
the span and ``match`` are the cue words of the strongest claim about the study (claim
strength, then position: "cuts the risk"), else an empty span (``match`` empty) at the
start of the first line of body text.
``mentions`` are phrases that count as giving the caveat; ``mention_fields`` adds the
citation's own values (e.g. ``study.subjects``: naming "mice" is the animal caveat).
``partial_mentions`` half-give it ("associated with"), except in a quote from a named
person who is not an author of the paper (a charity's spokesperson on "the risks
associated with smoking" is not the story telling its result as an association).
Message placeholders: ``{study}``, ``{study_short}`` ("case series of 13 patients"),
``{evidence}``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..analyses.claims import cue_tokens, model_candidate, model_read, names_intervention, strength
from ..analyses.people import listed_people
from ..analyses.scope import scope
from ..citation import describe
from ..conditions import evaluate, validate_when
from ..findings import Finding
from ..lexicons import words
from ..names import fold
from ..phrases import Phrases, build_matcher
from ..policy import lower
from ..registry import check as register_check
from ..species import species_phrases
from ._claims import SubjectException, frame, subject_exception


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    when: Any
    mentions: Phrases
    mention_fields: list[str] = []
    # when the article makes no claim of cause about the study (no claim strength of 2 or
    # more), the caveat matters less: keep the rule's level, lower it, or skip the finding
    without_claim: Literal["keep", "lower", "skip"] = "keep"
    # wordings that half-give the caveat ("linked to", "associated with": the result is
    # told as an association, but not that the study cannot show cause); when only these
    # appear, keep the rule's level, lower it, or skip the finding
    partial_mentions: Phrases = []
    with_partial: Literal["keep", "lower", "skip"] = "lower"
    # claims that do not count as a claim of cause, by their subject, as the causal kind's
    # ``unless_subject`` ("prognostic tools can help")
    unless_subject: list[SubjectException] = []
    subject_window: int = 6
    # with the learned model in use, a headline or lede claim it reads as direct causal at
    # least this sure (as SJ301's ``model_direct``) counts as the article's claim of cause
    model_direct: float | None = Field(default=None, gt=0.5, le=1.0)

    @field_validator("when")
    @classmethod
    def _when(cls, v: Any) -> Any:
        if not v:
            raise ValueError("a caveat rule needs `when`: the designs that require the caveat")
        return validate_when(v)


def _matcher(ctx, rules, extra: tuple):
    """One matcher for the mentions of every active caveat rule (plus the citation's own words)."""
    return ctx.compiled(("caveat", tuple(r.code for r in rules), extra),
                       lambda: build_matcher([(r.code, list(r.params.mentions) + list(more))
                                              for r, more in zip(rules, extra)]
                                             + [(r.code + "#partial", list(r.params.partial_mentions))
                                                for r in rules if r.params.partial_mentions]))


def _field_phrases(c, fields: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for f in fields:
        if f == "study.subjects":
            out.extend(species_phrases(c.study.subjects))
        known, value = c.field(f)
        for v in (value if isinstance(value, list) else [value]) if known else []:
            if isinstance(v, str) and v.strip() and len(v) < 60:
                out.append(v.strip().lower())
    return tuple(out)


def _others_words(c, quote) -> bool:
    """Is ``quote`` spoken by someone named who is not an author of the paper (an
    independent expert, a charity)?  An association wording there does not tell the
    study's result as an association; the authors' own words, or unattributed ones, do."""
    if quote is None or not quote.speaker:
        return False
    said = set(re.findall(r"[a-z'-]+", fold(f"{quote.speaker} {quote.descriptor}")))
    if not said.isdisjoint(words("names", "study_team_words")):
        return False  # "The authors, from Cambridge University, concluded:"
    authors = c.derived("author_surnames",
                        lambda: frozenset(p.surname for p in listed_people(c) if p.group == "author"))
    return said.isdisjoint(authors)


def anchor(ctx, unless_subject: tuple = (), window: int = 6,
           model_threshold: float | None = None) -> tuple[int, int, bool]:
    """(start, end, is_source_span) of the claim that most needs a caveat: the cue words
    of the strongest claim about the study (claim strength, then position; not in
    sentences about other studies, not negated, not background, not in a quote, not excepted
    by its subject); failing one, a headline or lede claim the learned model reads as direct
    causal (``model_threshold``: SJ301's ``model_direct``); else an empty span at the start
    of the first line of body text."""
    doc = ctx.doc
    sc = scope(ctx.analyses)

    def counts(sent, st) -> bool:
        if sc.other_study(sent):
            return False
        span = cue_tokens(doc, sent, st)
        if span is not None:
            framing = frame(ctx, sent, span.start, span.end)
            if framing.negated or framing.background or framing.quote is not None:
                # "had no impact on IQ scores", "the leading cause of blindness", a speaker's
                # "we can prevent them from developing a serious illness": not the article's claim
                return False
            if unless_subject and subject_exception(doc, sent, span.start, span.end, list(unless_subject), window):
                return False  # "prognostic tools can help": a tool's prospect
        return True

    def about():  # lazily: the first direct claim ends the search
        return (sent for sent in doc.sentences
                if sent.block.section == "body" and names_intervention(ctx.analyses, sent))

    best = None
    for sent in about():
        st = strength(ctx.analyses, sent)
        if st is None or st.level < 2 or (best is not None and st.level <= best[1].level):
            continue
        if counts(sent, st):
            best = (sent, st)
            if st.level == 3:
                break
    if best is None and model_threshold is not None:
        for sent in about():
            st = model_candidate(ctx.analyses, sent)
            if st is not None and counts(sent, st):
                st = model_read(ctx.analyses, sent, st, model_threshold)  # the model is asked last
                if st is not None:
                    best = (sent, st)
                    break
    if best is not None:
        sent, st = best
        return sent.doc_start + st.start, sent.doc_start + st.end, False
    s = doc.first_body_offset()
    return s, s, True


@register_check("caveat", Params)
def check(rules, ctx) -> Iterator[Finding]:
    c = ctx.citation
    if c is None:
        return
    doc = ctx.doc
    if not any(True for _ in doc.body_sentences()):
        return  # nothing written yet: nothing to caveat
    active = []
    for r in rules:
        cond = evaluate(r.params.when, c)
        if cond is not None:
            active.append((r, cond))
    if not active:
        return
    rs = [r for r, _ in active]
    extra = tuple(_field_phrases(c, r.params.mention_fields) for r in rs)
    matcher = _matcher(ctx, rs, extra)
    tokens = doc.tokens
    vocab = tokens.vocab.strings
    given = set()
    for label, s, e in matcher(tokens):
        sent = doc.sentence_at(tokens[s].idx)
        if sent is None or sent.block.section != "body":
            continue
        name = vocab[label]
        last = tokens[e - 1]
        if name.endswith("#partial") and _others_words(c, doc.quote_at(tokens[s].idx, last.idx + len(last.text))):
            continue  # "the possible risks associated with ...", said a charity: not the result told
        given.add(name)
    thresholds = [r.params.model_direct for r in rs if r.params.model_direct is not None]
    start, end, src = anchor(ctx, tuple(e for r in rs for e in r.params.unless_subject),
                             max(r.params.subject_window for r in rs), min(thresholds) if thresholds else None)
    claimed = not src  # anchored on a claim of cause, not on the first line
    study, short = describe(c), describe(c, short=True)
    for r, cond in active:
        if r.code in given:
            continue
        sev = r.severity
        if r.code + "#partial" in given and r.params.with_partial != "keep":
            if r.params.with_partial == "skip":
                continue
            sev = lower(sev)
        if not claimed and r.params.without_claim != "keep":
            if r.params.without_claim == "skip":
                continue
            sev = lower(sev)
        msg = r.render(study=study, study_short=short, evidence=cond.evidence)
        yield Finding(r, start, end, msg, evidence=cond.evidence, severity=sev, replacements=list(r.replacements),
                      source_span=src, document_level=True)
