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
from ._claims import PhraseParams, iter_hits


class Params(PhraseParams):
    pass


def _titled(text: str) -> bool:
    """Capitalised, not all capitals (lexical attributes of the blank pipeline are not set)."""
    return text[:1].isupper() and not text.isupper() and text[:1].isalpha()


def in_name(doc, sent, start: int, end: int) -> bool:
    """Are the words at doc chars ``start:end`` part of a proper name ("Dr Jane Doe of
    Breakthrough Breast Cancer", "Breakthrough Therapy designation"): capitalised in the
    middle of a sentence in sentence case, next to another capitalised word?"""
    if sent.is_heading:
        return False
    tokens = doc.tokens
    span = tokens.char_span(start, end, alignment_mode="expand")
    if span is None or not _titled(span[0].text) or span.start <= sent.tok_start:
        return False
    prev = tokens[span.start - 1]
    if not prev.text.isalnum():  # after a quote mark, a colon or a dash: a sentence may start
        return False
    words = [t.text for t in tokens[sent.tok_start:sent.tok_end] if t.text.isalpha() and len(t.text) > 3]
    if words and sum(_titled(w) for w in words) > 0.75 * len(words):  # a headline in title case
        return False
    nxt = tokens[span.end] if span.end < sent.tok_end else None
    before_titled = span.start - 1 > sent.tok_start and _titled(prev.text)
    return (nxt is not None and _titled(nxt.text)) or before_titled


@register_check("term", Params)
def check(rules, ctx) -> Iterator[Finding]:
    study = describe(ctx.citation) if ctx.citation is not None else "the study"
    for hit in iter_hits(rules, ctx):
        if in_name(ctx.doc, hit.sentence, hit.start, hit.end):
            continue
        msg = hit.rule.render(match=hit.text, study=study, evidence=hit.evidence) + hit.note
        yield Finding(hit.rule, hit.start, hit.end, msg, evidence=hit.evidence, severity=hit.severity,
                      replacements=hit.rule.replacements_for(hit.text))
