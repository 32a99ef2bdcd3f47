"""Shared by the phrase-based kinds: find rule phrases in the document once, in body
sentences, with the sentence filters and the claim context already applied."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..analyses.scope import scope
from ..conditions import When, evaluate
from ..context import ClaimContext, analyse, degree_words, future_or_other
from ..document import Sentence
from ..document.model import QUOTE_MARKS
from ..findings import join_evidence
from ..lexicons import words
from ..phrases import Phrases, build_matcher, expand, longest_matches, parse_label
from ..policy import ClaimPolicy, judge


class PhraseParams(ClaimPolicy):
    phrases: Phrases
    when: When = None
    unless_sentence: Phrases = []  # any of these in the sentence: no finding
    require_sentence: Phrases = []  # one of these must be in the sentence
    headline_only: bool = False
    lede_only: bool = False  # the headline and the lede only (``Document.in_lede``): the story's own claim
    require_topic: bool = False  # the sentence must name the condition studied
    unless_next: list[str] = []  # no finding when the next words are one of these ("novel gene", "of concept")
    # no finding when the words before are one of these ("to confirm that"; an entry may be
    # several words, "hopes of a | cure")
    unless_prev: list[str] = []
    unless_subjects: bool = False  # no finding when the sentence names the study's animals or cells
    # no finding when the paper's own title uses one of these words: the paper makes the
    # claim itself ("... identifies novel candidate obesity genes" for "the first time")
    unless_title: list[str] = []



class SubjectException(BaseModel):
    """A claim that is not the exposure's effect because of its subject: a tool's prospect
    ("a quick and cheap test could save the lives of babies"), or, with ``claim``, the usual
    wording of one kind of finding ("genes found to increase the risk of Alzheimer's")."""

    model_config = ConfigDict(extra="forbid")
    words: list[str]
    # the claim must also name one of these words or phrases, in its own words or the next
    # three ("increase | the risk", "genetic | causes of"); empty: any claim
    claim: list[str] = []


def _subject_head(doc, sent, start: int, window: int) -> tuple[str, ...]:
    """The words that could be the claim's subject: the nearest word before it that is not an
    auxiliary, adverb, relative pronoun, quote mark or participle of finding ("genes found to
    | increase", "a test that could | save", "genes are now known to play a | role in"), and
    the word before that one (its modifier: "genetic links that | raise"), and the noun
    before a prepositional phrase ("Test for migrants may | curb"); after "and"/"or", every
    word before (a second verb of the same subject); within the clause and ``window`` words."""
    tokens = doc.tokens
    skip = _subject_skip()
    lo = max(sent.tok_start, start - window)
    i = start - 1
    while i >= lo and (tokens[i].lower_ in skip or (tokens[i].lower_.endswith("ly") and len(tokens[i]) > 4)
                       or (not tokens[i].text.isalnum() and tokens[i].text not in (",", ";", ":")
                           and not doc.is_dash(i))
                       # the comma before a relative clause: "The 5-HTT gene, which | regulates"
                       or (tokens[i].text == "," and i + 1 < start and tokens[i + 1].lower_ in ("which", "who"))):
        i -= 1
    if i < lo or tokens[i].text in (",", ";", ":") or doc.is_dash(i):
        return ()
    if tokens[i].lower_ in ("and", "or"):  # a second verb: "a test could solve the problem and | save"
        return tuple(t.lower_ for t in tokens[lo:i])
    head = [tokens[i].lower_]
    if i - 1 >= lo:
        head.append(tokens[i - 1].lower_)
    # a noun with a prepositional phrase: "Test for migrants", "a test for all newborn babies"
    for k in range(i - 1, max(lo, i - 4), -1):
        if tokens[k].lower_ in ("for", "of", "in", "on", "with"):
            head.append(tokens[k - 1].lower_)
            break
    return tuple(head)


def subject_exception(doc, sent, start: int, end: int, entries: list, window: int) -> bool:
    """Does one of ``entries`` (``unless_subject``) hold for the claim at tokens ``start:end``:
    is one of its words the claim's subject (``_subject_head``) and, for an entry with
    ``claim``, is one of those words in the claim or the three words after it?"""
    tokens = doc.tokens
    subject = set(_subject_head(doc, sent, start, window))
    if not subject:
        return False
    stop, words = end, 0
    while stop < sent.tok_end and words < 3:  # the next three words ("make-up" is one)
        words += tokens[stop].text.isalnum() and not (stop + 1 < sent.tok_end and tokens[stop + 1].text == "-")
        stop += 1
    last = tokens[max(stop, end) - 1]
    claim = _plain(doc.text[tokens[start].idx : last.idx + len(last.text)])
    for entry in entries:
        if isinstance(entry, str):
            if entry in subject:
                return True
        elif subject & set(entry.words) and (not entry.claim or any(_plain(w) in claim for w in entry.claim)):
            return True
    return False


def _plain(text: str) -> str:
    """Lower case, words separated by single spaces, padded: "the make-up of" -> " the make up of "."""
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


@functools.cache
def _subject_skip() -> frozenset[str]:
    return words("scope", "subject_verb_between") | words("scope", "relative_pronouns") \
        | words("scope", "subject_participles")


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
    if span is None:
        return False
    first = span[0]
    # a word in capitals joined by a hyphen or naming a study, in a sentence that is not in
    # capitals ("the REVERSE-AD study", "the CURE trial"; not a tabloid's emphasis, "could CURE
    # cancer"), or a word joined by a hyphen to a capital ("the P-Cure system"): a name
    if first.text.isupper() and len(first.text) > 2:
        nxt = tokens[span.end] if span.end < sent.tok_end else None
        if nxt is not None and ((nxt.text == "-" and not first.whitespace_)
                                or nxt.lower_ in words("context", "named_study_nouns")):
            long_words = [t.text for t in tokens[sent.tok_start:sent.tok_end] if t.text.isalpha() and len(t.text) > 3]
            return sum(w.isupper() for w in long_words) < 0.5 * len(long_words)
        return False
    if not _titled(first.text):
        return False
    if span.start - 2 >= sent.tok_start and tokens[span.start - 1].text == "-" \
            and not tokens[span.start - 2].whitespace_ and not tokens[span.start - 1].whitespace_ \
            and tokens[span.start - 2].text[:1].isupper():
        return True
    if span.start <= sent.tok_start:
        return False
    prev = tokens[span.start - 1]
    if not prev.text.isalnum():  # after a quote mark, a colon or a dash: a sentence may start
        return False
    long_words = [t.text for t in tokens[sent.tok_start:sent.tok_end] if t.text.isalpha() and len(t.text) > 3]
    if long_words and sum(_titled(w) for w in long_words) > 0.75 * len(long_words):  # a headline in title case
        return False
    nxt = tokens[span.end] if span.end < sent.tok_end else None
    before_titled = span.start - 1 > sent.tok_start and _titled(prev.text)
    return (nxt is not None and _titled(nxt.text)) or before_titled


def told_experiment(ctx, evidence: str, note: str) -> tuple[str, str]:
    """A causal claim's evidence and message note, with the assigned comparison the story
    describes when the citation gives no design (the paper may support more than its
    claim_strength says; the engine lowers findings whose evidence rests on the story)."""
    experiment = ctx.analyses.get("story_experiment")  # computed once, on first ask
    if experiment is None:
        return evidence, note
    return (join_evidence(evidence, f"an assigned comparison {experiment.describe()}"),
            note + f' (the story describes an assigned comparison, line {experiment.line}: "{experiment.words}")')


@dataclass
class Hit:
    rule: Any
    sentence: Sentence
    start: int  # doc char offsets
    end: int
    text: str
    context: ClaimContext
    severity: str
    note: str
    evidence: str


class _Compiled:
    """The phrase matchers of a group of rules (labels are rule codes)."""

    def __init__(self, rules):
        self.matcher = build_matcher(((r.code, r.params.phrases) for r in rules), markers=True)
        aux = []
        for r in rules:
            if r.params.unless_sentence:
                aux.append((r.code + "#unless", r.params.unless_sentence))
            if r.params.require_sentence:
                aux.append((r.code + "#require", r.params.require_sentence))
        self.aux = build_matcher(aux) if aux else None
        self.unless_next = {r.code: _word_tuples(r.params.unless_next) for r in rules}
        self.unless_prev = {r.code: _word_tuples(r.params.unless_prev) for r in rules}


def _word_tuples(entries: list[str]) -> frozenset[tuple[str, ...]]:
    """``unless_next`` / ``unless_prev`` entries, in the phrase syntax ("warn{,s,ed} of the?"),
    as the word tuples they stand for."""
    return frozenset(tuple(x.lower().split()) for w in entries for x in expand(w))


def _next_is(tokens, e: int, stop: int, words: frozenset[tuple[str, ...]]) -> bool:
    """Do the words at token ``e`` (or after adverbs there: "proved generally very safe")
    start one of ``words`` (each a tuple of one or more words: "of concept")?"""
    k = e
    while k < stop and tokens[k].text in QUOTE_MARKS:
        k += 1  # a scare quote closing the words: 'the "cure" could be developed'
    starts = [k]
    while k < stop and (tokens[k].lower_ in degree_words() or (tokens[k].lower_.endswith("ly") and len(tokens[k]) > 4)):
        k += 1
        starts.append(k)
    for at in starts:
        for seq in words:
            if at + len(seq) <= stop and all(tokens[at + i].lower_ == w for i, w in enumerate(seq)):
                return True
    return False


def _prev_is(tokens, s: int, lo: int, words: frozenset[tuple[str, ...]]) -> bool:
    """Do the words before token ``s`` (from ``lo``; over a scare quote opening the words:
    'hopes of a "cure"') end with one of ``words``?"""
    while s > lo and tokens[s - 1].text in QUOTE_MARKS:
        s -= 1
    return any(s - len(seq) >= lo and all(tokens[s - len(seq) + i].lower_ == w for i, w in enumerate(seq))
               for seq in words)


def frame(ctx, sent: Sentence, s: int, e: int) -> ClaimContext:
    """The claim at tokens ``s:e`` in context: negation, hedges, quotes (``lint.context``)
    and scope: about another study, or background (``lint.analyses.scope``)."""
    framing = analyse(ctx.doc, sent, s, e)
    sc = scope(ctx.analyses)
    other = sc.other_study(sent)
    if other and sc.set_against_other(sent, other, s):
        other = ""  # "While previous studies ..., this is the first study to": about this one
    background = "" if other else sc.background(sent, s, e)
    if other or background:
        framing = dataclasses.replace(framing, other_study=other, background=background)
    return framing


def _title_says(citation, words: list[str]) -> bool:
    """The citation's title uses one of ``words`` (whole words, any case)."""
    title = " ".join(re.findall(r"[a-z0-9'-]+", (getattr(citation, "title", None) or "").lower()))
    return any(re.search(rf"(?<![a-z0-9'-]){re.escape(w.lower())}(?![a-z0-9'-])", title) for w in words)


def iter_hits(rules, ctx) -> Iterator[Hit]:
    if not rules:
        return
    comp = ctx.compiled(("phrases",) + tuple(r.code for r in rules), lambda: _Compiled(rules))
    by_code = {r.code: r for r in rules}  # the rules as configured for this run
    doc = ctx.doc
    tokens = doc.tokens
    vocab = tokens.vocab.strings
    conds = {}
    for r in rules:
        conds[r.code] = evaluate(r.params.when, ctx.citation)
        if conds[r.code] is not None and r.params.unless_title and _title_says(ctx.citation, r.params.unless_title):
            conds[r.code] = None
    stems = ctx.analyses.get("topic_stems")["condition_only"]
    words = ctx.analyses.get("sentence_stems")
    aux_hits: set[tuple[str, int]] = set()
    if comp.aux is not None:
        for label, s, _e in comp.aux(tokens):
            sent = doc.sentence_at(tokens[s].idx)
            if sent is not None:
                aux_hits.add((vocab[label], sent.index))
    for label, s, e in longest_matches(comp.matcher(tokens)):
        code, must_open, context = parse_label(vocab[label])
        e -= context  # trailing context words must follow but are not the match
        rule = by_code[code]
        cond = conds[code]
        if cond is None:
            continue
        p = rule.params
        start = tokens[s].idx
        end = tokens[e - 1].idx + len(tokens[e - 1].text)
        sent = doc.sentence_at(start)
        if sent is None or sent.block.section != "body":
            continue
        if sum(t.text.isalpha() for t in tokens[sent.tok_start:sent.tok_end]) < 2:
            continue  # a lone word on its line ("Cure"): a scraped page's menu or label, not a claim
        if p.headline_only and not sent.is_heading:
            continue
        if p.lede_only and not doc.in_lede(sent):
            continue
        if must_open and not doc.opens_clause(sent, s):
            continue
        if p.unless_sentence and (code + "#unless", sent.index) in aux_hits:
            continue
        required = (code + "#require", sent.index) in aux_hits
        if p.require_sentence and not p.require_topic and not required:
            continue
        if p.require_topic and not required and not words.mentions(sent, stems):
            continue
        if p.skip_future and future_or_other(doc, sent, s, e):
            continue
        if p.unless_next and _next_is(tokens, e, sent.tok_end, comp.unless_next[code]):
            continue
        if p.unless_prev and _prev_is(tokens, s, sent.tok_start, comp.unless_prev[code]):
            continue
        if p.unless_subjects and scope(ctx.analyses).names_subjects(sent):
            continue
        framing = frame(ctx, sent, s, e)
        verdict = judge(p, rule.severity, framing)
        if verdict is None:
            continue
        yield Hit(rule, sent, start, end, doc.text[start:end], framing, verdict[0], verdict[1], cond.evidence)
