"""Claim strength of body sentences, computed on demand (once per sentence) and shared by
the kinds that need it (causal, extrapolation, caveat)."""
from __future__ import annotations

from ..claimstrength import Strength, classify
from ..context import mentions_topic, token_stems, topic_stems
from ..document import Document, Sentence

LEVELS = {"none": 0, "correlational": 1, "conditional-causal": 2, "causal": 3}
NAMES = {v: k for k, v in LEVELS.items()}


def strength(doc: Document, sent: Sentence) -> Strength | None:
    """The sentence's claim strength (None outside the article body), computed the first
    time a kind asks: kinds ask only about sentences that pass their cheaper tests."""
    cached = doc.cache.get("strengths")
    if cached is None:
        cached = doc.cache["strengths"] = {}
    i = sent.index
    if i not in cached:
        cached[i] = classify(sent.text) if sent.block.section == "body" else None
    return cached[i]


def names_intervention(doc: Document, sent: Sentence, citation) -> bool:
    """``about_study(..., ("intervention",))``: cheap, and a precondition of most claims."""
    return about_study(doc, sent, citation, ("intervention",))


def about_study(doc: Document, sent: Sentence, citation, need: tuple[str, ...],
                near: tuple[int, int] | None = None, window: int = 12) -> bool:
    """Does the sentence name what the rule needs: the intervention (anywhere in the
    sentence) and the condition or an outcome (within ``window`` tokens of ``near``,
    a token span, when given)?"""
    if not need or citation is None:
        return True
    for what in need:
        key = f"stems:{what}"
        stems = doc.cache.get(key)
        if stems is None:
            if what == "intervention":
                stems = topic_stems(citation.study.intervention, generic=None)
            else:
                stems = topic_stems(citation.study.condition, generic="outcome")
            doc.cache[key] = stems
        if what == "intervention" and not stems:
            continue  # unknown intervention: do not require it
        if what == "condition" and near is not None:
            lo, hi = max(sent.tok_start, near[0] - window), min(sent.tok_end, near[1] + window)
            if stems.isdisjoint(token_stems(doc, lo, hi)):
                return False
        elif not mentions_topic(doc, sent, stems):
            return False
    return True
