"""Study facts the story itself states, for citations that do not give them.

A PubMed citation rarely says what a study was done in; the story often does, in so many
words: "Research on birds has found that ...", "The study, conducted in mice, ...". When
the citation leaves ``study.subjects`` unset and the story says plainly, in a sentence about
this study, that the research was done in one kind of animal (and nowhere that it was done
in people), that is taken as the study's subjects, with the words and line it came from.
The engine lints with the citation so completed (``Citation.with_told``); findings that
rest on such a fact say so in their evidence and are one level less severe (the story may
be wrong about its own study, the citation is not).

The words: research nouns and verbs and the prepositions that tie them to their subjects
are in ``rules/lexicons/story_facts.yaml``; the animals are the keys and words of
``rules/lexicons/species.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..agreement import agrees
from ..lexicons import lexicon
from ..numbers import NumberMention
from ..phrases import expand
from ..registry import analysis
from ..species import HUMAN
from .scope import scope

TOLD = "told by the story"  # in a finding's evidence: it rests on a fact the story states


@dataclass(frozen=True)
class Told:
    """One study fact in the story's own words."""

    field: str  # dotted citation field, "study.subjects"
    value: object
    line: int
    words: str  # the words that state it: "Research on birds"

    def describe(self) -> str:
        return f'{TOLD}, line {self.line}: "{self.words}"'


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """(animal pattern, human pattern, word -> subjects key)."""
    lex = lexicon("story_facts")
    species = lexicon("species")
    word_key: dict[str, str] = {}
    for key, phrases in species.items():
        if key == "any":
            continue
        for p in phrases:
            for w in map(str.lower, expand(p)):
                # a word names its own key first ("mice" -> mice), else the first key listing it
                if w == key or w not in word_key:
                    word_key[w] = key
    for key in lex["not_animals"]:  # "genes in fat tissue", "cancer cells": too loose to take
        for w in [w for w, k in word_key.items() if k == key]:
            del word_key[w]
    lead = r"\b(?:" + "|".join(map(re.escape, lex["research_words"])) + r")\b"
    between = r"(?:(?:" + "|".join(map(re.escape, lex["between"])) + r")\s+)?"
    ties = r"(?:" + "|".join(map(re.escape, lex["ties"])) + r")"
    filler = r"(?:[\w'’-]+\s+){0,2}?"

    def pattern(words) -> re.Pattern:
        alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return re.compile(lead + r"\s+" + between + ties + r"\s+" + filler + r"(" + alts + r")\b", re.IGNORECASE)

    human = "|".join(map(re.escape, lex["human_evidence"]))
    humans = re.compile(r"(?:" + pattern(set(HUMAN) | set(lex["human_words"])).pattern + r")|\b(?:" + human + r")\b",
                        re.IGNORECASE)
    return pattern(word_key), humans, word_key


@lru_cache(maxsize=1)
def _not_the_study() -> re.Pattern:
    words = lexicon("story_facts")["not_this_study"]
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


@analysis("story_facts", requires=("numbers",), needs_citation=True)
def _story_facts(doc, citation, an) -> tuple[Told, ...]:
    """Study facts the citation leaves unset and the story states (``study.subjects``,
    ``study.sample_size``)."""
    if citation is None:
        return ()
    out = []
    if citation.study.subjects is None:
        out += _subjects(doc, an)
    if citation.study.sample_size is None and citation.study.design not in _POOLED:
        out += _sample_size(doc, an)
    return tuple(out)


_POOLED = ("meta-analysis", "systematic-review")  # their participants are other studies'


@lru_cache(maxsize=1)
def _assignment_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(an assigned comparison, words that put it in another or a future study)."""
    lex = lexicon("story_facts")

    def alts(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(lex[key], key=len, reverse=True))

    told = re.compile(rf"\b(?:{alts('assignment_phrases')})\b"
                      rf"|\b(?:{alts('assigned_groups')})\s+(?:[\w'’-]+\s+){{0,3}}?(?:{alts('assignment_verbs')})\b",
                      re.IGNORECASE)
    other = re.compile(rf"\b(?:{alts('not_this_experiment')})\b", re.IGNORECASE)
    return told, other


@analysis("story_experiment", needs_citation=True)
def _story_experiment(doc, citation, an) -> Told | None:
    """An assigned comparison the story describes in a sentence about this study ("volunteers
    watched either comedy clips or golf programmes", "Another group was given vouchers"),
    when the citation gives no ``study.design``: the study was an experiment, whatever its
    ``claim_strength`` says."""
    if citation is None or citation.study.design is not None:
        return None
    told, other = _assignment_patterns()
    for sent in doc.sentences:
        if sent.block.section != "body" or sent.is_heading or sent.is_question:
            continue
        m = told.search(sent.text)
        if m is None or other.search(sent.text) or scope(an).other_study(sent):
            continue
        line, _ = doc.line_col(doc.src_span(sent.doc_start, sent.doc_start)[0])
        return Told("study.assignment", "assigned comparison", line, m.group(0))
    return None


@lru_cache(maxsize=1)
def _sample_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset[str]]:
    """(words before a count that make it the study's sample, words after its noun that do,
    words after its noun that make it people harmed instead, the participant nouns)."""
    lex = lexicon("story_facts")
    before = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["sample_before"]))
                        + r")\s+(?:just|only|some|about|around)?\s*$", re.IGNORECASE)
    after = re.compile(r"^\s*(?:[\w'’-]+\s+){0,5}?(?:" + "|".join(map(re.escape, lex["sample_after"])) + r")\b",
                       re.IGNORECASE)
    harmed = re.compile(r"^\s*(?:" + "|".join(re.escape(p) for w in lex["sample_not_after"] for p in expand(w))
                        + r")\b", re.IGNORECASE)
    return before, after, harmed, frozenset(w.lower() for w in lex["participant_nouns"])


_AFTER_NOUN = 12  # characters after a count's noun still read for "not this study" ("100 patients will be")


def _participant_count(text: str, m: NumberMention, nouns: frozenset[str]) -> tuple[list[str], int] | None:
    """The words after count ``m`` and the index of its participant noun among the first
    three ("11 people", "27 normal teenagers"), or None ("two groups of participants")."""
    if m.kind != "count" or m.vague:
        return None
    words = re.findall(r"[\w'’-]+", text[m.end:m.end + 40])
    k = next((i for i, w in enumerate(words[:3]) if w.lower() in nouns), -1)
    if k < 0 or m.value < 2 or any(w.lower() == "of" or any(ch.isdigit() for ch in w) for w in words[:k]):
        return None  # "two groups of participants"; "PLoS One, involved 378 patients"
    return words, k


def _sample_size(doc, an) -> list[Told]:
    """A count of participants the story gives as the study's: "a study of 11 people",
    "Eleven volunteers took part"; one number only (two different ones: none), and none
    from a sentence that counts two groups ("54 boys and 51 girls", "60 people who were
    dependent on cocaine ... with scans of 60 people without")."""
    before, after, harmed, nouns = _sample_patterns()
    not_study = _not_the_study()
    found: list[tuple[Told, NumberMention]] = []
    for sent, mentions in zip(doc.sentences, an.get("numbers")):
        if not mentions or sent.is_heading or sent.is_question:
            continue
        text = sent.text
        counts = [(m, c) for m in mentions if (c := _participant_count(text, m, nouns)) is not None]
        if len(counts) != 1:
            continue
        m, (words, k) = counts[0]
        if m.qualifier not in (None, "about"):
            continue
        rest = text[m.end:]
        rest = rest[rest.lower().index(words[k].lower()) + len(words[k]):]
        if not (before.search(text[:m.start]) or after.search(rest)) or harmed.match(rest):
            continue  # "puts 20 children at risk": people harmed, not studied
        # "the next trial will recruit 100 patients", "30 patients will be enrolled": the
        # words up to just after the count's noun; not a later clause's ("who studied 63
        # children ..., say campaigns will only work", "29 volunteers who had one arm
        # shaved before bedbugs were placed")
        upto = len(text) - len(rest) + _AFTER_NOUN
        if not_study.search(text[:upto]) or scope(an).other_study(sent):
            continue
        line, _ = doc.line_col(doc.src_span(sent.doc_start + m.start, sent.doc_start + m.start)[0])
        found.append((Told("study.sample_size", int(m.value), line,
                           text[m.start:m.end] + " " + " ".join(words[:k + 1])), m))
    # every count must agree with one of them, allowing for rounding ("10,000 mothers" and
    # "10,037 mothers"); the most precise is taken
    for told, mention in sorted(found, key=lambda f: f[1].precision):
        if all(agrees(other, mention.value) for _, other in found):
            return [told]
    return []


def _subjects(doc, an) -> list[Told]:
    """The kind of animal the story says the research was done in (none if people too)."""
    animal, human, word_key = _patterns()
    not_study = _not_the_study()
    found: list[Told] = []
    for sent in doc.sentences:
        if sent.block.section != "body" or sent.is_heading or sent.is_question:
            continue
        text = sent.text
        if not (animal.search(text) or human.search(text)):
            continue
        if not_study.search(text) or scope(an).other_study(sent):
            continue  # "the next step is to test it in people", "earlier studies in mice"
        if human.search(text):
            return []  # the story says people were studied: not a fact to take
        for m in animal.finditer(text):
            line, _ = doc.line_col(doc.src_span(sent.doc_start, sent.doc_start)[0])
            found.append(Told("study.subjects", word_key[m.group(1).lower()], line, m.group(0)))
    keys = {t.value for t in found}
    if len(keys) > 1:
        keys.discard("animals")  # "research on animals" and "tests on mice": mice
    if len(keys) != 1:
        return []  # none, or two kinds of animal: not one fact
    return [next(t for t in found if t.value in keys)]
