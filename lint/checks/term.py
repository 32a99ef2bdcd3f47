"""Check kind ``term``: words or phrases that overclaim (or hype), optionally only when
the citation's evidence is weak (``when``), judged in context (negation, hedges,
questions, quotes).  Words inside a proper name are not a claim ("a spokeswoman for
Breakthrough Breast Cancer", "Breakthrough Therapy designation").

Message placeholders: ``{match}``, ``{study}`` (the study in plain words),
``{evidence}``.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..citation import describe
from ..findings import Finding
from ..registry import check as register_check
from ._claims import PhraseParams, in_name, iter_hits, told_experiment


class Params(PhraseParams):
    # a causal claim: when the citation gives no design and the story describes an assigned
    # comparison, the paper may support more than its claim_strength says, so the finding is
    # one level less sure (as SJ301-SJ303's; the engine lowers findings resting on the story)
    told_experiment: bool = False


@register_check("term", Params)
def check(rules, ctx) -> Iterator[Finding]:
    study = describe(ctx.citation) if ctx.citation is not None else "the study"
    for hit in iter_hits(rules, ctx):
        if in_name(ctx.doc, hit.sentence, hit.start, hit.end):
            continue
        evidence, note = hit.evidence, hit.note
        if hit.rule.params.told_experiment:
            evidence, note = told_experiment(ctx, evidence, note)
        msg = hit.rule.render(match=hit.text, study=study, evidence=evidence) + note
        yield Finding(hit.rule, hit.start, hit.end, msg, evidence=evidence, severity=hit.severity,
                      replacements=hit.rule.replacements_for(hit.text))
