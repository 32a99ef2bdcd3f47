"""Optional help from a statistical spaCy pipeline (``nlp: {model: ...}``).

Each function looks at ``doc.tokens`` (the spaCy Doc of ``Document.text``) and uses the
parser's dependency labels or the entity recogniser only when the pipeline set them
(``has_annotation("DEP")`` / ``has_annotation("ENT_IOB")``).  With the default blank
pipeline they return ``None`` / ``False``: "no opinion", so callers keep their
word-list logic and add these answers on top.

- ``negation(doc, tok_start, tok_end)``: the negation word governing a claim
  ("does *not* cure", "is *not* a cure", "*never* reverses"), from ``neg`` arcs on the
  claim's head and the verbs above it in the same clause.
- ``speaker(doc, quote)``: (name, descriptor) of the person a quote is attributed to,
  from the subject of a speech verb next to the quote ("..., said lead author Jane Doe"),
  keeping only a PERSON entity (a name), never a pronoun.
"""
from __future__ import annotations

import re
from typing import Any

SPEECH_WORDS = frozenset(
    "say says said explain explains explained add adds added note notes noted state states stated tell tells "
    "told continue continues continued caution cautions cautioned warn warns warned argue argues argued "
    "write writes wrote conclude concludes concluded comment comments commented remark remarks remarked "
    "emphasise emphasises emphasised emphasize emphasizes emphasized stress stresses stressed "
    "acknowledge acknowledges acknowledged agree agrees agreed predict predicts predicted".split()
)
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "conj", "parataxis"})
NEG_DEPS = frozenset({"neg"})
_TITLES = re.compile(r"^(?:Dr|Prof|Professor|Mr|Mrs|Ms)\.?\s+")


def _annotated(doc: Any, attr: str) -> bool:
    """Did the pipeline set ``attr``?  Asked once per document (spaCy scans every token)."""
    cache = getattr(doc, "cache", None)
    key = "has:" + attr
    if cache is not None and key in cache:
        return cache[key]
    tokens = getattr(doc, "doc", None)
    answer = tokens is not None and tokens.has_annotation(attr)
    if cache is not None:
        cache[key] = answer
    return answer


def has_parse(doc: Any) -> bool:
    return _annotated(doc, "DEP")


def has_entities(doc: Any) -> bool:
    return _annotated(doc, "ENT_IOB")


def negation(doc: Any, tok_start: int, tok_end: int) -> str | None:
    """The negation word (lower case) governing tokens [tok_start, tok_end), or None.

    Looks at the phrase's syntactic head and its ancestors up to and including the
    first verb or auxiliary that heads a clause: "does not cure" (neg on "cure"),
    "is not a cure" (neg on "is", the head of "cure")."""
    if not has_parse(doc) or tok_end <= tok_start:
        return None
    tokens = doc.tokens
    span = tokens[tok_start:tok_end]
    t = span.root
    for _ in range(4):
        for child in t.children:
            if child.dep_ in NEG_DEPS and not (tok_start <= child.i < tok_end):
                return child.lower_
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS or t.head is t:
            break
        t = t.head
    return None


def speaker(doc: Any, quote: Any) -> tuple[str, str] | None:
    """(name, descriptor) of the person a quote is attributed to, or None.

    Finds a speech verb outside the quote in the sentences the quote touches, takes its
    nominal subject's subtree as the descriptor and the PERSON entity in it as the name."""
    if not (has_parse(doc) and has_entities(doc)):
        return None
    tokens = doc.tokens
    qs, qe = quote.start, quote.end
    span = tokens.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None
    sents = {t.sent.start: t.sent for t in (tokens[span.start], tokens[span.end - 1])}
    # the sentence right after a quote that ends its own sentence ("...," she said. / “...” Doe said.)
    if span.end < len(tokens):
        nxt = tokens[span.end].sent
        sents.setdefault(nxt.start, nxt)
    for sent in sorted(sents.values(), key=lambda s: s.start):
        for t in sent:
            if t.lower_ not in SPEECH_WORDS or qs <= t.idx < qe:
                continue
            for subj in t.children:
                if subj.dep_ not in ("nsubj", "nsubjpass") or subj.pos_ == "PRON":
                    continue
                sub = tokens[subj.left_edge.i : subj.right_edge.i + 1]
                people = [e for e in tokens.ents if e.label_ == "PERSON" and sub.start <= e.start and e.end <= sub.end]
                if people:
                    name = _TITLES.sub("", people[-1].text).strip(" ,.")
                    return name, sub.text.strip()
    return None
