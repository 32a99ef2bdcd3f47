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
from ._claims import PhraseParams, in_name, iter_hits


class Params(PhraseParams):
    pass


@register_check("term", Params)
def check(rules, ctx) -> Iterator[Finding]:
    study = describe(ctx.citation) if ctx.citation is not None else "the study"
    for hit in iter_hits(rules, ctx):
        if in_name(ctx.doc, hit.sentence, hit.start, hit.end):
            continue
        msg = hit.rule.render(match=hit.text, study=study, evidence=hit.evidence) + hit.note
        yield Finding(hit.rule, hit.start, hit.end, msg, evidence=hit.evidence, severity=hit.severity,
                      replacements=hit.rule.replacements_for(hit.text))
