"""Phrase lists in rule files, compiled once into spaCy PhraseMatchers.

Syntax of one phrase: words separated by spaces; ``a|b`` gives alternatives for one
word, ``word?`` makes it optional, ``repair{,s,ed,ing}`` expands suffixes.  Matching is
case-insensitive on spaCy tokens, so "game-changer" matches "Game-Changer".

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


def validate_phrases(phrases: Iterable[str]) -> list[str]:
    phrases = list(phrases)
    for p in phrases:
        if not isinstance(p, str) or not p.strip():
            raise ValueError("phrases must be non-empty strings")
        expand(p)
    return phrases


Phrases = Annotated[list[str], AfterValidator(lambda v: validate_phrases(v))]
"""A rule parameter holding phrases: validated (and expanded once) when the rule loads."""


def build_matcher(entries: Iterable[tuple[str, Iterable[str]]]) -> PhraseMatcher:
    """A PhraseMatcher with one label per key (e.g. a rule code), matching on LOWER."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for key, phrases in entries:
        texts = sorted({t for p in phrases for t in expand(p)})
        matcher.add(key, [nlp.make_doc(t) for t in texts])
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
