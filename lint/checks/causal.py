"""Check kind ``causal``: causal language stronger than the paper's own claim.

Each body sentence gets a claim strength on the 4-level scale of Yu et al. (0 none,
1 correlational, 2 conditional causal, 3 direct causal; ``lint/claimstrength.py``).
A rule reports sentences whose strength is one of ``levels`` and exceeds the
citation's ``claim_strength`` (or what the design supports) by at least
``min_excess``, when the sentence is about the study (names the intervention and the
condition or outcome).  A claim about to be reported at level 1-2 is checked by the
learned claim-strength model when it is installed (``Strengths.confirmed``): the model
may withdraw it.  With ``model_direct``, the model may also add a direct causal claim in
the headline or lede where the rules find no causal cue but a causal word to point at
(``Strengths.model_candidate``, asked of the model last: ``Strengths.model_read``);
every other gate of the rule still applies.
Message placeholders: ``{match}``, ``{claimed}``, ``{paper}``,
``{study}``, ``{evidence}``.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from ..analyses.claims import (
    LEVELS,
    NAMES,
    about_study,
    confirmed_strength,
    cue_tokens,
    model_candidate,
    model_read,
    names_intervention,
    strength,
)
from ..citation import describe
from ..conditions import When, evaluate
from ..findings import Finding, join_evidence
from ..policy import ClaimPolicy, judge
from ..registry import check as register_check
from ._claims import SubjectException, frame, subject_exception, told_experiment


class Params(ClaimPolicy):
    levels: list[Literal[1, 2, 3]]
    min_excess: int = 1
    about: list[Literal["intervention", "condition"]] = ["intervention", "condition"]
    when: When = None
    hedged: Literal["keep", "lower", "skip"] = "keep"  # the strength already counts hedges
    # the causal words act on a belief, not on health: "increases our confidence"
    unless_object: list[str] = []
    # the claim's subject says it is not the exposure's effect (looked for up to
    # ``subject_window`` words before the claim, within its clause): a plain word list is a
    # tool ("a quick and cheap test could save the lives of babies"); an entry with
    # ``claim`` also needs a claim word ("genes found to increase the risk")
    unless_subject: list[str | SubjectException] = []
    subject_window: int = 6
    # with the learned model in use (the ``model`` extra), a headline or lede sentence where
    # the rules find no causal cue counts as direct causal when the model gives that level at
    # least this probability; the finding points at the sentence's causal word
    # (``Strengths.model_candidate``, ``model_read``).  None: the rules alone decide what is a claim
    model_direct: float | None = Field(default=None, gt=0.5, le=1.0)


@register_check("causal", Params)
def check(rules, ctx) -> Iterator[Finding]:
    c = ctx.citation
    if c is None or c.effective_claim_strength is None:
        return
    paper = LEVELS[c.effective_claim_strength]
    doc = ctx.doc
    tokens = doc.tokens
    study = describe(c)
    known_from = "claim_strength" if c.claim_strength else f"study.design = {c.study.design}"
    for rule in rules:
        p = rule.params
        cond = evaluate(p.when, c)
        if cond is None:
            continue
        for sent in doc.sentences:
            if sent.block.section != "body":
                continue
            if "intervention" in p.about and not names_intervention(ctx.analyses, sent):
                continue  # about_study below would say no; skip classifying the sentence
            st = strength(ctx.analyses, sent)
            if st is None:
                continue
            by_model = False
            if st.level not in p.levels or st.level - paper < p.min_excess:
                if p.model_direct is None or 3 not in p.levels or 3 - paper < p.min_excess:
                    continue
                st = model_candidate(ctx.analyses, sent)  # the model is asked last, below
                if st is None:
                    continue
                by_model = True
            start, end = sent.doc_start + st.start, sent.doc_start + st.end
            span = cue_tokens(doc, sent, st)
            if span is None:
                continue
            if p.unless_object and any(t.lower_ in p.unless_object for t in tokens[span.end : span.end + 2]):
                continue
            if p.unless_subject and subject_exception(doc, sent, span.start, span.end,
                                                      p.unless_subject, p.subject_window):
                continue
            if not about_study(ctx.analyses, sent, tuple(p.about), near=(span.start, span.end)):
                continue
            framing = frame(ctx, sent, span.start, span.end)
            verdict = judge(p, rule.severity, framing)
            if verdict is None:
                continue
            if by_model:
                st = model_read(ctx.analyses, sent, st, p.model_direct)
                if st is None:
                    continue  # the learned model is not sure enough of a direct causal claim
            elif confirmed_strength(ctx.analyses, sent) != st:
                continue  # the learned model reads the sentence as a weaker claim
            evidence = (f"claim_strength = {c.claim_strength}" if c.claim_strength
                        else f"{known_from} (supports at most {c.effective_claim_strength})")
            evidence = join_evidence(cond.evidence, evidence)
            note = verdict[1]
            if st.model_probability:
                read = f"claim-strength model: direct causal, p = {st.model_probability:.2f}"
                evidence = join_evidence(evidence, read)
                note += (" (the learned claim-strength model reads the sentence as a direct causal claim;"
                         " the rules find no causal wording)")
            # the citation gives no design and the story describes an assigned comparison: the
            # paper may support more than its claim_strength says, so the claim is one level
            # less sure (the engine lowers findings whose evidence rests on what the story tells)
            evidence, note = told_experiment(ctx, evidence, note)
            msg = rule.render(match=doc.text[start:end], claimed=NAMES[st.level].replace("-", " "),
                              paper=NAMES[paper].replace("-", " "), study=study, evidence=evidence) + note
            yield Finding(rule, start, end, msg, evidence=evidence, severity=verdict[0],
                          replacements=rule.replacements_for(doc.text[start:end]))
