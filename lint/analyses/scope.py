"""Is a sentence about this study?  Claims count only in sentences about the study the
citation describes.  Per sentence (computed when a check asks):

- ``other_study``: the sentence is about an earlier or other study ("previous studies",
  "a study published in 2009" when the paper is from 2011, "published a year ago");
- ``background``: it states background, not a result: knowledge from before the study
  ("scientists have known for some time that"), a general present-tense fact that names
  neither the study nor its intervention ("It causes progressive muscle weakness"), or a
  relative clause on some other noun ("the barrier that protects the brain");
- ``names_subjects``: it names the study's own animals or cells ("it really works in the
  mice"): a claim already scoped to them.

The cue words are data: ``rules/lexicons/scope.yaml`` (wordings in the cue language of
``lint/cues.py``) and ``rules/lexicons/species.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..affiliations import parse_affiliations
from ..context import stem, title_stems, token_stems
from ..cues import YEAR_ANY, CueMatcher
from ..document import Document, Sentence
from ..lexicons import lexicon, words
from ..names import fold
from ..phrases import build_matcher
from ..registry import analysis
from ..species import species_phrases

if TYPE_CHECKING:
    from . import Analyses


_SUBJECT_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"))
_NOT_SUBJECTS = frozenset(("either", "both", "not", "also", "only", "then", "still", "now", "often", "all", "never",
                           "may", "might", "could", "can", "will", "would", "is", "are", "was", "were"))


@dataclass(frozen=True)
class _Lexicon:
    other_study: CueMatcher
    other_studies_counted: CueMatcher
    study_year: CueMatcher
    known: CueMatcher
    definitions: CueMatcher
    established: CueMatcher
    definition_study_words: frozenset[str]
    study_words: frozenset[str]
    relative_pronouns: frozenset[str]
    background_modals: frozenset[str]
    pronouns: frozenset[str]
    relative_with_subject: frozenset[str]
    subject_verb_between: frozenset[str]
    reduced_relative_heads: frozenset[str]
    reduced_relative_not_after: frozenset[str]
    discovery_verbs: frozenset[str]
    reduced_relative_between: frozenset[str]
    ranked_cause_words: frozenset[str]
    ranked_cause_qualifiers: frozenset[str]
    ranked_cause_outcomes: frozenset[str]
    back_reference_openers: frozenset[str]
    back_reference_nouns: frozenset[str]
    factbox_not: frozenset[str]
    contrast_words: frozenset[str]
    concessive_openers: frozenset[str]


@lru_cache(maxsize=1)
def _nationalities() -> tuple[dict[str, frozenset[str]], re.Pattern | None]:
    """Nationality adjective -> the country names it stands for, and a pattern for "the US
    research", "an American-led team" (lexicon ``scope``: ``nationalities``, ``nationality_nouns``)."""
    data = lexicon("scope")
    table = {fold(k): frozenset(fold(c) for c in v) for k, v in (data.get("nationalities") or {}).items()}
    nouns = [re.escape(n) for n in data.get("nationality_nouns") or []]
    if not table or not nouns:
        return table, None
    adj = "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
    rx = re.compile(rf"\b(?:the|a|an|this|that|one|another)\s+({adj})(?:-led)?\s+(?:{'|'.join(nouns)})\b", re.I)
    return table, rx


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = lexicon("scope")

    def low(key: str) -> frozenset[str]:
        return words("scope", key)

    return _Lexicon(CueMatcher(data["other_study"]), CueMatcher(data["other_studies_counted"]),
                    CueMatcher(data["study_year"]), CueMatcher(data["known"]),
                    CueMatcher(data["definitions"]), CueMatcher(data["established"]),
                    low("definition_study_words"), low("study_words"),
                    low("relative_pronouns"),
                    low("background_modals"), low("pronouns"), low("relative_with_subject"),
                    low("subject_verb_between"),
                    low("reduced_relative_heads"), low("reduced_relative_not_after"),
                    low("discovery_verbs"), low("reduced_relative_between"), low("ranked_cause_words"),
                    low("ranked_cause_qualifiers"), low("ranked_cause_outcomes"),
                    low("back_reference_openers"), low("back_reference_nouns"), low("factbox_not"),
                    low("contrast_words"), low("concessive_openers"))


_FACTBOX_RE = re.compile(r"^([A-Z][a-z]+):\s+\S")


def _match(m: CueMatcher, text: str) -> re.Match | None:
    return m.rx.search(text) if m.rx is not None else None


def _search(m: CueMatcher, text: str) -> str:
    hit = _match(m, text)
    return hit.group(0) if hit else ""


class Scope:
    """What each sentence is about, computed on first ask."""

    def __init__(self, doc: Document, citation, an: Analyses):
        self.doc = doc
        self.citation = citation
        self.an = an
        self._other: dict[int, str] = {}
        self._own: dict[int, str] = {}  # _find_other per sentence
        self._subjects: dict[int, bool] | None = None
        pub = getattr(citation, "published", None) if citation is not None else None
        self.years = {pub.year, pub.year - 1} if pub is not None else set()

    # -- other studies ---------------------------------------------------------------
    def other_study(self, sent: Sentence) -> str:
        """The words saying the sentence is about another study ("" when none)."""
        i = sent.index
        if i not in self._other:
            self._other[i] = self._own_other(sent) or self._named_next(sent)
        return self._other[i]

    def _own_other(self, sent: Sentence) -> str:
        """``_find_other`` of one sentence, once (the sentence before asks it too)."""
        i = sent.index
        if i not in self._own:
            self._own[i] = self._find_other(sent)
        return self._own[i]

    def _named_next(self, sent: Sentence) -> str:
        """A report of research whose next sentence names it as another study: "Scientists
        have shown for the first time how genes affect amyloid." followed by "The US research
        conducted on yeast, published in the Science journal, ..." (the next sentence opens
        with "The/This/Their ... research|study|work|findings" and is about another study)."""
        sents = self.doc.sentences
        i = sent.index
        if i + 1 >= len(sents) or sent.is_heading:
            return ""
        nxt = sents[i + 1]
        if nxt.is_heading or nxt.block.section != "body":
            return ""
        tokens = self.doc.tokens
        lex = _lexicon()
        if not any(t.lower_ in lex.study_words for t in tokens[sent.tok_start:sent.tok_end]):
            return ""
        opening = [t.lower_ for t in tokens[nxt.tok_start:min(nxt.tok_end, nxt.tok_start + 4)]]
        if not opening or opening[0] not in lex.back_reference_openers \
                or not any(w in lex.back_reference_nouns for w in opening[1:]):
            return ""
        cue = self._own_other(nxt)
        return f"{cue} (the next sentence)" if cue else ""

    def _find_other(self, sent: Sentence) -> str:
        lex = _lexicon()
        text = sent.text
        cue = _search(lex.other_study, text)
        if not cue and not self.pools_studies:
            cue = _search(lex.other_studies_counted, text)
        if cue:
            return cue
        if self.years and lex.study_year.rx is not None:
            for m in lex.study_year.rx.finditer(text):
                years = {int(y) for y in YEAR_ANY.findall(m.group(0))}
                if years and not years & self.years:
                    return m.group(0)
        table, rx = _nationalities()
        if rx is not None and self.countries:
            for m in rx.finditer(text):
                if not table.get(fold(m.group(1)), frozenset()) & self.countries:
                    return m.group(0)  # "The US research" in a story about a British study
        return ""

    @property
    def pools_studies(self) -> bool:
        """Is the paper a meta-analysis or systematic review, whose "numerous studies" are its own?"""
        c = self.citation
        return c is not None and c.study.design in ("meta-analysis", "systematic-review")

    @property
    def countries(self) -> frozenset[str]:
        """The countries the citation's affiliations name (folded; empty when none do), derived
        once per citation."""
        c = self.citation
        if c is None:
            return frozenset()

        def build() -> frozenset[str]:
            strings = [a for au in c.authors for a in au.affiliations]
            return frozenset(fold(u.name) for aff in parse_affiliations(strings) for u in aff.places
                             if u.kind == "country")

        return c.derived("affiliation_countries", build)

    # -- background --------------------------------------------------------------------
    def _ranked_cause(self, sent: Sentence, s: int) -> bool:
        """"one of the major causes of", "the leading cause of", "a major cause of death": a
        cause ranked among others (``ranked_cause_words``), or a major one of a population's
        deaths or illness (``ranked_cause_outcomes``); not the object of a discovery verb."""
        lex = _lexicon()
        tokens = self.doc.tokens
        before = [t.lower_ for t in tokens[max(sent.tok_start, s - 5):s]]
        after = [t.lower_ for t in tokens[s + 1:min(sent.tok_end, s + 4)]]
        ranked = any(w in lex.ranked_cause_words for w in before[-3:]) or "one of the" in " ".join(before) \
            or (any(w in lex.ranked_cause_qualifiers for w in before[-2:])
                and any(w in lex.ranked_cause_outcomes for w in after))
        # "researchers have identified the leading cause of": the discovery is the claim
        found = any(t.lower_ in lex.discovery_verbs for t in tokens[max(sent.tok_start, s - 6):s])
        return ranked and not found

    def set_against_other(self, sent: Sentence, cue: str, s: int) -> bool:
        """Is the claim at token ``s`` set against the other study the sentence names with
        ``cue`` ("While a growing body of evidence has linked tree nuts to ..., | this is the
        first study to look at"), and so about this one?"""
        at = sent.text.lower().find(cue.lower())
        return at >= 0 and sent.doc_start + at + len(cue) <= self.doc.tokens[s].idx \
            and self._contrasted(sent, at + len(cue), s)

    def _contrasted(self, sent: Sentence, end: int, s: int) -> bool:
        """Is the claim at token ``s`` set against what was known, which ends at character
        ``end`` of the sentence: "While it has long been believed that the disease will get
        worse, | we have shown that we can reverse it", "It was thought ..., but | ..."."""
        lex = _lexicon()
        tokens = self.doc.tokens
        at = sent.doc_start + end
        between = [t for t in tokens[sent.tok_start:s] if t.idx >= at]
        if any(t.lower_ in lex.contrast_words for t in between):
            return True
        opener = next((t.lower_ for t in tokens[sent.tok_start:s] if t.text.isalpha()), "")  # past quote marks
        return opener in lex.concessive_openers and any(t.text == "," for t in between)

    def background(self, sent: Sentence, s: int, e: int) -> str:
        """Why the claim at tokens ``s:e`` is background, not the study's result ("" if it is not)."""
        if sent.is_heading:
            return ""
        lex = _lexicon()
        tokens = self.doc.tokens
        hit = _match(lex.known, sent.text)
        if hit and not self._contrasted(sent, hit.end(), s):
            return hit.group(0)
        # a fact box's entry after the story ("Cholesterol: Essential for healthy cells, but
        # ...", "Genetics: While lifestyle factors can help ..."), not the story's claim
        entry = _FACTBOX_RE.match(sent.text)
        if entry and entry.group(1).lower() not in lex.factbox_not and not self.doc.in_lede(sent):
            return entry.group(0).strip()
        # a definition of the condition ("TB is caused by a bacterial infection which is
        # normally asymptomatic"), in a sentence with no word of the study
        # ... or established knowledge outside the lede ("it has been shown to increase"; the
        # words of the phrase itself do not count)
        hit = _match(lex.definitions, sent.text)
        # ... for a claim in or after the definition, not one before it ("The breakthrough is
        # good news for ... people who have this type of diabetes, which is caused by ...")
        if hit is not None and sent.doc_start + hit.start() > self.doc.tokens[s].idx:
            hit = None
        definition = hit.group(0) if hit is not None else ""
        if not definition and not self.doc.in_lede(sent):
            definition = _search(lex.established, sent.text)
        own = frozenset(definition.lower().split())
        if definition and not any(t.lower_ in lex.definition_study_words and t.lower_ not in own
                                  for t in tokens[sent.tok_start:sent.tok_end]):
            return definition
        # a ranked cause is a fact about the condition: "one of the major causes of infant
        # death", "the leading cause of blindness"
        if tokens[s].lower_ in ("cause", "causes") and s + 1 < sent.tok_end and tokens[s + 1].lower_ == "of" \
                and self._ranked_cause(sent, s):
            return f"{tokens[s - 1].text} {tokens[s].text}"
        intervention = self._intervention()
        # a relative clause on some other noun: "the barrier that protects the brain", "the
        # reward system - where cocaine exerts its actions"
        # (over auxiliaries and adverbs: "the condition, which is also | responsible for",
        # "anything that can | help", "where the temperature is carefully | controlled by")
        v = s
        while v - 1 > sent.tok_start and (tokens[v - 1].lower_ in lex.subject_verb_between or (
                tokens[v - 1].lower_.endswith("ly") and len(tokens[v - 1]) > 4)):
            v -= 1
        for j in dict.fromkeys((s - 1, v - 1)):  # the pronoun next to the claim, or before the auxiliaries
            if j - 1 >= sent.tok_start and tokens[j].lower_ in lex.relative_pronouns \
                    and (j == s - 1 or tokens[j].lower_ != "who"):  # "clubs who have helped": what they did
                n = j - 1
                while n > sent.tok_start and (tokens[n].text == "," or self.doc.is_dash(n)):
                    n -= 1
                noun = tokens[n]
                # "those that result in death" are things, not the study's people ("those who")
                things = noun.lower_ in ("those", "these") and tokens[j].lower_ in ("that", "which")
                # after a comma (", which boost growth of brain cells") the clause may be on the
                # whole finding before it ("found men developed it at a lower BMI than women,
                # which helps explain why", "..., which influences ..., according to new
                # research"): background only when the sentence tells no finding or study
                sentential = n != j - 1 and j == s - 1 and any(
                    t.lower_ in lex.discovery_verbs or t.lower_ in lex.study_words
                    for t in tokens[sent.tok_start : sent.tok_end])
                if not sentential and (things or self._other_noun(noun)):
                    return f"{noun.text} {tokens[j].text}"
        # a reduced relative: "the part of the brain | responsible for", "regions | involved in",
        # "areas of the bone | affected by the cancer" (a participle and its agent)
        # (over "known to be", "thought to be" after a comma: "the insula, known to be | involved in")
        participle = tokens[s].lower_.endswith(("ed", "en")) and s + 1 < sent.tok_end and tokens[s + 1].lower_ == "by"
        r = s
        if s - 3 > sent.tok_start and tokens[s - 1].lower_ == "be" and tokens[s - 2].lower_ == "to" \
                and tokens[s - 3].lower_ in lex.reduced_relative_between and tokens[s - 4].text == ",":
            r = s - 4
        if (tokens[s].lower_ in lex.reduced_relative_heads or participle) and r - 1 >= sent.tok_start \
                and self._other_noun(tokens[r - 1]) and tokens[r - 1].lower_ not in lex.reduced_relative_not_after \
                and not tokens[r - 1].lower_.endswith("ly") \
                and not any(t.lower_ in lex.discovery_verbs for t in tokens[sent.tok_start : sent.tok_end]):
            return f"{tokens[r - 1].text} {tokens[s].text}"
        # the relative clause's own subject: one word, or a determiner and a word ("cocaine",
        # "the drug"); not "which either improves", "which offers total protection"
        k = v - 2
        if k - 1 > sent.tok_start and tokens[k].lower_ in _SUBJECT_DETERMINERS:
            k -= 1
        subject = tokens[v - 1] if v - 1 > sent.tok_start else None
        if subject is not None and subject.text.isalpha() and not subject.lower_.endswith("ly") \
                and subject.lower_ not in _NOT_SUBJECTS and k > sent.tok_start \
                and tokens[k].lower_ in lex.relative_with_subject:
            n = k - 1
            while n > sent.tok_start and (tokens[n].text == "," or self.doc.is_dash(n)):
                n -= 1
            if self._other_noun(tokens[n]):
                return f"{tokens[n].text} ... {tokens[k].text}"
        # a general present-tense fact naming neither the study nor its intervention (never in
        # the headline or the lede: that is where a story states its own claim); without an
        # intervention, the paper title's words of topic stand for it
        if not intervention:
            intervention = self._title_words()
        if not intervention or self.doc.in_lede(sent):
            return ""
        if self._about_study(sent, intervention):
            return ""
        # "It causes ...": a pronoun refers back; background only when the sentence before is too
        head = tokens[sent.tok_start]
        if head.lower_ in lex.pronouns or (not head.text.isalpha() and sent.tok_start + 1 < s
                                             and tokens[sent.tok_start + 1].lower_ in lex.pronouns):
            prev = self.doc.sentences[sent.index - 1] if sent.index > 0 else None
            if prev is None or prev.block.section != "body" or prev.is_heading \
                    or self._about_study(prev, intervention):
                return ""
        first = tokens[s]
        w = first.lower_
        present = (w.endswith("s") and not w.endswith(("ss", "us", "is")) and first.text.isalpha()) \
            or w in lex.background_modals
        if present and s > sent.tok_start:
            return f"{sent.text[: first.idx - sent.doc_start].strip()} {first.text}".strip()
        return ""

    def _other_noun(self, noun) -> bool:
        """Could a relative clause on this word be background: a word, not a study word, the
        intervention or the study's subjects?"""
        word = noun.text.replace("-", "")
        return word.isalnum() and not word.isdigit() and noun.lower_ not in _lexicon().study_words \
            and stem(noun.lower_) not in self._intervention() and not self._names_subject_word(noun.lower_)

    def _about_study(self, sent: Sentence, intervention: frozenset[str]) -> bool:
        """Does the sentence name the intervention, the study's subjects or a study word?"""
        lex = _lexicon()
        if not intervention.isdisjoint(token_stems(self.doc, sent.tok_start, sent.tok_end)):
            return True
        if self.names_subjects(sent):
            return True
        return any(t.lower_ in lex.study_words for t in self.doc.tokens[sent.tok_start: sent.tok_end])

    def _title_words(self) -> frozenset[str]:
        return title_stems(self.citation.title) if self.citation is not None else frozenset()

    def _intervention(self) -> frozenset[str]:
        topics = self.an.get("topic_stems") if self.citation is not None else None
        return topics["intervention"] if topics else frozenset()

    # -- the study's own subjects ------------------------------------------------------------
    def names_subjects(self, sent: Sentence) -> bool:
        """Does the sentence name the study's (non-human) subjects?"""
        if self._subjects is None:
            self._subjects = {}
            subjects = self.citation.study.subjects if self.citation is not None else None
            phrases = species_phrases(subjects)
            if phrases:
                tokens = self.doc.tokens
                for _label, a, _b in _subjects_matcher(phrases)(tokens):
                    hit = self.doc.sentence_at(tokens[a].idx)
                    if hit is not None:
                        self._subjects[hit.index] = True
        return self._subjects.get(sent.index, False)

    def _names_subject_word(self, word: str) -> bool:
        subjects = self.citation.study.subjects if self.citation is not None else None
        return bool(subjects) and word in species_phrases(subjects)


@lru_cache(maxsize=64)
def _subjects_matcher(phrases: tuple[str, ...]):
    return build_matcher([("subjects", list(phrases))])


@analysis("scope")
def _scope(doc, citation, an) -> Scope:
    """Per sentence: about another study, background, or naming the study's own subjects."""
    return Scope(doc, citation, an)


def scope(an: Analyses) -> Scope:
    return an.get("scope")
