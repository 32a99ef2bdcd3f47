"""Institution names: how the story writes them and whether a name agrees with the
affiliations the citation gives (language layer).

``agrees`` compares an institution as written ("Birmingham University", "UCL", "Oxford",
"the Charite in Berlin") with a person's affiliations, parsed into their units by
``lint.affiliations``, the way an editor reads them: it agrees when it names any unit or a
common form of one ("X University" = "University of X", a leading "The", a place after the
name, "Oxford" for the University of Oxford), an acronym of one ("UCSF"), or an institution
the alias lexicon (``rules/lexicons/institution_aliases.yaml``) ties to one: another name
for it, a school, institute or hospital of it, its parent organisation, or the
institution of the affiliation's e-mail domain.  It is False only for a clearly
different institution (``mention_level``: a university, hospital, named institute or a
known institution, never a department or a bare place); None when it cannot tell.
``capture_caps`` reads a capitalised name out of a sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .affiliations import COUNTRIES as AFF_COUNTRIES
from .affiliations import REGIONS, Affiliation, Unit, head_kind, parse_affiliations, split_and, words_of
from .cues import YEAR_RE
from .lexicons import lexicon
from .names import COUNTRIES, MONTHS, WEEKDAYS, fold

_INST = lexicon("institutions")
GENERIC_INST = frozenset(_INST["generic"])
CONNECTORS = frozenset(_INST["connectors"])
_MONTHS_WEEKDAYS = MONTHS | WEEKDAYS
_PLACE_WORDS = frozenset(w for p in AFF_COUNTRIES | REGIONS for w in p.split()) | COUNTRIES
_PLACE_KEYS = AFF_COUNTRIES | REGIONS | COUNTRIES


@dataclass
class InstSpan:
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------
# names compared
# ---------------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    """A name folded for lookup: "The King's College, London" -> "kings college london"."""
    t = fold(name).replace("&", " and ")
    t = re.sub(r"['’]", "", t)
    t = re.sub(r"\bsaint\b", "st", t)
    t = re.sub(r"[^\w]+", " ", t).strip()
    t = re.sub(r"^the\s+", "", t)
    return t


def _variants(key: str) -> list[str]:
    """"university of x" <-> "x university"."""
    out = [key]
    m = re.fullmatch(r"university of (.+)", key)
    if m:
        out.append(f"{m.group(1)} university")
    m = re.fullmatch(r"(.+) university", key)
    if m:
        out.append(f"university of {m.group(1)}")
    return out


def inst_tokens(name: str) -> list[str]:
    """The distinctive words of an institution name (generic words, connectors, countries
    and "university" left out)."""
    out = []
    for t in _key(name).split():
        if t in GENERIC_INST or t in CONNECTORS or t in COUNTRIES or t.startswith("universit"):
            continue
        out.append(t)
    return out


def _tok_eq(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 90)


def _rest(big: list[str], small: list[str]) -> list[str] | None:
    """The words of ``big`` left when each word of ``small`` is matched once; None when a
    word of ``small`` is not in ``big``."""
    left = list(big)
    for w in small:
        for i, b in enumerate(left):
            if _tok_eq(w, b):
                del left[i]
                break
        else:
            return None
    return left


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s,\-–/]+", name) if w and fold(w) not in CONNECTORS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


# ---------------------------------------------------------------------------------
# the alias lexicon
# ---------------------------------------------------------------------------------

class _Aliases:
    def __init__(self, entries: list[dict], not_bare: frozenset[str] = frozenset()):
        self.names: list[str] = []
        self.keys: list[list[str]] = []  # each entry's own name and other names, as keys
        self.by_key: dict[str, set[int]] = {}
        self.known: set[str] = set()  # keys that are an institution's own name or another name for it
        self.domains: list[tuple[str, int]] = []
        # a university's town alone, as UK news writes "Dr Jane Smith, of Warwick": the one
        # word of "University of Warwick" or "Warwick University", when no other institution
        # the lexicon knows has it in its names (not "Oxford": Oxford Brookes; not "York":
        # New York University) and it is not a country, a region or a generic word
        bare: dict[str, int] = {}
        in_names: dict[str, set[int]] = {}
        for i, e in enumerate(entries):
            names = [str(e["name"])] + [str(n) for n in e.get("also") or []]
            parts = [str(n) for n in e.get("parts") or []]
            self.names.append(names[0])
            self.keys.append([_key(n) for n in names])
            for group, keys in (("name", names), ("part", parts)):
                for n in keys:
                    for k in _variants(_key(n)):
                        self.by_key.setdefault(k, set()).add(i)
                        if group == "name":
                            self.known.add(k)
                    for w in _key(n).split():
                        in_names.setdefault(w, set()).add(i)
            for n in names:
                m = re.fullmatch(r"University of (\w+)|(\w+) University", n)
                if m:
                    bare[_key(m.group(1) or m.group(2))] = i
            for d in e.get("domains") or []:
                self.domains.append((str(d).lower(), i))
        self.bare = frozenset(w for w, i in bare.items() if in_names[w] == {i} and w not in _PLACE_KEYS
                              and w not in GENERIC_INST and w not in not_bare)

    def ids(self, name: str) -> frozenset[int]:
        out: set[int] = set()
        for k in _variants(_key(name)):
            out |= self.by_key.get(k, set())
        return frozenset(out)

    def domain_ids(self, domain: str) -> frozenset[int]:
        d = domain.lower()
        return frozenset(i for dom, i in self.domains if d == dom or d.endswith("." + dom))


_ALIAS_LEX = lexicon("institution_aliases")
ALIASES = _Aliases(_ALIAS_LEX["institutions"], frozenset(_ALIAS_LEX.get("not_bare") or ()))


def bare_university(name: str) -> bool:
    """Is this a university's town alone ("Warwick", "Oxford"), a university in "Dr Jane
    Smith, of Warwick"?  ``agrees`` still takes the town itself for any institution there."""
    return _key(re.sub(r"^(?:the|The)\s+", "", name.strip())) in ALIASES.bare


def known_institution(name: str) -> bool:
    """Is this an institution the alias lexicon knows by this name ("UCL", "Imperial")?"""
    return any(k in ALIASES.known for k in _variants(_key(name)))


def _unit_ids(u: Unit) -> frozenset[int]:
    """Lexicon institutions a unit names, as a whole or by its first words ("Yale University"
    in "Yale University School of Medicine")."""
    out = set(ALIASES.ids(u.name))
    if u.acronym:
        out |= ALIASES.ids(u.acronym)
    ws = u.name.split()
    for n in range(min(len(ws) - 1, 8), 0, -1):
        got = ALIASES.ids(" ".join(ws[:n]))
        if got:
            out |= got
            break
    return frozenset(out)


def affiliation_ids(a: Affiliation) -> frozenset[int]:
    """Every lexicon institution an affiliation names, or its e-mail domain says."""
    out: set[int] = set()
    for u in a.named:
        out |= _unit_ids(u)
    for d in a.domains:
        out |= ALIASES.domain_ids(d)
    return frozenset(out)


# ---------------------------------------------------------------------------------
# agreement
# ---------------------------------------------------------------------------------

def mention_level(mention: str) -> str | None:
    """"institution" when the name is clearly an institution (a university, hospital,
    named institute or a known one), "unit" for a department or an institute named by its
    subject ("School of Anthropology", "Institute of Neuroscience"), None otherwise (a bare
    place, an unknown name)."""
    if known_institution(mention) or bare_university(mention):
        return "institution"
    words = words_of(re.sub(r"^(?:the|The)\s+", "", mention))
    kind = head_kind(words)
    if kind in ("institution", "hospital"):
        return "institution"
    if kind == "institute":
        heads = set(words[:1])
        return "unit" if heads and words[0] in _INSTITUTE_HEADS and len(words) > 1 and words[1] in ("of", "for") \
            else "institution"
    if kind == "department":
        return "unit"
    return None


_INSTITUTE_HEADS = frozenset({"institute", "institut", "instituto", "istituto", "centre", "center", "centro",
                              "laboratory", "lab", "laboratories", "unit", "group"})


def _readings(mention: str) -> tuple[str, list[str]]:
    """The mention without "the", a possessive and a trailing "in Place"; and the words of
    that place."""
    t = re.sub(r"^(?:the|The)\s+", "", mention.strip())
    if not known_institution(t):  # "King's" is a name, "Oxford's" a possessive
        t = re.sub(r"['’]s?$", "", t).strip()
    places: list[str] = []
    m = re.search(r"\s+in\s+([A-Z][\w\- ]*)$", t)
    if m:
        places = _key(m.group(1)).split()
        t = t[: m.start()]
    return t, places


def _unit_agrees(m: str, m_toks: list[str], bare: bool, u: Unit, places: set[str]) -> bool:
    if u.place and not bare:
        return False  # "University of Birmingham" is not the city of Birmingham
    u_toks = inst_tokens(u.name)
    if not u_toks:
        return False
    mk, uk = _key(m), _key(u.name)
    if uk.startswith(mk + " "):
        return True  # "University of California" for "University of California, San Diego"
    distinct = [t for t in m_toks if t not in places and t not in _PLACE_WORDS]
    u_distinct = [t for t in u_toks if t not in places and t not in _PLACE_WORDS]
    if (distinct and f" {mk} " in f" {uk} ") or (u_distinct and f" {uk} " in f" {mk} "):
        # "Perelman School of Medicine" in "University of Pennsylvania Perelman School of Medicine",
        # but not "College London" in "Imperial College London"
        return True
    rest = _rest(u_toks, m_toks)
    if rest is not None and all(r in places for r in rest):
        return True  # "Imperial" for "Imperial College London" in London
    rest = _rest(m_toks, u_toks)
    return rest is not None and all(r in places or r in _PLACE_WORDS for r in rest)


def agrees(mention: str, affs: Sequence[Affiliation]) -> bool | None:
    """Does an institution as the story writes it agree with any of these affiliations?
    None: nothing to compare ("the university"), or not clearly an institution."""
    if not affs:
        return None
    pieces = _and_pieces(mention)
    if len(pieces) > 1:  # "the University of Cambridge and Addenbrooke's Hospital"
        return _any_of([agrees(x, affs) for x in pieces])
    pm = re.match(r"^(.*?)['’]s\s+(.*)$", mention)
    if pm and _key(pm.group(1)) in _PLACE_KEYS:
        return agrees(pm.group(2), affs)  # "Britain's Sheffield University"
    if pm and not ALIASES.ids(mention) and head_kind(words_of(pm.group(1))):
        # "Oxford University's School of Anthropology"
        return _any_of([agrees(pm.group(1), affs), agrees(pm.group(2), affs)])
    m, m_places = _readings(mention)
    m_toks = inst_tokens(m)
    bare = head_kind(words_of(m)) is None
    acro = m if re.fullmatch(r"[A-Z]{2,6}", m) else ""
    if not m_toks and not acro:
        return None
    m_ids = ALIASES.ids(m)
    for a in affs:
        places = {w for u in a.places for w in _key(u.name).split()} | set(m_places)
        for u in a.units:
            if m_toks and _unit_agrees(m, m_toks, bare, u, places):
                return True
            if acro and not u.place and (acro == u.acronym or acro == _acronym(u.name)
                                         or acro in re.split(r"[\s,()\-–/]+", u.name)):
                return True
        a_ids = affiliation_ids(a)
        if m_ids and m_ids & a_ids:
            return True
        if any(k.startswith(_key(m) + " ") for i in a_ids for k in ALIASES.keys[i]):
            return True  # "the University of California" for "UCSF"
    if mention_level(m) != "institution":
        return None
    for a in affs:  # a former affiliation ("previously at X"): not where the paper places them, not clearly wrong
        if any(_unit_agrees(m, m_toks, False, u, set()) for u in a.former):
            return None
        if _same_town(m, a):
            return None
    return False


def _same_town(m: str, a: Affiliation) -> bool:
    """An institution of the affiliation's town where the affiliation names none, or a
    town's university and a hospital of that town, one in the story and the other in the
    affiliation ("Bradford University" for "Centre for Ageing, Bradford Royal Infirmary,
    Bradford"): clinical academics hold posts at both and PubMed gives one affiliation, so
    this is not clearly wrong."""
    kinds = {u.kind for u in a.named}
    if not kinds & {"institution", "hospital"} and not any(
            head_kind(words_of(ALIASES.names[i])) == "institution" for i in affiliation_ids(a)):
        # the affiliation names no university or hospital, only a unit and its town ("School of
        # Social and Community Medicine, Bristol, UK", "MRC Centre for Regenerative Medicine,
        # Edinburgh"): any institution of that town may be the one
        places = {w for u in a.places for w in _key(u.name).split()}
        return bool(places & set(inst_tokens(m)))
    town = _university_town(m)
    if town and "hospital" in kinds and "institution" not in kinds:
        return any(town in _key(u.name).split() for u in a.units if u.kind == "hospital" or u.place)
    if head_kind(words_of(m)) == "hospital":
        return any(_university_town(u.name) in _key(m).split() for u in a.units if u.kind == "institution")
    return False


def _university_town(name: str) -> str | None:
    """The town a university is named after: "University of Bradford", "Bradford University",
    a bare "Warwick" (``bare_university``)."""
    key = _key(name)
    t = re.fullmatch(r"university of ([a-z]+)|([a-z]+) university", key)
    if t:
        return t.group(1) or t.group(2)
    return key if bare_university(name) else None


def _and_pieces(mention: str) -> list[str]:
    """"Birmingham University and Imperial", "the University of Cambridge and Addenbrooke's
    Hospital": two institutions, when each side is one by its head word or by name."""
    pieces = re.split(r"\s+(?:and|&)\s+(?=[A-Z])", mention)
    if len(pieces) > 1 and all(head_kind(words_of(x)) or known_institution(x) for x in pieces):
        return pieces
    return split_and(mention)


def _any_of(verdicts: list[bool | None]) -> bool | None:
    if any(verdicts):
        return True
    return False if False in verdicts else None


def near_miss(mention: str, affs: Sequence[Affiliation]) -> Unit | None:
    """A unit this name misspells: the same kind of unit, the same number of words, all but
    one the same ("Institute of Cancer Studies" for "Institute of Cancer Sciences")."""
    m, _ = _readings(mention)
    if known_institution(m):
        return None  # "Institute of Cancer Research" is an institution of its own
    mw = [w for w in _key(m).split() if w not in CONNECTORS]
    kind = head_kind(words_of(m))
    if kind is None or len(mw) < 3:
        return None
    for a in affs:
        for u in a.named:
            uw = [w for w in _key(u.name).split() if w not in CONNECTORS]
            if len(uw) != len(mw) or u.kind != kind or uw[0] != mw[0]:
                continue
            diff = [(x, y) for x, y in zip(mw, uw) if not _tok_eq(x, y)]
            shared = [x for x, y in zip(mw, uw) if _tok_eq(x, y) and x not in GENERIC_INST and x != mw[0]]
            if len(diff) == 1 and shared and fuzz.ratio(" ".join(mw), " ".join(uw)) >= 80:
                return u
    return None


def institution_matches(mention: str, affiliations: Iterable[str]) -> bool | None:
    """``agrees`` for affiliation strings as the citation gives them."""
    return agrees(mention, parse_affiliations(list(affiliations)))


def inst_readings(text: str, inst: InstSpan, limit: int) -> list[str]:
    """The ways to read an institution phrase: as written, its parts ("X, Y"), what a
    possessive owns ("UT Southwestern's Simmons Cancer Center"), and a parent it sits in
    ("the Dental Institute at King's College London").  Empty: nothing to compare."""
    t = re.sub(r"['’]s?$", "", inst.text)
    readings = [t]
    pm = None if known_institution(t) or ALIASES.ids(t) else re.match(r"^(.*?)['’]s\s+(.*)$", t)
    if pm:
        owner = pm.group(1)
        if not inst_tokens(owner):
            return []  # "the University's Brain and Mind Centre": which university?
        if _key(owner) in _PLACE_KEYS:
            readings = [pm.group(2)]  # "Britain's Sheffield University"
        else:
            readings += [owner, pm.group(2)]
    if ", " in t and not any(_key(t).startswith(s) for s in _SYSTEM_KEYS):
        readings += [x for x in t.split(", ") if x]
    m = re.compile(r"\s+(?:at|of)\s+").match(text, inst.end)
    if m:
        parent = capture_caps(text, m.end(), limit)
        if parent:
            readings += [parent.text, text[inst.start:parent.end]]
    return readings


_SYSTEM_KEYS = tuple(_key(s) for s in lexicon("affiliations")["systems"])


def readings_match(readings: list[str], affiliations: Sequence[Affiliation] | Sequence[str]) -> bool | None:
    """True when any reading agrees; False when none does and one is clearly an institution;
    else None."""
    affs = [a for a in affiliations if isinstance(a, Affiliation)] + parse_affiliations(
        [a for a in affiliations if isinstance(a, str)])
    verdicts = [agrees(r, affs) for r in readings]
    if any(v for v in verdicts):
        return True
    if all(v is None for v in verdicts):
        return None
    return False


_CAP_WORD = re.compile(r"[^\W_][\w’'\-\.&]*")


def capture_caps(text: str, pos: int, limit: int, stop: set[int] | frozenset = frozenset(),
                 comma: bool = True, articles: bool = True) -> InstSpan | None:
    """The capitalised phrase starting at ``pos`` (after an optional "the"): words joined
    by connectors (of, and, for, in, de...), and ", City" continuations."""
    m = re.compile(r"\s*(?:(?:the|The)\s+)?" if articles else r"\s*").match(text, pos)
    p = m.end() if m else pos
    start = None
    end = None
    words: list[str] = []
    while p < limit:
        wm = _CAP_WORD.match(text, p)
        if not wm and start is not None and text.startswith("&", p):
            nm = re.compile(r"&\s+").match(text, p)
            nxt = _CAP_WORD.match(text, nm.end()) if nm else None
            if nm is not None and nxt and nxt.group()[0].isupper():  # nxt is only set when nm is
                p = nm.end()
                continue
        if not wm:
            break
        w = re.sub(r"\.\d+$", "", wm.group()).rstrip(".")
        wend = wm.start() + len(w)
        lw = fold(w)
        is_word = (w[0].isupper() or any(c.isupper() for c in w[1:3])) and lw not in MONTHS and lw not in WEEKDAYS \
            and not re.fullmatch(YEAR_RE, w)
        if is_word:
            if start is None:
                start = wm.start()
            end = wend
            words.append(w)
            p = wend
        elif start is not None and lw in CONNECTORS and lw not in ("-", "–"):
            # a connector only counts when a capitalised word follows
            nm = re.compile(r"\s+(?:(?:the|The)\s+)?").match(text, wend)
            if not nm:
                break
            nxt = _CAP_WORD.match(text, nm.end())
            if not nxt or not nxt.group()[0].isupper() or fold(nxt.group().rstrip(".")) in _MONTHS_WEEKDAYS:
                break
            if lw == "and" and text[nm.start():nm.end()].strip().lower() == "the":
                break
            p = nm.end()
            continue
        else:
            break
        # what joins this word to the next
        gm = re.compile(r"(\s+[-–]\s+|\s+|,\s+)").match(text, p)
        if not gm:
            break
        sep = gm.group()
        if sep.startswith(","):
            if not comma:
                break
            nxt = _CAP_WORD.match(text, gm.end())
            if not nxt or not nxt.group()[0].isupper() or gm.end() in stop:
                break
            # a ", City" / ", University of X" continuation must end the phrase
            sub = capture_caps(text, gm.end(), limit, stop, comma=False, articles=False)
            if sub is None:
                break
            after = text[sub.end:sub.end + 6]
            if not re.match(r"(?:[.,;:)\]]|\s+(?:who|and|in|where|which|has|have|had|is|was)\b|\s*$)", after):
                break
            end = sub.end
            words.append(sub.text)
            break
        p = gm.end()
    if start is None or end is None:
        return None
    return InstSpan(start, end, text[start:end])


def clean_inst(inst: InstSpan) -> InstSpan:
    t = inst.text
    m = re.match(r"^(?:the|The)\s+", t)
    if m:
        return InstSpan(inst.start + m.end(), inst.end, t[m.end():])
    return inst
