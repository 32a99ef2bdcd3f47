"""Affiliation strings read the way an editor reads them (language layer).

A citation's affiliation is often PubMed's one line: ``School of Health and Population
Sciences, University of Birmingham, Birmingham B15 2TT, UK. k.jolly@bham.ac.uk``.
``parse_affiliations`` turns it into its units (department, institute, institution,
hospital, organisation, city, region, country), with e-mail addresses, postcodes and
street addresses dropped; a string that holds several affiliations (";"-separated,
numbered "1 ... 2 ...", or PubMed's "(P.M.O.), and the Institute ...") gives several.

The e-mail address is not a unit and is never shown, but its domain is kept
(``Affiliation.domains``): ``soton.ac.uk`` says Southampton to an editor even where the
string names another university.  A former affiliation in parentheses ("(previously
Florida State University)") is kept apart (``Affiliation.former``).

The words that tell the kinds apart, and the parts that are addresses, are data in
``rules/lexicons/affiliations.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import lexicon
from .names import DISCIPLINES, fold

_AFF = lexicon("affiliations")
_KINDS: dict[str, tuple[str, ...]] = {k: tuple(fold(w) for w in v) for k, v in _AFF["kinds"].items()}
_UNIT_OF = frozenset(fold(w) for w in _AFF["unit_of"])
_ADDRESS = frozenset(fold(w) for w in _AFF["address_words"])
_ADDRESS_START = tuple(fold(w) for w in _AFF["address_starts"])
COUNTRIES = frozenset(fold(w) for w in _AFF["countries"])
REGIONS = frozenset(fold(w) for w in _AFF["regions"])
_FORMER = tuple(fold(w) for w in _AFF["former_words"])
_EMAIL_LABELS = "|".join(re.escape(w) for w in _AFF["email_labels"])
_SYSTEMS = tuple(fold(w) for w in _AFF["systems"])

_PART_HEADS = frozenset({"school", "college", "academy"})  # "School of Medicine": a part, not an institution
PLACE_KINDS = frozenset({"city", "region", "country"})

# ---------------------------------------------------------------------------------
# units
# ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One part of an affiliation: its kind and its name as written."""

    kind: str  # department | institute | institution | hospital | organisation | city | region | country
    name: str
    acronym: str = ""  # given in parentheses after it: "Kenya Medical Research Institute (KEMRI)"

    @property
    def place(self) -> bool:
        return self.kind in PLACE_KINDS


@dataclass(frozen=True)
class Affiliation:
    """One affiliation: its units in the order written, and the e-mail domains given with it."""

    units: tuple[Unit, ...]
    domains: tuple[str, ...] = ()
    former: tuple[Unit, ...] = ()

    @property
    def named(self) -> tuple[Unit, ...]:
        """The units that are not places."""
        return tuple(u for u in self.units if not u.place)

    @property
    def places(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.place)

    def main(self) -> Unit | None:
        """The institution of this affiliation (a university, else a hospital, else the last
        named unit): what an editor would write after "of"."""
        for kind in ("institution", "hospital"):
            us = [u for u in self.units if u.kind == kind]
            if us:
                return us[-1] if kind == "hospital" else us[0]
        named = self.named
        return named[-1] if named else None

    def label(self) -> str:
        """The units, comma-separated: the affiliation without its e-mail address, postcode
        and street address."""
        return ", ".join(u.name for u in self.units)


# ---------------------------------------------------------------------------------
# cleaning
# ---------------------------------------------------------------------------------

_EMAIL = re.compile(
    rf"(?:\b(?:{_EMAIL_LABELS})\s*[:.]?\s*)?[\w.+\-]+(?:\s+\.[\w.+\-]+)?\s*@\s*([\w\-]+(?:\.[\w\-]+)+)", re.I)
_LABEL_LEFT = re.compile(rf"\b(?:{_EMAIL_LABELS})\s*[:.]?\s*$", re.I)
_POSTCODES = [
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),  # UK: B15 2TT, CB20SZ
    re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"),  # Canada: M5S 1A8
    re.compile(r"\b\d{4}\s?[A-Z]{2}\b"),  # the Netherlands: 3800 BM
    re.compile(r"\b(?:[A-Z]{1,2}-)?\d{4,6}(?:-\d{3,4})?\b"),  # zip codes and most others: 14853, 75080-3021, D-80336
]
_INITIALS_PAREN = re.compile(r"\s*\((?:[A-Z]\.\s?-?){1,5}(?:\s*,\s*(?:[A-Z]\.\s?-?){1,5})*\)")
_ACRONYM_PAREN = re.compile(r"\s*\(([A-Z][A-Za-z&\-]{1,11})\)")
_FORMER_PAREN = re.compile(r"\(\s*(?:" + "|".join(re.escape(w) for w in _FORMER) + r")\b[:,]?\s*([^()]*)\)", re.I)
_LEAD = re.compile(r"^(?:from\s+)?(?:and\s+)?(?:the\s+)?", re.I)
_NUMBER_MARK = re.compile(r"(?:^|(?<=[\s,;.]))\(?(\d{1,2})[.)]?\s+(?=[A-Z])")


def _strip_postcodes(part: str) -> str:
    for rx in _POSTCODES:
        part = rx.sub(" ", part)
    return re.sub(r"\s+", " ", part).strip(" ,.-")


def scrub(text: str) -> str:
    """The text without e-mail addresses and postcodes (for messages that must quote one)."""
    t = _EMAIL.sub("", text)
    t = _LABEL_LEFT.sub("", t)
    return re.sub(r"\s+([,.])", r"\1", _strip_postcodes(t)).strip(" ,.;")


# ---------------------------------------------------------------------------------
# splitting
# ---------------------------------------------------------------------------------

def _split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == sep and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _numbered(text: str) -> list[str] | None:
    """"1 Department of X, ... 2 Institute of Y, ...": the affiliations, or None."""
    marks = []
    want = 1
    for m in _NUMBER_MARK.finditer(text):
        if int(m.group(1)) == want:
            marks.append(m)
            want += 1
    if len(marks) < 2 or text[: marks[0].start()].strip(" ,;."):
        return None
    return [text[a.end(): b.start() if b is not None else len(text)]
            for a, b in zip(marks, marks[1:] + [None])]


def words_of(part: str) -> list[str]:
    return [w for w in re.split(r"[^\w'&]+", fold(part)) if w]


def _has(words: list[str], phrase: str) -> bool:
    p = phrase.split()
    if len(p) == 1:
        return phrase in words
    return any(words[i:i + len(p)] == p for i in range(len(words) - len(p) + 1))


def _is_place(part: str) -> str | None:
    f = fold(part).strip(" .")
    f = re.sub(r"^the\s+", "", f) if f.startswith("the ") and f[4:] in COUNTRIES else f
    if f in COUNTRIES:
        return "country"
    if f in REGIONS:
        return "region"
    return None


def _is_address(part: str) -> bool:
    f = fold(part)
    if re.search(r"\d", part):
        return True  # a postcode has gone: digits left are a street number, a box, a floor
    if f.startswith(_ADDRESS_START):
        return True
    words = words_of(part)
    cut = next((i for i, w in enumerate(words) if w in _UNIT_OF and i > 0), len(words))
    # "Oakfield House", "Herchel Smith Building for Brain and Mind Sciences", "Campus for Ageing"
    return bool(words) and words[cut - 1] in _ADDRESS and cut <= 5 and head_kind(words[:cut]) is None


def head_kind(words: list[str]) -> str | None:
    """The kind a part's head word gives, or None: the head is the last head word before
    "of"/"for" ("Institute of Cancer Sciences", "London School of Economics"), else the last
    one ("Weston Park Hospital"); a longer head wins a tie ("Meander Medical Centre")."""
    cut = next((i for i, w in enumerate(words) if w in _UNIT_OF and i > 0), len(words))
    found: list[tuple[int, int, str]] = []  # (start, end, kind)
    for kind, heads in _KINDS.items():
        for h in heads:
            hw = h.split()
            for i in range(len(words) - len(hw) + 1):
                if words[i:i + len(hw)] == hw:
                    k = kind
                    # "School of Medicine", "College of Life Sciences": a part of an institution
                    if hw[0] in _PART_HEADS and i == 0 and i + 1 < len(words) and words[i + 1] in _UNIT_OF:
                        k = "department"
                    found.append((i, i + len(hw) - 1, k))
    if not found:
        return None
    before = [f for f in found if f[0] < cut]
    pool = before or found
    return max(pool, key=lambda f: (f[1], f[1] - f[0]))[2]


def split_and(part: str) -> list[str]:
    """"Dana-Farber Cancer Institute and Harvard Medical School": two units when both sides
    have a head word and the right one starts with a capital."""
    m = list(re.finditer(r"\s+(?:and|&)\s+(?=[A-Z])", part))
    for a in m:
        left, right = part[: a.start()], part[a.end():]
        # "School of Health and Population Sciences": the right side has no head word
        if head_kind(words_of(left)) and head_kind(words_of(right)):
            return [left] + split_and(right)
    return [part]


def _continuations(parts: list[str]) -> list[str]:
    """"College of Medical, Veterinary and Life Sciences", "Department of Physiology, Anatomy,
    and Genetics": a subject list cut by commas is one unit."""
    out: list[str] = []
    for i, p in enumerate(parts):
        if out:
            prev = words_of(out[-1])
            nxt = parts[i + 1] if i + 1 < len(parts) else ""
            listy = re.search(r"\s(?:and|&)\s|^(?:and|&)\s", p) or re.match(r"\s*(?:and|&)\s", nxt)
            if listy and any(w in _UNIT_OF for w in prev[1:]) and head_kind(words_of(p)) is None \
                    and not _is_place(p) and not re.search(r"\d", p) and not re.match(r"(?i)\s*the\b", p):
                out[-1] = f"{out[-1]}, {p.strip()}"
                continue
        out.append(p)
    return out


def _system_join(parts: list[str]) -> list[str]:
    """"University of California, San Francisco": the campus belongs to the name."""
    out: list[str] = []
    i = 0
    while i < len(parts):
        p = parts[i]
        if i + 1 < len(parts) and fold(p).strip() in _SYSTEMS and not _is_place(parts[i + 1]) \
                and not head_kind(words_of(parts[i + 1])) and not re.search(r"\d", parts[i + 1]):
            out.append(f"{p}, {parts[i + 1].strip()}")
            i += 2
            continue
        out.append(p)
        i += 1
    return out


# ---------------------------------------------------------------------------------
# parsing
# ---------------------------------------------------------------------------------

def _units(text: str) -> tuple[list[Unit], int]:
    """The units of one affiliation (no e-mail left in it); and how many were named."""
    raw = _continuations([p.strip() for p in _split_top(text, ",") if p.strip(" .")])
    raw = [_LEAD.sub("", p).strip(" .") for p in raw if p.strip(" .")]
    raw = _system_join(raw)
    units: list[Unit] = []
    seen_named = False
    for part in raw:
        acro = ""
        am = _ACRONYM_PAREN.search(part)
        if am:
            acro = am.group(1)
            part = (part[: am.start()] + part[am.end():]).strip()
        part = re.sub(r"\s*\([^()]*\)", "", part).strip(" .-")  # other remarks in parentheses
        if not part:
            continue
        place = _is_place(part)
        if place:
            units.append(Unit(place, part))
            continue
        cleaned = _strip_postcodes(part)
        if cleaned != part:
            if not cleaned or _is_address(cleaned):
                continue
            part = cleaned
            place = _is_place(part)
            if place:
                units.append(Unit(place, part))
                continue
        if _is_address(part):
            continue
        for n, piece in enumerate(split_and(part)):
            piece = _LEAD.sub("", piece.strip()).strip(" .")
            if not piece:
                continue
            words = words_of(piece)
            kind = head_kind(words)
            if kind is None:
                # no head word: a city after the named units ("Birmingham"), else an
                # organisation or a department named by its subject ("Politics and
                # International Relations", "Breast Cancer Care")
                if words and all(w in DISCIPLINES or w in _UNIT_OF or w == "and" for w in words):
                    kind = "department"  # "Cardiology", "Public Health"
                elif re.fullmatch(r"[A-Z]{3,8}", piece) and not text.isupper():
                    kind = "organisation"  # an acronym, not a city: "Faculty of Epidemiology, LSHTM, London"
                elif seen_named and len(words) <= 4 and piece[:1].isupper():
                    kind = "city"
                else:
                    kind = "organisation"
            if kind not in PLACE_KINDS:
                seen_named = True
            units.append(Unit(kind, piece, acro if n == 0 else ""))
    named = sum(1 for u in units if not u.place)
    # one name repeated as a city ("Birmingham, University of Birmingham, Edgbaston, Birmingham")
    out: list[Unit] = []
    for u in units:
        if any(fold(v.name) == fold(u.name) and v.kind == u.kind for v in out):
            continue
        out.append(u)
    return out, named


def _segments(text: str) -> list[str]:
    """The affiliations in one string."""
    text = _INITIALS_PAREN.sub(";", text)
    segs: list[str] = []
    for s in _split_top(text, ";"):
        num = _numbered(s.strip())
        segs.extend(num if num else [s])
    out: list[str] = []
    for s in segs:
        # "..., Leeds, UK. Department of X, ...": a new affiliation after a place and a full stop
        pieces = re.split(r"\.\s+(?=[A-Z])", s)
        cur = pieces[0]
        for p in pieces[1:]:
            last = _split_top(cur, ",")[-1]
            if _is_place(last) or _is_place(_strip_postcodes(last)):
                out.append(cur)
                cur = p
            else:
                cur = f"{cur}. {p}"
        out.append(cur)
    return [s for s in (x.strip(" ;,.-") for x in out) if s]


@lru_cache(maxsize=4096)
def parse_affiliation(text: str) -> tuple[Affiliation, ...]:
    """The affiliations one affiliation string holds (most hold one)."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if not text:
        return ()
    domains = tuple(dict.fromkeys(m.group(1).lower().rstrip(".") for m in _EMAIL.finditer(text)))
    text = _EMAIL.sub(" ", text)
    former: list[Unit] = []
    for fm in _FORMER_PAREN.finditer(text):
        for seg in _segments(fm.group(1)):
            former.extend(u for u in _units(seg)[0] if not u.place)
    text = _FORMER_PAREN.sub(" ", text)
    text = re.sub(r"\s+", " ", _LABEL_LEFT.sub("", text)).strip()
    affs: list[Affiliation] = []
    for seg in _segments(text):
        seg = _LEAD.sub("", seg)
        if not seg[:1].isupper() and not seg[:1].isdigit():
            continue  # "- both in Canada": a remark, not an affiliation
        units, named = _units(seg)
        if named == 0:
            if affs and units:  # "- both in Canada": places of the one before
                continue
            if not units:
                continue
        affs.append(Affiliation(tuple(units), domains, tuple(former)))
    if not affs and (domains or former):
        affs.append(Affiliation((), domains, tuple(former)))
    return tuple(affs)


def parse_affiliations(strings: list[str] | tuple[str, ...]) -> list[Affiliation]:
    """Every affiliation a person's affiliation strings hold."""
    return [a for s in strings for a in parse_affiliation(str(s))]


def labels(affs: list[Affiliation]) -> str:
    """The affiliations for a message: their units, "; "-separated."""
    return "; ".join(dict.fromkeys(a.label() for a in affs if a.units))
