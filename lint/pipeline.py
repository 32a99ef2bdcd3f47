"""The spaCy pipeline: blank English plus a sentencizer, or an installed model.

Nothing is downloaded. ``configure(model)`` switches to an installed statistical
pipeline (e.g. ``en_core_web_sm``) for the rest of the process.

The blank pipeline is tuned for speed, with results identical to spaCy's own:

* a new word's lexeme gets only the lexical attributes sciencelint reads
  (``LEXICAL_ATTRS``: ``lower_`` for the phrase matchers, ``is_punct`` for sentence
  splitting, ``is_space``) instead of spaCy's 23 (shape, prefix, like_url, ...);
  computing those for every new word is a quarter of tokenising;
* ``segment`` splits sentences with spaCy's ``Sentencizer`` rule, computed over
  token arrays (numpy) instead of token objects, and forces a sentence start at
  given characters (block starts) in the same pass;
* ``make_doc`` keeps spaCy's tokenizer cache useful.  The tokenizer caches how it split
  each whitespace-separated chunk, but (spaCy 3.8) stops caching for the rest of a
  text once a special case ("It's", "Dr.", "U.S.") has occurred in it, and stops for
  good at 10,000 chunks.  So chunks not seen before are first tokenised one by one
  (cached, since a chunk is split the same alone as in context), and the cache may
  hold ``TOKENIZER_CACHE`` chunks.  A re-lint of a 1,000-word draft then tokenises
  from the cache (about 3x faster); a cold folder run gains a little.

A statistical model needs every attribute (its features read shape, prefix, ...), so
it is left exactly as loaded and runs its own pipeline.
"""
from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SENT_START

from .errors import ConfigError

_MODEL: str | None = None
LEXICAL_ATTRS = (LOWER, IS_PUNCT, IS_SPACE)  # what the blank pipeline computes per word
TOKENIZER_CACHE = 200_000  # chunks (spaCy's default: 10,000); a few MB
_PRIMED: set[str] = set()  # chunks the blank pipeline's tokenizer has cached (or tried to)


def configure(model: str | None) -> None:
    global _MODEL
    if model != _MODEL:
        _MODEL = model
        get_nlp.cache_clear()


@lru_cache(maxsize=1)
def get_nlp():
    if _MODEL:
        try:
            nlp = spacy.load(_MODEL, exclude=["lemmatizer"])
        except OSError:
            raise ConfigError(
                f"nlp.model: spaCy pipeline '{_MODEL}' is not installed (pip install it, or remove nlp.model)"
            ) from None
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer")
        return nlp
    nlp = spacy.blank("en")
    getters = nlp.vocab.lex_attr_getters
    nlp.vocab.lex_attr_getters = {a: getters[a] for a in LEXICAL_ATTRS}
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    nlp.add_pipe("sentencizer")
    _PRIMED.clear()
    return nlp


def make_doc(nlp, text: str):
    """``nlp.make_doc(text)``, the same tokens; with the blank pipeline, new chunks are
    tokenised one by one first so that the tokenizer caches them (see above)."""
    if is_blank() and len(_PRIMED) < TOKENIZER_CACHE:
        new = set(text.split())
        new.difference_update(_PRIMED)
        if new:
            tokenizer = nlp.tokenizer
            for chunk in new:
                tokenizer(chunk)
            _PRIMED.update(new)
    return nlp.make_doc(text)


def is_blank() -> bool:
    """Is the default (blank) pipeline in use?"""
    return _MODEL is None


@lru_cache(maxsize=4)
def _punct_hashes(nlp) -> numpy.ndarray:
    chars = nlp.get_pipe("sentencizer").punct_chars
    return numpy.array(sorted(nlp.vocab.strings.add(c) for c in chars), dtype="uint64")


def segment(nlp, tokens, forced: list[int]) -> None:
    """Set sentence starts on ``tokens`` (blank pipeline): a start at the token holding
    each character offset in ``forced``, elsewhere the Sentencizer's rule.  That rule
    starts a sentence at the first token, and at each token that is neither
    punctuation nor a sentence-final character when a sentence-final character
    (``punct_chars``) came after the previous such token."""
    n = len(tokens)
    if n == 0:
        return
    arr = tokens.to_array([ORTH, IS_PUNCT, IDX, LENGTH])
    final = numpy.isin(arr[:, 0], _punct_hashes(nlp))
    word = ~final & (arr[:, 1] == 0)
    count = numpy.cumsum(final)
    wi = numpy.flatnonzero(word)
    cw = count[wi]
    prev = numpy.empty_like(cw)
    if len(cw):
        prev[0] = 0
        prev[1:] = cw[:-1]
    starts = numpy.zeros(n, dtype=bool)
    starts[0] = True
    starts[wi[cw > prev]] = True
    if forced:
        # the token holding the character; a character in a token's trailing space
        # belongs to the next token (as with Doc.char_span(..., alignment_mode="expand"))
        idx = arr[:, 2].astype("int64")
        chars = numpy.asarray(forced, dtype="int64")
        at = numpy.searchsorted(idx, chars, side="right") - 1
        ok = at >= 0
        at, chars = at[ok], chars[ok]
        at = at + (chars >= idx[at] + arr[at, 3].astype("int64"))
        starts[at[at < n]] = True
    tokens.from_array([SENT_START], numpy.where(starts, 1, -1).astype("int64").view("uint64"))


def model_name() -> str:
    return _MODEL or "blank:en"
