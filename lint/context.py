"""Judging a claim in context: negation, hedging, "too early to say whether",
questions, quotes and their speakers, headlines.

Works on the tokens of the one parsed document; the cue words are data in
``rules/lexicons/context.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from . import syntax
from .document import Document, Quote, Sentence
from .lexicons import lexicon as load_lexicon
from .lexicons import words

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Lexicon:
    negators: frozenset[str]
    negator_phrases: tuple[str, ...]
    negator_ends: re.Pattern
    negating_predicates: re.Pattern
    clause_stop: re.Pattern  # where a claim's clause ends for a denial after it
    hedges: frozenset[str]
    hedge_negators: frozenset[str]
    scare_quote_words: int
    quote_framers: frozenset[str]
    ability_modals: frozenset[str]
    shown_verbs: frozenset[str]
    not_showing: frozenset[str]
    hedge_phrases: tuple[str, ...]
    cancellers: re.Pattern
    phrase_cancellers: re.Pattern
    boundaries: frozenset[str]
    future_words: frozenset[str]
    plan_words: frozenset[str]
    future_infinitives: frozenset[str]
    object_openers: frozenset[str]
    topic_words: frozenset[str]
    outcome_words: frozenset[str]
    topic_stopwords: frozenset[str]
    title_stopwords: frozenset[str]
    subject_negators: frozenset[str]
    finite_starters: frozenset[str]
    no_after_prepositions: frozenset[str]
    conjecture_verbs: frozenset[str]
    conjecture_subjects: frozenset[str]
    conjecture_between: frozenset[str]
    degree_words: frozenset[str]
    paper_tag_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    negating_subjects: frozenset[str]
    antecedent_openers: frozenset[str]
    infinitive_carriers: frozenset[str]
    outside_speakers: frozenset[str]
    titles: frozenset[str]
    speech_verbs: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_lexicon("context")
    return Lexicon(
        negators=words("context", "negators"),
        negator_phrases=tuple(p.lower() for p in data["negator_phrases"]),
        negator_ends=re.compile(r"\b(?:" + "|".join(data["negator_ends"]) + r")\s*$", re.I),
        negating_predicates=re.compile(r"\b(?:" + "|".join(data["negating_predicates"]) + r")\b", re.I),
        clause_stop=re.compile(r"[,;:.!?\"“”]|\b(?:" + "|".join(sorted(words("scope", "relative_pronouns")))
                               + r")\b", re.I),
        hedges=words("context", "hedges"),
        hedge_negators=words("context", "hedge_negators"),
        scare_quote_words=int(data.get("scare_quote_words", 0)),
        quote_framers=words("context", "quote_framers"),
        ability_modals=words("context", "ability_modals"),
        shown_verbs=words("context", "shown_verbs"),
        not_showing=words("context", "not_showing"),
        hedge_phrases=tuple(p.lower() for p in data["hedge_phrases"]),
        cancellers=re.compile(r"\b(?:" + "|".join(data["cancellers"]) + r")\b", re.I),
        phrase_cancellers=re.compile(r"\b(?:" + "|".join(data["phrase_cancellers"]) + r")\b[^,;:]*$", re.I),
        boundaries=frozenset(data["clause_boundaries"]),
        future_words=words("context", "future_words"),
        plan_words=words("context", "plan_words"),
        future_infinitives=words("context", "future_infinitives"),
        object_openers=words("context", "object_openers"),
        topic_words=words("context", "topic_words"),
        subject_negators=words("context", "subject_negators"),
        finite_starters=words("context", "finite_starters"),
        no_after_prepositions=words("context", "no_after_prepositions"),
        outcome_words=words("context", "outcome_words"),
        topic_stopwords=words("context", "topic_stopwords"),
        title_stopwords=words("context", "title_stopwords"),
        conjecture_verbs=words("context", "conjecture_verbs"),
        conjecture_subjects=words("context", "conjecture_subjects"),
        conjecture_between=words("context", "conjecture_between"),
        degree_words=words("context", "degree_words"),
        paper_tag_verbs=words("context", "paper_tag_verbs"),
        speaker_pronouns=words("context", "speaker_pronouns"),
        negating_subjects=words("context", "negating_subjects"),
        antecedent_openers=words("context", "antecedent_openers"),
        infinitive_carriers=words("context", "infinitive_carriers"),
        outside_speakers=words("context", "outside_speakers"),
        titles=words("names", "titles"),
        speech_verbs=words("names", "speech_verbs"),
    )


@dataclass(frozen=True)
class ClaimContext:
    negated: bool = False
    hedged: bool = False
    cancelled: bool = False
    question: bool = False
    quote: Quote | None = None
    cue: str = ""
    other_study: str = ""  # words saying the sentence is about another study (lint/analyses/scope.py)
    attributed: str = ""  # "they suggest": the researchers' conjecture told indirectly, judged like a quote
    background: str = ""  # words saying the claim is background, not the study's result

    @property
    def speaker(self) -> str | None:
        return self.quote.speaker if self.quote else None


def _clause_tokens_before(doc: Document, sent: Sentence, tok_start: int) -> list[Token]:
    """Tokens of the same clause before ``tok_start`` (nearest last)."""
    lex = lexicon()
    out: list[Token] = []
    tokens = doc.tokens
    i = tok_start - 1
    while i >= sent.tok_start:
        t = tokens[i]
        low = t.lower_
        if low in lex.boundaries or t.text in (";", ":") or doc.is_dash(i) or (t.text == "," and out and len(out) > 3):
            break
        if t.text in ("“", "”", '"'):
            break
        out.append(t)
        i -= 1
    return out


def degree_words() -> frozenset[str]:
    """Words of degree that may stand, like -ly adverbs, between a claim word and what
    decides its sense ("proved generally very safe")."""
    return lexicon().degree_words


def _conjecture_subject(doc: Document, k: int, lo: int, sent_start: int) -> int:
    """If token ``k`` is a conjecture verb with a researcher subject just before it ("they
    suggest"), or a speech verb after "he"/"she" ("he said") or a titled name ("Professor
    Alan Maryon-Davis said"), back to token ``lo`` over "also", "now", "have" ..., the
    subject's index; else -1."""
    lex = lexicon()
    verb = doc.tokens[k].lower_
    if verb not in lex.conjecture_verbs and verb not in lex.speech_verbs:
        return -1
    j = k - 1
    while j >= lo and doc.tokens[j].lower_ in lex.conjecture_between:
        j -= 1
    if j < lo:
        return -1
    tok = doc.tokens[j]
    subject = tok.lower_
    if (subject in lex.conjecture_subjects and verb in lex.conjecture_verbs) \
            or ((subject in lex.speaker_pronouns or subject in lex.outside_speakers) and verb in lex.speech_verbs):
        return j
    # a named person's words told indirectly: a title and a capitalised name, perhaps where
    # they work, right before a speech verb ("Professor Alan Maryon-Davis said government
    # cuts would worsen ...", "Professor Stephen Holgate of the MRC said"); not "Academics
    # in North Wales say", nor "Researchers said"
    if verb in lex.speech_verbs and tok.text == ",":
        # over where they work, between commas: "Prof George Patton, of the University of
        # Melbourne, Australia, said"
        for o in range(j - 2, max(sent_start, j - 14) - 1, -1):
            if o > sent_start and doc.tokens[o].text == "," and doc.tokens[o + 1].lower_ in ("of", "from", "at"):
                j = o - 1
                tok = doc.tokens[j]
                break
    if verb in lex.speech_verbs and tok.text[:1].isupper():
        t = j - 1
        while t >= max(sent_start, j - 8):
            w = doc.tokens[t]
            if w.lower_.rstrip(".") in lex.titles and doc.tokens[t + 1].text[:1].isupper():
                return t
            if not (w.text[:1].isupper() or w.lower_ in ("of", "from", "at", "the", "for", "and", "-")):
                break
            t -= 1
    return -1


def _paper_tag(doc: Document, sent: Sentence, tok_end: int) -> str:
    """A closing tag naming the paper as the claim's source: "..., they write in The Lancet
    Infectious Diseases." (the tag's words), or ""."""
    lex = lexicon()
    tokens = doc.tokens
    k = tok_end
    while k < sent.tok_end and tokens[k].text != ",":
        k += 1
    rest = [i for i in range(k + 1, sent.tok_end) if not tokens[i].is_punct]
    if len(rest) < 4 or tokens[rest[0]].lower_ not in lex.conjecture_subjects:
        return ""
    verb = 1
    while verb < len(rest) - 2 and tokens[rest[verb]].lower_ in lex.conjecture_between:
        verb += 1
    nxt, name = tokens[rest[verb + 1]], tokens[rest[min(verb + 2, len(rest) - 1)]]
    if tokens[rest[verb]].lower_ in lex.paper_tag_verbs and nxt.lower_ == "in" \
            and (name.text[:1].isupper() or name.lower_ == "the"):
        last = tokens[rest[-1]]
        return doc.text[tokens[rest[0]].idx : last.idx + len(last.text)]
    return ""


def attributed_conjecture(doc: Document, sent: Sentence, tok_start: int, tok_end: int) -> str:
    """The words that make the claim starting at token ``tok_start`` the researchers'
    reported conjecture ("they suggest ...", "Researchers also suggested"), or the paper's
    own words ("..., they write in The Lancet"), or "".  Otherwise only a verb before the
    claim, whose complement the claim is: a tag at the end ("..., the team believes.") is
    often the writer's own sentence with an attribution added ("thanks to the miracle
    spice, the team believes").  Not in headlines, which state the story's own claim."""
    if sent.is_heading:
        return ""
    lex = lexicon()
    tokens = doc.tokens
    lo = sent.tok_start
    for k in range(tok_start - 1, max(lo, tok_start - 20) - 1, -1):
        t = tokens[k]
        if t.lower_ in lex.boundaries or t.text in ("“", "”", '"') or doc.is_dash(k):
            break
        j = _conjecture_subject(doc, k, max(lo, k - 4), lo)
        if j >= 0:
            return doc.text[tokens[j].idx : t.idx + len(t.text)]
    return _paper_tag(doc, sent, tok_end)


def _negator_heads_subject(doc: Document, before: list[Token], tok_start: int) -> bool:
    """Does the clause open with "(a) lack of ..." / "(the) absence of ..." and the claim
    start with a finite verb or a modal ("Lack of empathy worsens illness")?  ``before``
    holds the clause's tokens before the claim, nearest first."""
    lex = lexicon()
    opening = [t.lower_ for t in reversed(before)]  # the clause up to the claim, in reading order
    if opening and opening[0] in ("a", "an", "the"):
        opening = opening[1:]
    # the negator, "of", and a word of its own before the claim
    if len(opening) < 3 or opening[0] not in lex.subject_negators or opening[1] != "of":
        return False
    w = doc.tokens[tok_start].lower_
    return (w in lex.finite_starters or before[0].lower_ in lex.finite_starters
            or (w.endswith("s") and not w.endswith("ss")) or w.endswith("ed"))


def _negating_subject(before: list[Token]) -> str:
    """"none of" / "neither of" opening the claim's clause (or what follows its "that"):
    "concluded that none of the measures on their own improved the prediction"."""
    opening = [t.lower_ for t in reversed(before)]
    if "that" in opening:
        opening = opening[len(opening) - opening[::-1].index("that"):]
    if len(opening) >= 3 and opening[0] in lexicon().negating_subjects and opening[1] == "of":
        return f"{opening[0]} of"
    return ""


def _antecedent_opener(doc: Document, sent: Sentence, tok_start: int) -> str:
    """The "if" whose clause holds the claim (no comma, colon, semicolon or dash between):
    the claim is supposed, not asserted ("If the effects of all 10 could be eliminated")."""
    tokens = doc.tokens
    for i in range(tok_start - 1, sent.tok_start - 1, -1):
        t = tokens[i]
        if t.text in (",", ";", ":") or doc.is_dash(i):
            return ""
        if t.lower_ in lexicon().antecedent_openers:
            return t.text
    return ""


def _scare_quote(doc: Document, sent: Sentence, quote: Quote) -> bool:
    """A few quoted words inside the writer's own sentence: the writer's term in scare
    quotes ("scientists have found a 'happiness gene'"), not anyone's words.  Not when the
    sentence has a speech verb ('He told the BBC the findings were "promising"', 'described
    as a "step towards"'), nor a quote that is the whole line (a crosshead quoting someone)."""
    lex = lexicon()
    quoted = doc.text[quote.start:quote.end]
    if len(quoted.split()) > lex.scare_quote_words or quoted[:-1].rstrip().endswith((".", ",", "!", "?")):
        # long, or closing on the sentence's punctuation: someone's words ('Zometa "appears very promising."')
        return False
    outside = [t for t in doc.tokens[sent.tok_start:sent.tok_end] if not quote.start <= t.idx < quote.end]
    if sum(t.text.isalpha() for t in outside) < 3:
        return False
    return not any(t.lower_ in lex.speech_verbs or t.lower_ in lex.quote_framers for t in outside)


def _gerund_premise(doc: Document, sent: Sentence, tok_start: int, tok_end: int, window: int = 6) -> str:
    """A claim word opening its clause as a gerund, the subject of a hedged verb:
    "Reversing the condition could therefore improve long-term health" supposes the
    reversal, it does not report it.  The hedge, within ``window`` words after the span
    and before any punctuation ("" when none)."""
    tokens = doc.tokens
    lex = lexicon()
    # a verb's -ing with its object ("Reversing the condition", "Curing it"), not an
    # adjective ("Promising evidence ... may")
    if not tokens[tok_start].lower_.endswith("ing") or tok_end >= sent.tok_end \
            or tokens[tok_end].lower_ not in lex.object_openers:
        return ""
    for t in tokens[tok_end:min(sent.tok_end, tok_end + window)]:
        if t.is_punct:
            return ""
        if t.lower_ in lex.hedges:
            return t.text
    return ""


def _shown_after(doc: Document, sent: Sentence, tok_end: int, window: int = 6) -> bool:
    """Does the sentence end with a clause of showing after a comma ("... can cure Type 2
    diabetes in just eight weeks, dramatic new research has shown")?"""
    lex = lexicon()
    tokens = doc.tokens
    end = sent.tok_end
    while end > tok_end and not tokens[end - 1].text.isalnum():
        end -= 1
    if end <= tok_end or tokens[end - 1].lower_ not in lex.shown_verbs:
        return False
    for k in range(end - 2, max(tok_end, end - window) - 1, -1):
        if tokens[k].text == ",":
            return True
        # not a condition, a hedge, a negation or a passive: "..., if the research is confirmed"
        if tokens[k].lower_ in lex.hedges or tokens[k].lower_ in lex.negators or tokens[k].lower_ in lex.not_showing:
            return False
    return False


def analyse(doc: Document, sent: Sentence, tok_start: int, tok_end: int, window: int = 6) -> ClaimContext:
    lex = lexicon()
    before = _clause_tokens_before(doc, sent, tok_start)
    near = before[:window]
    # "compared with no consumption": "no" after a preposition opens a phrase, it does not negate
    # "warned patients not to try the new wonder cure": "not to" negates the infinitive's verb,
    # not the claim in its object (but "found not to reduce" and "not to help reduce" are negated)
    words = [t.lower_ for k, t in enumerate(near)
             if not (t.lower_ == "no" and k + 1 < len(before) and before[k + 1].lower_ in lex.no_after_prepositions)
             and not (t.lower_ == "not" and k >= 2 and near[k - 1].lower_ == "to"
                      and near[k - 2].lower_ not in lex.infinitive_carriers)]
    if _negator_heads_subject(doc, before, tok_start):
        words = [w for w in words if w not in lex.subject_negators]  # "Lack of empathy | worsens"
    # a span may open with its hedge and the hedge's negation: "may not improve", "is
    # unlikely to reduce" (not a phrase that opens with a negator: "never before seen")
    lead = [t.lower_ for t in doc.tokens[tok_start:min(tok_end - 1, tok_start + 3)]]
    if lead and (lead[0] in lex.hedges or lead[0] in lex.hedge_negators):
        words = words + [w for w in lead if w in lex.negators]
    negated = any(w in lex.negators for w in words)
    cue = next((w for w in words if w in lex.negators), "")
    if not negated:
        subject = _negating_subject(before)
        if subject:
            negated, cue = True, subject
    prefix = doc.text[sent.doc_start : doc.tokens[tok_start].idx].lower()
    if not negated:
        tail = prefix[-60:]
        for p in lex.negator_phrases:
            if p in tail:
                negated, cue = True, p
                break
        else:
            m = lex.negator_ends.search(tail)
            if m:  # "too advanced to | benefit from hearing aids"
                negated, cue = True, m.group(0).strip()
    if not negated and syntax.has_parse(doc):  # with a statistical model: the parser's neg arcs
        word = syntax.negation(doc, tok_start, tok_end)
        if word:
            negated, cue = True, word
    clause_words = [t.lower_ for t in before]
    # a span may open with its own hedge ("could help millions of people")
    hedges = [w for w in clause_words if w in lex.hedges]
    if doc.tokens[tok_start].lower_ in lex.hedges:
        hedges.append(doc.tokens[tok_start].lower_)
    if hedges and set(hedges) <= lex.ability_modals and (any(w in lex.shown_verbs for w in clause_words)
                                                         or _shown_after(doc, sent, tok_end)):
        hedges = []  # "we have shown that we can reverse it": an ability the study showed, not a hedge
    hedged = bool(hedges)
    if hedged and not cue:
        cue = hedges[0]
    if not hedged:
        for p in lex.hedge_phrases:
            if p in prefix:
                hedged, cue = True, cue or p
                break
    m = lex.cancellers.search(prefix) or lex.phrase_cancellers.search(prefix)
    cancelled = m is not None
    if m is not None and not cue:  # m is not None: cancelled
        cue = m.group(0)
    if not cancelled:
        opener = _antecedent_opener(doc, sent, tok_start)
        if opener:  # "If the effects could be | eliminated the risk would be cut": a supposition
            cancelled, cue = True, cue or opener
    if not cancelled and not before:
        premise = _gerund_premise(doc, sent, tok_start, tok_end)
        if premise:  # "Reversing the condition could improve health": a supposition too
            cancelled, cue = True, cue or premise
    start_char = doc.tokens[tok_start].idx
    end_tok = doc.tokens[tok_end - 1]
    end_char = end_tok.idx + len(end_tok.text)
    if not negated and not cancelled:
        # a claim that is the subject of a denial after it, in its clause: "The safety and
        # effectiveness of the drug have not been established", "the cause of Alzheimer's
        # remains elusive"
        # (in the claim's clause, with no relative pronoun between: "an effect that was not
        # known before" is a new finding)
        limit = min(sent.doc_end, end_char + 60)
        stop = lex.clause_stop.search(doc.text, end_char, limit)
        m = lex.negating_predicates.search(doc.text, end_char, stop.start() if stop else limit)
        if m:
            negated, cue = True, m.group(0)
    quote = doc.quote_at(start_char, end_char)
    if quote is not None and not quote.speaker and (sent.is_heading or _scare_quote(doc, sent, quote)):
        # a headline's quote marks (Chocolate "cuts heart risk") mark the story's claim, and
        # so do scare quotes in running text (found a "happiness gene"): nobody is speaking
        quote = None
    return ClaimContext(
        negated=negated,
        hedged=hedged,
        cancelled=cancelled,
        question=sent.is_question,
        quote=quote,
        cue=cue,
        attributed="" if quote is not None else attributed_conjecture(doc, sent, tok_start, tok_end),
    )


def future_or_other(doc: Document, sent: Sentence, tok_start: int, tok_end: int, window: int = 6,
                    after: int = 6) -> bool:
    """Is the phrase about future or other studies ("larger trials are needed",
    "a future, blinded study", "a placebo-controlled trial is being planned")?
    Looks ``window`` words back and three ahead for future words, ``after`` words ahead
    for plans."""
    lex = lexicon()
    lo = max(sent.tok_start, tok_start - window)
    hi = min(sent.tok_end, tok_end + 3)
    if any(t.lower_ in lex.future_words for t in doc.tokens[lo:hi]):
        return True
    # "enough evidence to carry out large-scale studies": a study still to be done
    if any(t.lower_ in lex.future_infinitives and t.i > sent.tok_start and doc.tokens[t.i - 1].lower_ == "to"
           for t in doc.tokens[lo:tok_start]):
        return True
    far = min(sent.tok_end, tok_end + after)
    return any(t.lower_ in lex.plan_words for t in doc.tokens[tok_end:far])


_SUFFIXES = ("ations", "ation", "ership", "ships", "ship", "ments", "ment", "ness", "ings", "ing", "ers", "er",
             "ies", "es", "ed", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem for topic matching: owning/ownership/owners -> own, berries/berry -> berry."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for _ in range(2):
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)] + ("y" if suf == "ies" else "")
                break
        else:
            break
    return w[:5]


def topic_stems(text: str | None, generic: str | None = "topic") -> frozenset[str]:
    """Stems of the content words of a citation field (``study.condition``,
    ``study.intervention``), plus generic words: ``topic`` (clinical words) or
    ``outcome`` (a broader list of health outcomes)."""
    lex = lexicon()
    words = set(lex.topic_words if generic == "topic" else lex.outcome_words if generic == "outcome" else ())
    if text:
        for w in re.findall(r"[a-z][a-z'-]{2,}", text.lower()):
            if w not in lex.topic_stopwords:
                words.add(w)
    return frozenset(stem(w) for w in words)


@lru_cache(maxsize=256)
def title_stems(title: str | None) -> frozenset[str]:
    """Stems of a paper title's words of topic (its exposure, outcome and subjects), without
    its words of method and design ("associated", "cohort", "evidence")."""
    lex = lexicon()
    out = set()
    for w in re.findall(r"[a-z][a-z'-]{2,}", (title or "").lower()):
        w = w.strip("'-")
        if len(w) > 2 and w not in lex.topic_stopwords and w not in lex.title_stopwords:
            out.add(stem(w))
    return frozenset(out)


def token_stems(doc: Document, start: int, end: int) -> list[str]:
    """The stems of tokens ``start:end``, read from the document's LOWER column (one
    array per document) instead of creating a Token object per word."""
    lowers = doc.lowers
    strings = doc.tokens.vocab.strings
    out = []
    known = _STEM_OF.get
    for h in lowers[start:end].tolist():
        st = known(h)
        if st is None:
            if len(_STEM_OF) > 200_000:
                _STEM_OF.clear()
            st = _STEM_OF[h] = stem(strings[h])
        out.append(st)
    return out


_STEM_OF: dict[int, str] = {}  # a lower-cased word's hash (the same in every vocab) -> its stem
