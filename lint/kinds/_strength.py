"""Claim strength of each body sentence, computed once per document and shared by the
kinds that need it (causal, extrapolation, caveat)."""
from __future__ import annotations

from ..claimstrength import Strength, classify
from ..context import mentions_topic, stem, topic_stems
from ..document import Document, Sentence

LEVELS = {"none": 0, "correlational": 1, "conditional-causal": 2, "causal": 3}
NAMES = {v: k for k, v in LEVELS.items()}


def strengths(doc: Document) -> list[Strength | None]:
    """Strength per sentence index (None outside the article body)."""
    cached = doc.cache.get("strengths")
    if cached is None:
        cached = [classify(s.text) if s.block.section == "body" else None for s in doc.sentences]
        doc.cache["strengths"] = cached
    return cached


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
            if not any(stem(t.lower_) in stems for t in doc.doc[lo:hi]):
                return False
        elif not mentions_topic(doc, sent, stems):
            return False
    return True
