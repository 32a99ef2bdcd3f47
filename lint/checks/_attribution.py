"""Shared by the attribution checks (``lint/checks/attribution.py``): parameter pieces,
compiled wordings from the rule set's store, the severity of a finding in a quote, and
how a role wording or an institution is bound to a person in a sentence."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ..analyses.people import SPEECH, SPEECH_RE, CitedPeople, Listed, PersonMention, PersonMentions
from ..citation import Citation, Person
from ..cues import CueMatcher, Cues
from ..document import Sentence
from ..institutions import bare_university, institution_matches
from ..journals import names_journal
from ..names import fold, titles_regex
from ..policy import lower

QUOTE_CHARS = "\"“”"


# ---------------------------------------------------------------------------------
# parameters
# ---------------------------------------------------------------------------------

class AttributionParams(BaseModel):
    """Parameters every attribution check has; ``needs`` names the lists that must not be
    empty for the check to mean anything."""

    model_config = ConfigDict(extra="forbid")
    needs: ClassVar[tuple[str, ...]] = ()
    check_name: ClassVar[str] = ""

    @model_validator(mode="after")
    def _needs(self):
        for name in self.needs:
            if not getattr(self, name):
                raise ValueError(f"params.{name}: the '{self.check_name}' check needs at least one entry")
        return self


class QuotedParam(BaseModel):
    quoted: Literal["keep", "lower", "skip"] = "keep"  # a finding inside a quote


class SimilarityParams(BaseModel):
    """How close a spelling must be to a listed name to count as a misspelling of it
    (rapidfuzz ratio, 0-100); every check that resolves names to people reads them."""

    min_similarity: int = 80
    min_first_name_similarity: int = 72


class OtherStudyParam(BaseModel):
    other_study: Cues = []  # words that say a cue is about some other study ("previous", "another")


class OtherStudySentenceParam(BaseModel):
    other_study_sentence: Cues = []  # wordings that make a whole sentence about another study ("a previous study")


class RoleCue(BaseModel):
    """Wordings that claim one role: ``first`` (first author), ``senior``, ``lead`` (the
    first or the senior author: "lead author", "led the study" in UK usage), ``author``
    (any author of the study) or ``not-author`` (independent of the study)."""

    model_config = ConfigDict(extra="forbid")
    phrases: Cues
    role: Literal["first", "senior", "lead", "author", "not-author"]
    lenient: list[str] = []  # the person's roles that make a mismatch only a warning ("lead" for corresponding)


class CueParams(OtherStudyParam, SimilarityParams):
    cues: list[RoleCue] = []


class InstitutionParams(BaseModel):
    institution_words: list[str] = []  # words that make a capitalised phrase an institution
    known_institutions: list[str] = []  # one-word institutions ("Harvard", "Yale", "MIT")


# ---------------------------------------------------------------------------------
# compiled wordings (owned by the rule set: ``ctx.compiled``)
# ---------------------------------------------------------------------------------

def cue_matcher(ctx, phrases: Iterable[str]) -> CueMatcher:
    """The matcher of these wordings, built once per rule set."""
    key = tuple(phrases)
    return ctx.compiled(("attribution.cues", key), lambda: CueMatcher(key))


def role_cues(ctx, p: CueParams) -> list[CueMatcher]:
    return [cue_matcher(ctx, c.phrases) for c in p.cues]


class InstitutionWords:
    """What makes a capitalised phrase an institution, folded."""

    def __init__(self, p: InstitutionParams):
        self.words = {fold(w) for w in p.institution_words}
        self.prefixes = [w for w in self.words if w.endswith("-")]
        self.known = {fold(k) for k in p.known_institutions}


def institution_words(ctx, p: InstitutionParams) -> InstitutionWords:
    key = ("attribution.institutions", tuple(p.institution_words), tuple(p.known_institutions))
    return ctx.compiled(key, lambda: InstitutionWords(p))


def looks_institution(name: str, words: InstitutionWords, all_affiliations: list[str]) -> bool:
    low = [t for t in re.split(r"[^\w']+", fold(name)) if t]
    if any(t in words.words or any(t.startswith(w) for w in words.prefixes) for t in low):
        return True
    bare = re.sub(r"^the\s+", "", fold(name))
    if bare in words.known or (low and low[0] in words.known):
        return True
    if all_affiliations and institution_matches(name, all_affiliations):
        return True
    return bare_university(name)


# ---------------------------------------------------------------------------------
# what every check reads
# ---------------------------------------------------------------------------------

def people(ctx) -> tuple[PersonMentions, CitedPeople]:
    """The document's person mentions and the citation's people (analyses of the lint)."""
    return ctx.analyses.get("people"), ctx.analyses.get("cited_people")


def listed_people_and_mentions(ctx) -> tuple[PersonMentions, CitedPeople] | None:
    """``people(ctx)``, or None when there is no citation or it lists nobody to compare with."""
    if ctx.citation is None:
        return None
    mentions, cited = people(ctx)
    return (mentions, cited) if cited.people else None


def resolve(cited: CitedPeople, m: PersonMention, p: SimilarityParams):
    return cited.resolve(m, p.min_similarity, p.min_first_name_similarity)


def severity(rule, quoted: str, doc, start: int, end: int, base: str | None = None) -> str | None:
    """The rule's (configured) level, or ``base``, one lower in a quote when the rule
    says so (``lint.policy.lower``); None when the rule skips quotes and this is one."""
    sev = base or rule.severity
    if quoted != "keep" and doc.quote_at(start, end) is not None:
        if quoted == "skip":
            return None
        sev = lower(sev)
    return sev


def names(people: list[Person], n: int = 4) -> str:
    out = [x.name for x in people]
    if len(out) > n:
        return ", ".join(out[:n]) + f" ... ({len(out)} in all)"
    return ", ".join(out)


def all_affiliations(c: Citation) -> list[str]:
    return [a for x in c.people() for a in x.affiliations]


# ---------------------------------------------------------------------------------
# binding descriptions to people
# ---------------------------------------------------------------------------------

_CLAUSE_STOP = re.compile(rf"[;:{QUOTE_CHARS}()\[\]—–]|\.\s|\b(?:{SPEECH})\b|,\s+(?:and|but|he|she|they|it)\b", re.I)


def apposition_end(text: str, start: int, limit: int, others: list[int]) -> int:
    """End of the description that follows a name (", a neurologist at Yale, said")."""
    end = min(limit, start + 160)
    m = _CLAUSE_STOP.search(text, start, end)
    if m:
        end = m.start()
    for o in others:
        if start < o < end:
            end = o
    return end


TITLE_GAP = re.compile(rf"^[\s,]*(?:(?:{titles_regex()})\.?\s+)*$")
OCCUPATION_GAP = re.compile(rf"^[\s,]*(?:(?:and\s+)?[a-z][a-z\-]+\s+){{0,2}}(?:(?:{titles_regex()})\.?\s+)*$")
_APPOSITION_GAP = re.compile(r"^(?:['’]s?)?(?:,|\s+(?:is|was|,?\s*who\s+(?:is|was|led|co-led)))")


def bind_cue(doc, mentions: PersonMentions, sent: Sentence, cs: int, ce: int,
             occupations: bool = False) -> PersonMention | None:
    """The person a role wording describes: the name right after it ("senior author Jane
    Doe", "the study's first author, Professor Graham Ostrowski") or the name whose
    apposition holds it ("Stephen Waxman, co-senior author on the study,")."""
    ms = mentions.in_sentence(sent)
    text = doc.text
    gap_re = OCCUPATION_GAP if occupations else TITLE_GAP
    for m in ms:
        if m.start >= ce and m.start - ce <= 60 and gap_re.match(text[ce:m.start]) \
                and not SPEECH_RE.search(text[ce:m.start]):
            return m
    before = [m for m in ms if m.end <= cs]
    if before:
        m = before[-1]
        gap = text[m.end:cs]
        if len(gap) <= 110 and _APPOSITION_GAP.match(gap):
            if not _CLAUSE_STOP.search(gap) and gap.count(",") <= 2:
                return m
    return None


# ---------------------------------------------------------------------------------
# is a sentence about this paper?
# ---------------------------------------------------------------------------------

def indefinite(before: str) -> bool:
    """Does the study noun this text ends with have an indefinite article ("a new study"),
    or none at all after a preposition ("in research published in 2009", "from studies")?"""
    if re.search(r"(?i)\b(?:the|this|these|our|their|its|his|her)\s+(?:[\w-]+\s+){0,3}$", before):
        return False
    return bool(re.search(r"(?i)\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", before)
                or re.search(r"(?i)(?:^|\b(?:in|from|by|on|of|with|and))\s+(?:[\w-]+\s+){0,1}$", before))


def linked(doc, sent: Sentence, c: Citation, listed: list[Listed]) -> bool:
    """Does this sentence, or one next to it in the same paragraph, tie the text to the
    paper (its journal, an author's surname, its sample size)?"""
    sents = [x for x in doc.sentences if x.block is sent.block and abs(x.index - sent.index) <= 1]
    return any(links_to_paper(doc.text[x.doc_start:x.doc_end], c, listed) for x in sents)


def links_to_paper(sentence: str, c: Citation, listed: list[Listed]) -> bool:
    low = fold(sentence)
    if c.journal and names_journal(sentence, c.journal, c.journal_aliases):
        return True
    words = set(re.findall(r"[\w'-]+", low))
    if any(x.surname in words for x in listed if len(x.toks) >= 2):
        return True
    n = c.study.sample_size
    return bool(n and re.search(rf"(?<![\d.,]){n:,}(?![\d.,]\d)|(?<![\d.,]){n}(?![\d.,]\d)", sentence))
