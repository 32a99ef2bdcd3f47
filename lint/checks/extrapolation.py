"""Extrapolation checks: an animal or cell study reported as a finding about people.

``extrapolation.human-claim`` flags a sentence that makes a claim (claim strength at least
``min_level``, or one of ``claim_phrases``) about people (``human_phrases``) without
naming the animals or cells (the words for the citation's ``study.subjects`` in
``rules/lexicons/species.yaml``, plus ``species_phrases``).  ``extrapolation.species-dropped``
flags a headline or lede sentence that makes such a claim before the article has
named the species at all.  The finding spans the claim and the people it is about.
Message placeholders: ``{match}``, ``{subjects}``,
``{study}``, ``{evidence}``.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..analyses.claims import about_study, strength
from ..citation import describe
from ..conditions import When, evaluate
from ..context import analyse
from ..findings import Finding
from ..phrases import Phrases, build_matcher
from ..policy import ClaimPolicy, judge
from ..registry import check as register_check
from ..species import species_phrases


class ExtrapolationParams(ClaimPolicy):
    """What both checks read: the claim, the species named, the claim policy."""

    species_phrases: Phrases = []
    claim_phrases: Phrases = []
    min_level: int = 2
    when: When = None


class HumanClaimParams(ExtrapolationParams):
    human_phrases: Phrases = []


class SpeciesDroppedParams(ExtrapolationParams):
    pass


def _matcher(ctx, rule, subjects: str | None):
    def build():
        p = rule.params
        species = list(p.species_phrases) + list(species_phrases(subjects)) or ["~~"]
        return build_matcher([("human", getattr(p, "human_phrases", None) or ["people"]), ("species", species),
                              ("claim", p.claim_phrases or ["~~"])])

    return ctx.compiled(("extrapolation", rule.code, subjects), build)


@register_check("extrapolation.human-claim", HumanClaimParams)
def check_human_claim(rules, ctx) -> Iterator[Finding]:
    """A claim about people (patients, humans, "you") that does not name the animals or cells."""
    return _check(rules, ctx, "human-claim")


@register_check("extrapolation.species-dropped", SpeciesDroppedParams)
def check_species_dropped(rules, ctx) -> Iterator[Finding]:
    """A headline or lede claim made before the article names the species at all."""
    return _check(rules, ctx, "species-dropped")


def _check(rules, ctx, mode: str) -> Iterator[Finding]:
    c = ctx.citation
    if c is None:
        return
    doc = ctx.doc
    tokens = doc.tokens
    subjects = c.study.subjects
    for rule in rules:
        p = rule.params
        cond = evaluate(p.when, c)
        if cond is None:
            continue
        matcher = _matcher(ctx, rule, subjects)
        per_sent: dict[int, dict[str, list[tuple[int, int]]]] = {}
        vocab = tokens.vocab.strings
        for label, s, e in matcher(tokens):
            sent = doc.sentence_at(tokens[s].idx)
            if sent is None or sent.block.section != "body":
                continue
            per_sent.setdefault(sent.index, {}).setdefault(vocab[label], []).append((s, e))
        lede = _lede_block(doc)
        species_seen = False
        for sent in doc.sentences:
            if sent.block.section != "body":
                continue
            found = per_sent.get(sent.index, {})
            if found.get("species"):
                species_seen = True
                continue
            if mode == "species-dropped" and (species_seen or not (sent.is_heading or sent.block is lede)):
                continue
            if mode == "human-claim" and not found.get("human"):
                continue
            st = strength(ctx.analyses, sent)
            claim_tokens = found.get("claim")
            strong = st is not None and st.level >= p.min_level
            if not (strong or claim_tokens):
                continue
            cue = None
            if strong and st is not None:  # strong implies st is not None; the check tells mypy
                cue = tokens.char_span(sent.doc_start + st.start, sent.doc_start + st.end, alignment_mode="expand")
            if cue is not None:
                cue_span = (cue.start, cue.end)
            else:
                # not strong, so there are claim words; or a strength cue that char_span could not
                # place, which "expand" only fails for offsets outside the text (the cue is inside)
                assert claim_tokens, "claim-strength cue outside the sentence and no claim words"
                cue_span = claim_tokens[0]
            if mode == "human-claim":
                humans = found.get("human")
                if not humans or not about_study(ctx.analyses, sent, ("condition",)):
                    continue
                s, e = min(cue_span[0], humans[0][0]), max(cue_span[1], humans[0][1])
            else:
                if not (about_study(ctx.analyses, sent, ("intervention",))
                        or about_study(ctx.analyses, sent, ("condition",))):
                    continue
                s, e = cue_span
            framing = analyse(doc, sent, s, e)
            verdict = judge(p, rule.severity, framing)
            if verdict is None:
                continue
            start, end = tokens[s].idx, tokens[e - 1].idx + len(tokens[e - 1].text)
            evidence = f"study.subjects = {subjects}" if subjects else cond.evidence
            if cond.evidence and cond.evidence not in evidence:
                evidence = cond.evidence + "; " + evidence
            msg = rule.render(match=doc.text[start:end], subjects=subjects or "animals", study=describe(c),
                              evidence=evidence) + verdict[1]
            yield Finding(rule, start, end, msg, evidence=evidence, severity=verdict[0],
                          replacements=[r.replace("{subjects}", subjects or "animals") for r in rule.replacements])


def _lede_block(doc):
    """The first paragraph of body text."""
    for b in doc.blocks:
        if b.section == "body" and not b.is_heading:
            return b
    return None
