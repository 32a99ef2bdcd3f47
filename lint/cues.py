"""Cue wordings: the phrase language of wordings that must be found as written around
names, institutions and years (the attribution checks' ``cues``, ``phrases``,
``team_words``, ``other_study`` ...), compiled to regular expressions.

A cue wording is a phrase of ``lint.phrases`` (``a|b`` alternatives, ``word?``,
``{,s,ed}`` suffixes) with three more tokens:

- ``...``: a gap of up to 3 small words (lower-case words, years, weekdays):
  "published ... in" matches "published today in" and "published on Monday in";
- ``*``: a gap of up to 8 words with no punctuation: "published * in YEAR";
- ``YEAR``: a year, 1900-2099;
- ``,`` ``;`` ``:`` (a token of its own): that mark, as written, right after the word before
  ("in YEAR , a study" matches "In 2014, a study").

At most ``MAX_GAPS`` gaps per wording (each gap multiplies the ways a wording can match).
A wording matches whole words, case-sensitively except for its first letter (a sentence
may start with the cue); apostrophes match straight or curly ones, and a hyphen may be
left out.  ``lint.phrases`` (spaCy token matching) and this module are the two places
where wordings from rule files are compiled: use the former for words to find anywhere,
this one when a check reads what stands next to the wording.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Annotated

from pydantic import AfterValidator

from .lexicons import lexicon
from .phrases import expand, validate_phrases

YEAR_RE = r"(?:19|20)\d{2}"
YEAR_ANY = re.compile(YEAR_RE)
MAX_GAPS = 2


def validate_cues(v: list[str]) -> list[str]:
    """Phrases, validated; a wording may hold at most ``MAX_GAPS`` gaps (three wide gaps
    in one wording can take seconds to search a long sentence)."""
    for p in validate_phrases(v):
        if sum(w in ("...", "*") for w in p.split()) > MAX_GAPS:
            raise ValueError(f"phrase '{p}' has more than {MAX_GAPS} gaps ('...' or '*'); "
                             "split it into shorter wordings")
    return v


Cues = Annotated[list[str], AfterValidator(validate_cues)]
"""A rule parameter holding cue wordings, validated when the rule loads."""


def trie_alternation(words: Iterable[str]) -> str:
    """A regex for the same strings as "|".join(words), with shared prefixes factored out
    (Python's re tries every alternative at every position otherwise)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [re.escape(k) + emit(node[k]) for k in sorted(k for k in node if k)]
        if not parts:
            return ""
        body = "|".join(parts)
        if "" in node:
            return f"(?:{body})?"
        return body if len(parts) == 1 else f"(?:{body})"

    return emit(trie)


_WEEKDAYS = "|".join(w.capitalize() for w in lexicon("names")["weekdays"])
_SMALL_GAP = rf"(?:\s+(?:[a-z][\w’'-]*|(?:19|20)\d\d|{_WEEKDAYS})){{0,3}}?"
_WIDE_GAP = r"(?:\s+[^\s,;:.!?()“”\"—–]+){0,8}?"


def _word_rx(w: str, first: bool) -> tuple[str, str]:
    """(kind, regex) of one concrete word of a wording."""
    if w == "...":
        return "gap", _SMALL_GAP
    if w == "*":
        return "gap", _WIDE_GAP
    if w == "YEAR":
        return "word", rf"(?:{YEAR_RE})"
    if w in (",", ";", ":"):
        return "punct", re.escape(w)  # written against the word before: "In 2014, a study"
    esc = re.escape(w).replace("'", "['’]").replace("\\-", "[-‐‑]?")
    if w[0].isalpha() and first:  # a sentence may start with the cue
        esc = f"[{w[0].lower()}{w[0].upper()}]" + esc[1:]
    return "word", esc


def _join(parts: list[tuple[str, str]]) -> str:
    rx = ""
    for i, (kind, piece) in enumerate(parts):
        rx += piece if kind == "gap" or not i else r"\s*" + piece if kind == "punct" else r"\s+" + piece
    return rx


def _wording_rx(phrase: str) -> set[str]:
    """Regular expressions for one wording: one per slot sequence when no word is optional
    (each slot an alternation of its words: "previous|earlier study|trial" is one pattern,
    not four), else one per concrete wording."""
    words = phrase.split()
    if any(w.endswith("?") and len(w) > 1 for w in words):
        return {_join([_word_rx(w, i == 0) for i, w in enumerate(concrete.split())]) for concrete in expand(phrase)}
    parts: list[tuple[str, str]] = []
    for i, word in enumerate(words):
        alts = sorted({a for alt in word.split("|") for a in expand(alt)}, key=len, reverse=True)
        pieces = [_word_rx(a, i == 0) for a in alts]
        if len(pieces) == 1:
            parts.append(pieces[0])
        elif all(k == "word" for k, _ in pieces):
            parts.append(("word", "(?:" + "|".join(rx for _, rx in pieces) + ")"))
        else:  # a gap among the alternatives: expand this wording
            return {_join([_word_rx(w, j == 0) for j, w in enumerate(c.split())]) for c in expand(phrase)}
    return {_join(parts)}


def cue_regex(phrases: list[str]) -> re.Pattern | None:
    """One regular expression for all the wordings (None when there are none)."""
    alts: set[str] = set()
    for p in phrases:
        alts |= _wording_rx(p)
    if not alts:
        return None
    body = "|".join(sorted(alts, key=len, reverse=True))
    first = _first_chars(phrases)
    # the look-ahead (the characters a match can start with) changes no match: it only
    # spares trying every wording at every position
    ahead = "(?=[" + "".join(sorted(re.escape(c) for c in first)) + "])" if first else ""
    return re.compile(rf"{ahead}(?<![\w-])(?:{body})(?![\w-])")


def _first_chars(phrases: list[str]) -> set[str] | None:
    """The characters every match of these wordings starts with (None: any)."""
    out: set[str] = set()
    for p in phrases:
        for concrete in expand(p):
            w = concrete.split()[0]
            if w in ("...", "*") or w[0] == "-":  # a gap, or an optional hyphen, first
                return None
            if w == "YEAR":
                out |= {"1", "2"}
            elif w[0].isalpha():
                out |= set(w[0].lower()) | set(w[0].upper())
            elif w[0] == "'":
                out |= {"'", "’"}
            else:
                out.add(w[0])
    return out


# words too frequent in science news to make a good anchor (speed only: any word is correct)
_COMMON_WORDS = frozenset("""the a an of in on at to for and or by with from this that these those its their
who was were is are has have had not study studies research trial trials paper work findings results
published new said says team""".split())
_ANCHOR_SPLIT = re.compile(r"['\-]")


class CueMatcher:
    """The regex of some cue wordings (``rx``) and a cheap necessary condition for it to
    match a sentence.  Every match of a wording contains one of its literal words as a
    whole word (\\w run: the wordings' words are delimited by spaces and the regex's
    look-arounds), so a sentence whose words include none of the wordings' anchor words
    (``words``) cannot match.  Wordings whose words all have apostrophes or hyphens
    contribute a lower-case substring anchor instead (``subs``), and when every wording
    has a year (``year``), the sentence must have one.  ``key`` (the wordings) names the
    matcher in the rule set's store and in per-document memos."""

    __slots__ = ("key", "rx", "words", "subs", "year", "always")

    def __init__(self, phrases: Iterable[str]):
        phrases = list(phrases)
        self.key: tuple[str, ...] = tuple(phrases)
        self.rx = cue_regex(phrases) if phrases else None
        words: set[str] = set()
        subs: set[str] = set()
        always = False
        year = bool(phrases)
        for ph in phrases:
            for concrete in expand(ph):
                ws = concrete.split()
                if "YEAR" not in ws:
                    year = False
                whole = [(i, w) for i, w in enumerate(ws)
                         if w not in ("...", "*", "YEAR") and w.isascii() and w.isalpha()]
                pieces = [x.lower() for w in ws if w not in ("...", "*", "YEAR")
                          for x in _ANCHOR_SPLIT.split(w) if x and x.isascii() and x.isalpha()]
                rare = [x for x in pieces if x not in _COMMON_WORDS and len(x) >= 3]
                if whole:  # the longest word, if possible one that is not everywhere in news text
                    i, w = max(whole, key=lambda x: (x[1].lower() not in _COMMON_WORDS, len(x[1])))
                    if w.lower() not in _COMMON_WORDS or not rare:
                        words.add(w)
                        if i == 0:  # a sentence may start with the cue: either case
                            words.add(w[0].swapcase() + w[1:])
                        continue
                    pieces = rare  # "study co-author": "author" (in "co-author") is rarer than "study"
                if pieces:
                    subs.add(max(pieces, key=len))
                else:
                    always = True
        self.words = frozenset(words)
        self.subs = tuple(sorted(subs))
        self.year = year
        self.always = always

    def maybe(self, words: frozenset[str], low: str, text: str) -> bool:
        """False when the regex cannot match a sentence with these words (\\w runs as
        written), this lower-cased text and this text."""
        if self.rx is None:
            return False
        if not self.always and words.isdisjoint(self.words):
            if not self.subs:
                return False
            if not any(a in low for a in self.subs):
                return False
        if self.year and not YEAR_ANY.search(text):
            return False
        return True
