"""Phrase lists in rule files, compiled once into spaCy PhraseMatchers.

Syntax of one phrase: words separated by spaces; ``a|b`` gives alternatives for one
word, ``word?`` makes it optional, ``repair{,s,ed,ing}`` expands suffixes.  Matching is
case-insensitive on spaCy tokens, so "game-changer" matches "Game-Changer".  A phrase
opening with the word ``^`` must open a clause (``lint.document.opens_clause``: the
start of its sentence or the words after a dash), as an imperative does ("^ try an egg").
Words in brackets at the end of a phrase must follow but are not part of the match
("^ try [a|an|more]" underlines "Try" in "Try an egg").

The one other wording language, for wordings a check reads around (a name after "lead
author", a journal after "published ... in", ``YEAR``), is ``lint/cues.py``: it extends
this syntax with gaps (``...``, ``*``) and compiles to regular expressions.  Phrase
wordings from rule files are compiled in these two modules only.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator
from spacy.matcher import PhraseMatcher

from .pipeline import get_nlp

_BRACE = re.compile(r"^(.*?)\{([^{}]*)\}(.*)$")
MAX_EXPANSIONS = 4096


def _expand_word(word: str) -> list[str]:
    m = _BRACE.match(word)
    if not m:
        return [word]
    head, alts, tail = m.groups()
    out = []
    for a in alts.split(","):
        out.extend(_expand_word(head + a + tail))
    return out


def expand(phrase: str) -> list[str]:
    """All concrete phrases a pattern stands for."""
    slots: list[list[str]] = []
    for word in phrase.split():
        optional = word.endswith("?") and len(word) > 1
        if optional:
            word = word[:-1]
        alts: list[str] = []
        for alt in word.split("|"):
            alts.extend(_expand_word(alt))
        if optional:
            alts.append("")
        slots.append(alts)
    out = []
    for combo in itertools.product(*slots):
        text = " ".join(w for w in combo if w)
        if text:
            out.append(text)
        if len(out) > MAX_EXPANSIONS:
            raise ValueError(f"phrase '{phrase}' expands to more than {MAX_EXPANSIONS} phrases")
    return out


ANCHOR = "^"


def anchored(phrase: str) -> tuple[bool, str, int]:
    """(must it open a clause, the words to match without ``^`` or brackets, how many of
    the last words are context outside the match)."""
    words = phrase.split()
    anchor = bool(words) and words[0] == ANCHOR
    if anchor:
        words = words[1:]
    context = 0
    while context < len(words) and words[len(words) - 1 - context].startswith("[") \
            and words[len(words) - 1 - context].endswith("]"):
        context += 1
    plain = words[:len(words) - context] + [w[1:-1] for w in words[len(words) - context:]]
    if any(w.startswith("[") or w.endswith("]") for w in plain) or context == len(words):
        raise ValueError(f"phrase '{phrase}': bracketed context words come last, after a word to match")
    if any(w[1:-1].endswith("?") for w in words[len(words) - context:]):
        raise ValueError(f"phrase '{phrase}': a context word cannot be optional")
    # a context word is one token, so that the match can be cut back by the number of words
    if any(not a.isalnum() for w in words[len(words) - context:] for alt in w[1:-1].split("|")
           for a in _expand_word(alt)):
        raise ValueError(f"phrase '{phrase}': a context word must be letters or digits only")
    return anchor, " ".join(plain), context


def validate_phrases(phrases: Iterable[str]) -> list[str]:
    phrases = list(phrases)
    for p in phrases:
        if not isinstance(p, str) or not p.strip():
            raise ValueError("phrases must be non-empty strings")
        expand(anchored(p)[1])
    return phrases


def phrase_label(key: str, phrase: str) -> str:
    """The matcher label of one phrase of rule ``key``: ``KEY``, ``KEY^`` (opens a clause),
    ``KEY+N`` / ``KEY^+N`` (the last N words are context)."""
    anchor, _text, context = anchored(phrase)
    return key + (ANCHOR if anchor else "") + (f"+{context}" if context else "")


def parse_label(label: str) -> tuple[str, bool, int]:
    """(key, opens a clause, context words) of a ``phrase_label``."""
    context = 0
    if "+" in label:
        label, n = label.rsplit("+", 1)
        context = int(n)
    if label.endswith(ANCHOR):
        return label[: -len(ANCHOR)], True, context
    return label, False, context


Phrases = Annotated[list[str], AfterValidator(lambda v: validate_phrases(v))]
"""A rule parameter holding phrases: validated (and expanded once) when the rule loads."""


def build_matcher(entries: Iterable[tuple[str, Iterable[str]]], markers: bool = False) -> PhraseMatcher:
    """A PhraseMatcher with one label per key (e.g. a rule code), matching on LOWER.  With
    ``markers``, a phrase's ``^`` and [context] words give it a label of its own
    (``phrase_label``; read it back with ``parse_label``); without, they are refused."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_label: dict[str, set[str]] = {}
    for key, phrases in entries:
        for p in phrases:
            label = phrase_label(key, p)
            if label != key and not markers:
                raise ValueError(f"phrase '{p}': '^' and [context] words work only in a term rule's phrases")
            by_label.setdefault(label, set()).update(expand(anchored(p)[1]))
    for label, texts in by_label.items():
        matcher.add(label, [nlp.make_doc(t) for t in sorted(texts)])
    return matcher


def longest_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Per label, drop matches contained in a longer match of the same label."""
    by_label: dict[int, list[tuple[int, int, int]]] = {}
    for m in matches:
        by_label.setdefault(m[0], []).append(m)
    out = []
    for items in by_label.values():
        items.sort(key=lambda m: (m[1], -(m[2] - m[1])))
        last_end = -1
        for m in items:
            if m[1] >= last_end or m[2] > last_end:
                if m[1] < last_end:
                    continue
                out.append(m)
                last_end = m[2]
    out.sort(key=lambda m: (m[1], m[2]))
    return out
