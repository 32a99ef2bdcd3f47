"""How person names are written and compared (language layer).

The word lists (titles, particles, words that cannot be or start a name, speech verbs,
transliterations) are data in ``rules/lexicons/names.yaml``; this module holds what is
done with them: folding a word for comparison (lower case, accents removed, curly
apostrophes straightened), telling initials and acronyms from names, the tokens of a
listed name, and whether one spelling is a plausible misspelling of another.

The small memo dictionaries below are keyed by the words themselves (never by object
ids) and bounded: the same names and words recur across articles.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .lexicons import lexicon

_NAMES = lexicon("names")
_INST = lexicon("institutions")

TITLES = frozenset(_NAMES["titles"]) | frozenset(_NAMES["plural_titles"])  # as written
SINGLE_TITLES = tuple(_NAMES["titles"])  # the ones that stand before one person's name
PARTICLES = frozenset(_NAMES["particles"])
STOP_CAPS = frozenset(_NAMES["not_name_start"])
MONTHS = frozenset(_NAMES["months"])
WEEKDAYS = frozenset(_NAMES["weekdays"])
ORG_WORDS = frozenset(_NAMES["org_words"])
DISCIPLINES = frozenset(_NAMES["disciplines"])
COUNTRIES = frozenset(_INST["countries"])
TRANSLIT = str.maketrans(_NAMES["transliteration"])

NOT_NAME_START = STOP_CAPS | MONTHS | WEEKDAYS  # folded words that cannot start a name
NOT_NAME_WORD = ORG_WORDS | DISCIPLINES | MONTHS | WEEKDAYS | COUNTRIES  # folded words that make no name


def titles_regex(titles=SINGLE_TITLES) -> str:
    """An alternation of the titles (for patterns such as "Dr. " or "Professor ")."""
    return "|".join(re.escape(t) for t in titles)


def _fold(text: str) -> str:
    if text.isascii():  # NFKD and the apostrophe map leave ASCII alone (but for the backtick)
        return text.replace("`", "'").lower().strip()
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return t.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'").lower().strip()


FOLDED: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    r = FOLDED.get(text)
    if r is None:
        r = _fold(text)
        if len(text) <= 80:  # names and words repeat; sentences rarely do
            if len(FOLDED) > 100_000:
                FOLDED.clear()
            FOLDED[text] = r
    return r


_MC_RE = re.compile(r"^(?:Mc|Mac|O['’])")
ACRONYM: dict[str, bool] = {}


def is_acronym(word: str) -> bool:
    """"NIH", "UCSF" (but not "McDonald" or "O'Brien")."""
    r = ACRONYM.get(word)
    if r is None:
        letters = [c for c in word if c.isalpha()]
        r = len(letters) >= 2 and word[:2].isupper() and not _MC_RE.match(word)
        if len(ACRONYM) > 100_000:
            ACRONYM.clear()
        ACRONYM[word] = r
    return r


def is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def name_toks(name: str) -> list[str]:
    """The folded words of a listed name, without titles and initials."""
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    out = []
    for w in words:
        core = w.strip(".,")
        if core in TITLES or is_initial(core) or re.fullmatch(r"(?:[A-Z]\.){1,3}", w):
            continue
        out.append(fold(core))
    return out


def transliterated_toks(name: str) -> list[str]:
    """``name_toks`` of the ASCII spelling ("Mueller" for "Müller")."""
    return name_toks(name.translate(TRANSLIT))


def close(a: str, b: str, min_sim: int) -> bool:
    """Is ``a`` a plausible misspelling of ``b`` (not equal)?"""
    if a == b or not a or not b:
        return False
    if a[0] != b[0]:
        return False
    longest = max(len(a), len(b))
    limit = 1 if longest <= 6 else (2 if longest <= 11 else 3)
    if min(len(a), len(b)) < 4:
        return False
    if abs(len(a) - len(b)) > limit:  # an edit distance is at least the length difference
        return False
    return OSA.distance(a, b) <= limit and fuzz.ratio(a, b) >= min_sim


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b)

