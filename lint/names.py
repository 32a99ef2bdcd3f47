"""How person names are written and compared (language layer).

The word lists (titles, particles, words that cannot be or start a name, speech verbs,
transliterations) are data in ``rules/lexicons/names.yaml``; this module holds what is
done with them: folding a word for comparison (lower case, accents removed, curly
apostrophes straightened), telling initials and acronyms from names, the tokens of a
listed name, and whether one spelling is a plausible misspelling of another.

Name compatibility (issue 13): ``split_name`` splits a name into given names and surname
(PubMed's "R Taylor", "I J Deary", "Kocsis JD" understood); ``compatible`` says whether a
name as a story writes it agrees with a listed one (initials, short forms and nicknames of
``rules/lexicons/nicknames.yaml``, titles, apostrophes, hyphens, particles); ``near_miss``
says how it misspells one when it is not compatible.

The small memo dictionaries below are keyed by the words themselves (never by object
ids) and bounded: the same names and words recur across articles.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


def _short_slip(a: str, b: str) -> bool:
    """A three-letter given name one letter short of, or over, the listed one ("Ian" for
    "Iain", "Jon" for "John"); a changed letter ("Tim", "Tom") is another name."""
    if min(len(a), len(b)) != 3 or abs(len(a) - len(b)) != 1 or a[0] != b[0]:
        return False
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b)



# ---------------------------------------------------------------------------------
# name compatibility: does a name as a story writes it agree with a listed author's?
# ---------------------------------------------------------------------------------

_NICK = lexicon("nicknames")
NICKNAMES: dict[str, frozenset[str]] = {fold(k): frozenset(fold(v) for v in vs)
                                        for k, vs in (_NICK.get("forms") or {}).items()}
SUFFIXES = frozenset(fold(s) for s in _NAMES["name_suffixes"])
_INITIALS_RE = re.compile(r"^(?:[A-Z]\.?-?){1,4}$")  # "J", "J.", "J.D.", "JD" (listed), "J-E"


class Name:
    """A person's name split for comparison: the given names (folded; an initial is one
    letter) and the surname's words (folded, particles kept: ``("van", "vugt")``), with
    how each is written (``shown``, ``surname_shown``) and, for a name as a story writes it,
    which of its words each given name is (``at``) and where the surname starts (``sur_at``)."""

    __slots__ = ("given", "surname", "shown", "surname_shown", "at", "sur_at")

    def __init__(self, given: tuple[str, ...], surname: tuple[str, ...], shown: tuple[str, ...] = (),
                 surname_shown: str = "", at: tuple[int, ...] = (), sur_at: int = 0):
        self.given = given
        self.surname = surname
        self.shown = shown
        self.surname_shown = surname_shown
        self.at = at
        self.sur_at = sur_at

    def __repr__(self) -> str:
        return f"Name({self.given!r}, {self.surname!r})"

    @property
    def surname_key(self) -> str:
        return surname_key(self.surname)


def _initials(word: str, listed: bool) -> list[str] | None:
    """The initials a word stands for ("J." -> [j], "J-E" -> [j, e]; in a listed name "JD" ->
    [j, d]), or None when it is a name."""
    w = word.strip(",")
    if len(w.rstrip(".")) == 1 and w[0].isupper():
        return [w[0].lower()]
    if re.fullmatch(r"(?:[A-Z]\.){2,4}", w) or re.fullmatch(r"[A-Z]\.?-[A-Z]\.?", w):
        return [c.lower() for c in w if c.isalpha()]
    if listed and re.fullmatch(r"[A-Z]{2,3}", w):  # PubMed's "Kocsis JD" form
        return [c.lower() for c in w]
    return None


def split_name(words: list[str] | tuple[str, ...], listed: bool = False) -> Name:
    """Given names and surname of a name's words (titles and suffixes dropped; a listed
    name may be "Surname, Given" or PubMed's "Surname JD").  Remembered: names repeat
    in a story, and a ``Name`` is never changed once made."""
    return _split_name(tuple(words), listed)


@lru_cache(maxsize=65536)
def _split_name(words: tuple[str, ...], listed: bool) -> Name:
    idx = [i for i, w in enumerate(words) if w.strip(".,") not in TITLES]
    if listed and len(idx) >= 2 and words[idx[0]].endswith(",") and "," not in "".join(words[i] for i in idx[1:]):
        idx = idx[1:] + idx[:1]  # "Kocsis, Jeffery D."
    while len(idx) >= 2 and fold(words[idx[-1]].strip(".,")) in SUFFIXES:
        idx = idx[:-1]
    if not idx:
        return Name((), ())
    if listed and len(idx) >= 2 and _INITIALS_RE.match(words[idx[-1]]) and not _INITIALS_RE.match(words[idx[0]]):
        idx = idx[-1:] + idx[:-1]  # "Kocsis JD": initials after the surname
    # the surname: the last word, with the particles before it ("van der Berg", "De Neve")
    k = len(idx) - 1
    lowest = 1 if listed else 0  # a story may name someone by the surname alone: "Van Vugt"
    while k - 1 >= lowest and fold(words[idx[k - 1]].strip(".,")) in PARTICLES:
        k -= 1
    sur_words = [words[i].strip(".,") for i in idx[k:]]
    given: list[str] = []
    shown: list[str] = []
    at: list[int] = []
    for i in idx[:k]:
        w = words[i]
        ini = _initials(w, listed)
        if ini:
            given.extend(ini)
            shown.extend(c.upper() for c in ini)
            at.extend([i] * len(ini))
        else:
            core = w.strip(".,")
            given.append(fold(core))
            shown.append(core)
            at.append(i)
    return Name(tuple(given), tuple(fold(w) for w in sur_words), tuple(shown), " ".join(sur_words), tuple(at),
                idx[k])


def listed_name(name: str) -> Name:
    """``split_name`` of a name as a citation lists it."""
    return split_name([w for w in re.split(r"\s+", name.strip()) if w], listed=True)


def surname_key(words: tuple[str, ...] | list[str]) -> str:
    """A surname without spaces, hyphens or apostrophes ("O'Brien" = "OBrien", "A'Court")."""
    return _surname_key(tuple(words))


@lru_cache(maxsize=65536)
def _surname_key(words: tuple[str, ...]) -> str:
    return _SURNAME_JOINERS.sub("", " ".join(words))


_SURNAME_JOINERS = re.compile(r"[\s'\-.]")


def _core(words: tuple[str, ...]) -> str:
    """The surname without its particles ("van Vugt" -> "vugt")."""
    return surname_key([w for w in words if w not in PARTICLES]) or surname_key(words)


@lru_cache(maxsize=65536)
def surnames_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Do two surnames name the same family: equal once spaces, hyphens, apostrophes and
    particles are set aside, or one is a part of the other's double-barrelled form
    ("Hamilton-Shield" and "Shield")."""
    if not a or not b:
        return False
    ka, kb = surname_key(a), surname_key(b)
    if ka == kb or _core(a) == _core(b):
        return True
    pa = {p for w in a for p in re.split(r"[\s\-]", w) if len(p) >= 2}
    pb = {p for w in b for p in re.split(r"[\s\-]", w) if len(p) >= 2}
    return (len(pa) > 1 and _core(b) in pa) or (len(pb) > 1 and _core(a) in pb)


def given_names_agree(a: str, b: str) -> bool:
    """May these be the same person's given name: equal, an initial of the other, a short
    form (a prefix 3+ letters long and 2+ letters shorter: "Chris", "Gill") or a nickname
    (``rules/lexicons/nicknames.yaml``: "Steve", "Nik", "Bob", "Liz")?"""
    if a == b:
        return True
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    pa, pb = a.split("-"), b.split("-")
    if len(pa) > 1 or len(pb) > 1:  # "Jan-Emmanuel", "J-E", "Jan"
        if len(pa) == len(pb):
            return all(given_names_agree(x, y) for x, y in zip(pa, pb))
        return given_names_agree(pa[0], pb[0]) and (len(pa) == 1 or len(pb) == 1)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) >= 3 and len(long_) - len(short) >= 2 and long_.startswith(short):
        return True
    return a in NICKNAMES.get(b, ()) or b in NICKNAMES.get(a, ())


@lru_cache(maxsize=65536)
def givens_agree(story: tuple[str, ...], listed: tuple[str, ...]) -> bool:
    """Do a story's given names agree with a listed person's: each one, in order, with one of
    the listed given names (a middle name used as the first: "Clea" for "Elizabeth C")?
    No given name in the story agrees with any."""
    j = 0
    for g in story:
        while j < len(listed) and not given_names_agree(g, listed[j]):
            j += 1
        if j == len(listed):
            return False
        j += 1
    return True


def compatible(story: Name, listed: Name) -> bool:
    """Does a name as the story writes it agree with a listed person's name: the surname
    agrees, and every given name is an initial, a short form or a nickname of one listed
    (or is left out)?  Titles, accents, apostrophes, hyphens and particles do not count."""
    return surnames_agree(story.surname, listed.surname) and givens_agree(story.given, listed.given)


def plural_of(a: str, b: str) -> bool:
    """Is ``a`` ``b`` with an "s" or "es" added (a possessive without its apostrophe, a
    family, a company: "Dr Reddys"), or the other way round?  ("Kocsiss" is no plural of
    "Kocsis": a doubled final "s" is a misspelling.)"""
    def plural(x: str, y: str) -> bool:
        return (x == y + "s" and not y.endswith("s")) or x in (y + "es", y + "'")

    return plural(a, b) or plural(b, a)


class NearMiss:
    """How a story's name misspells a listed one: which of the story's given names are
    misspelt (positions in ``Name.given``) with the listed spelling of each, whether the
    surname is, and how similar the misspelt words are (0-100)."""

    __slots__ = ("given", "given_fix", "surname", "score")

    def __init__(self, given: tuple[int, ...], given_fix: tuple[str, ...], surname: bool, score: float):
        self.given = given
        self.given_fix = given_fix
        self.surname = surname
        self.score = score


def near_miss(story: Name, listed: Name, min_sim: int, min_first_sim: int) -> NearMiss | None:
    """A misspelling is a near miss that is nothing ``compatible`` allows: the surname agrees
    or is a close spelling (``close``; an added "s" is a plural or a possessive, not a
    misspelling), and each given name agrees with a listed one or closely misspells a listed
    full given name, with at least one word misspelt.  None otherwise (the same person, or
    someone else)."""
    if not story.surname or not listed.surname or compatible(story, listed):
        return None
    scores: list[float] = []
    sur_bad = False
    if not surnames_agree(story.surname, listed.surname):
        a, b = story.surname_key, listed.surname_key
        ca, cb = _core(story.surname), _core(listed.surname)
        if plural_of(a, b) or plural_of(ca, cb):
            return None
        if close(a, b, min_sim):
            scores.append(similarity(a, b))
        elif (ca, cb) != (a, b) and close(ca, cb, min_sim):  # "Vugtt" for "van Vugt"
            scores.append(similarity(ca, cb))
        else:
            return None
        sur_bad = True
    bad: list[int] = []
    fixes: list[str] = []
    j = 0
    lg = listed.given
    for gi, g in enumerate(story.given):
        k = j
        while k < len(lg) and not given_names_agree(g, lg[k]):
            k += 1
        if k < len(lg):
            j = k + 1
            continue
        k = j
        while k < len(lg) and not (len(g) > 1 and len(lg[k]) > 1 and (close(g, lg[k], min_first_sim)
                                                                   or _short_slip(g, lg[k]))):
            k += 1
        if k == len(lg):
            return None  # a given name that is neither this person's nor a misspelling of it
        bad.append(gi)
        fixes.append(listed.shown[k] if k < len(listed.shown) else lg[k])
        scores.append(similarity(g, lg[k]))
        j = k + 1
    if not bad and not sur_bad:
        return None
    return NearMiss(tuple(bad), tuple(fixes), sur_bad, sum(scores) / len(scores))
