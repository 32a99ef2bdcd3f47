"""Analyses of claims: the words of each sentence, the citation's topic words, and each
body sentence's claim strength (``lint/claimstrength.py``), computed on demand: checks
ask only about the sentences that pass their cheaper tests."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import claimmodel
from ..claimstrength import Strength, causal_word, classify, lowered, read_by_model
from ..context import token_stems, topic_stems
from ..document import Document, Sentence
from ..registry import analysis

if TYPE_CHECKING:
    from . import Analyses

LEVELS = {"none": 0, "correlational": 1, "conditional-causal": 2, "causal": 3}
NAMES = {v: k for k, v in LEVELS.items()}


class SentenceStems:
    """The word stems of each sentence, computed the first time a check asks."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._by_sentence: dict[int, frozenset[str]] = {}

    def of(self, sent: Sentence) -> frozenset[str]:
        words = self._by_sentence.get(sent.index)
        if words is None:
            words = self._by_sentence[sent.index] = frozenset(token_stems(self.doc, sent.tok_start, sent.tok_end))
        return words

    def mentions(self, sent: Sentence, stems: frozenset[str]) -> bool:
        return not stems.isdisjoint(self.of(sent))


class Strengths:
    """Claim strength per body sentence (None outside the body), computed on first ask.

    ``of``: the rules' answer (``lint.claimstrength``), with the words it stands on.
    ``confirmed``: the same, checked by the learned model when it is in use
    (``lint.claimmodel``: the ``[model]`` extra installed and ``claim-model`` not
    ``off``).  A check asks ``confirmed`` only for a claim it is about to report, so the
    model (about 5 ms a sentence) runs on a handful of sentences per article.  The model
    may only lower a correlational or conditional (1-2) reading: of the 1,471 sentences
    of the real stories the rules grade so, it lowers 412, mostly descriptions that the
    rules' comparatives and change words catch ("telomeres, which shorten as people get
    older", "to look for differences in activity", "more widespread than previously
    thought").  It never raises the rules' level in the body: on the labelled real stories
    every sentence it raised there was a false alarm the rules had rightly passed (a
    prevalence, "exerts its effects", "the possibility of one day ... fight"), and it is not
    asked about a direct-causal cue of the rules: on the development half of the InSciOut
    statements the rules were right more often than the model where the two disagreed there
    ("driven to drink by", "the causes of").
    ``model_candidate`` and ``model_read``: in the headline and the lede only, a sentence
    where the rules find no causal cue but have a causal word to point at, which the model
    reads as direct causal (for SJ301 and SJ704, at a probability the rule gives:
    ``model_direct``).
    """

    def __init__(self, doc: Document, use_model: bool = False):
        self.doc = doc
        self.use_model = use_model
        self._by_sentence: dict[int, Strength | None] = {}
        self._confirmed: dict[int, Strength | None] = {}
        self._candidate: dict[int, Strength | None] = {}
        self._direct: dict[int, float] = {}

    def of(self, sent: Sentence) -> Strength | None:
        i = sent.index
        if i not in self._by_sentence:
            self._by_sentence[i] = classify(sent.text) if sent.block.section == "body" else None
        return self._by_sentence[i]

    def confirmed(self, sent: Sentence) -> Strength | None:
        rules = self.of(sent)
        if rules is None or not self.use_model or rules.level in (0, 3):
            return rules
        i = sent.index
        if i not in self._confirmed:
            try:
                level = claimmodel.level(sent.text)
            except claimmodel.ModelUnavailable:
                self.use_model = False  # failed to load: the rules for the rest of this lint
                return rules
            self._confirmed[i] = lowered(rules, level)
        return self._confirmed[i]

    def model_candidate(self, sent: Sentence) -> Strength | None:
        """The word a direct causal claim the learned model might read would stand on, in a
        headline or lede sentence where the rules find no causal cue (level 0-1, not negated):
        the sentence's first causal word (``claimstrength.causal_word``), at level 3; None
        otherwise, or when the model is not in use.  No model call: a check asks
        ``model_read`` only for a candidate it is about to report.  Only the headline and
        the lede: there the sentence is about the study unless it says otherwise, and
        elsewhere the model's reading of background and mechanism ("exerts its effects")
        was a false alarm on the labelled real stories."""
        rules = self.of(sent)
        if rules is None or not self.use_model or rules.level >= 2 or rules.negated or not self.doc.in_lede(sent):
            return None
        i = sent.index
        if i not in self._candidate:
            self._candidate[i] = causal_word(sent.text)
        return self._candidate[i]

    def model_read(self, sent: Sentence, candidate: Strength, threshold: float) -> Strength | None:
        """``candidate`` (from ``model_candidate``) as a direct causal claim when the model
        gives that level at least ``threshold`` probability (one call a sentence, cached)."""
        i = sent.index
        if i not in self._direct:
            try:
                self._direct[i] = float(claimmodel.probabilities([sent.text])[0][3])
            except claimmodel.ModelUnavailable:
                self.use_model = False  # failed to load: the rules for the rest of this lint
                return None
        p = self._direct[i]
        return read_by_model(candidate, p) if p >= threshold else None


@analysis("sentence_stems")
def _sentence_stems(doc, citation, an) -> SentenceStems:
    """Word stems per sentence (the topic tests read them)."""
    return SentenceStems(doc)


@analysis("claim_strength")
def _claim_strength(doc, citation, an) -> Strengths:
    """Claim strength per body sentence, on the 4-level scale of Yu et al."""
    return Strengths(doc, use_model=claimmodel.in_use())


@analysis("topic_stems", needs_citation=True)
def _topic_stems(doc, citation, an) -> dict[str, frozenset[str]]:
    """Stems of the citation's intervention and condition (plus generic outcome words)."""
    study = citation.study if citation is not None else None
    return {"intervention": topic_stems(study.intervention if study else None, generic=None),
            "condition": topic_stems(study.condition if study else None, generic="outcome"),
            "condition_only": topic_stems(study.condition if study else None)}


def strength(an: Analyses, sent: Sentence) -> Strength | None:
    """The rules' claim strength of a body sentence."""
    return an.get("claim_strength").of(sent)


def confirmed_strength(an: Analyses, sent: Sentence) -> Strength | None:
    """The claim strength of a sentence about to be reported: the rules', lowered by the
    learned model when it is in use (``Strengths.confirmed``)."""
    return an.get("claim_strength").confirmed(sent)


def model_candidate(an: Analyses, sent: Sentence) -> Strength | None:
    """``Strengths.model_candidate``: the word a headline or lede claim only the learned
    model may read as direct causal would stand on (no model call)."""
    return an.get("claim_strength").model_candidate(sent)


def model_read(an: Analyses, sent: Sentence, candidate: Strength, threshold: float) -> Strength | None:
    """``Strengths.model_read``: the candidate as a direct causal claim if the model is that sure."""
    return an.get("claim_strength").model_read(sent, candidate, threshold)


def cue_tokens(doc: Document, sent: Sentence, st: Strength):
    """The tokens of a claim-strength cue (``st`` is relative to the sentence), or None."""
    return doc.tokens.char_span(sent.doc_start + st.start, sent.doc_start + st.end, alignment_mode="expand")


def names_intervention(an: Analyses, sent: Sentence) -> bool:
    """``about_study(..., ("intervention",))``: cheap, and a precondition of most claims."""
    return about_study(an, sent, ("intervention",))


def in_lede(doc: Document, sent: Sentence) -> bool:
    """Is the sentence in the headline or the lede (``Document.in_lede``)?"""
    return doc.in_lede(sent)


def about_study(an: Analyses, sent: Sentence, need: tuple[str, ...],
                near: tuple[int, int] | None = None, window: int = 12) -> bool:
    """Does the sentence name what the rule needs: the intervention (anywhere in the
    sentence) and the condition or an outcome (within ``window`` tokens of ``near``,
    a token span, when given)?"""
    if not need or an.citation is None:
        return True
    topics = an.get("topic_stems")
    for what in need:
        stems = topics[what]
        if what == "intervention" and not stems:
            continue  # unknown intervention: do not require it
        if what == "condition" and in_lede(an.doc, sent):
            continue  # the headline and the lede are about the study unless they say otherwise
        if what == "condition" and near is not None:
            lo, hi = max(sent.tok_start, near[0] - window), min(sent.tok_end, near[1] + window)
            if stems.isdisjoint(token_stems(an.doc, lo, hi)):
                return False
        elif not an.get("sentence_stems").mentions(sent, stems):
            return False
    return True
