"""Institution names: how the story writes them and whether a name matches one the
citation gives (language layer).

``institution_matches`` compares an institution as written ("Yale", "the Charite in
Berlin", "UCSF") with a person's affiliations by their distinctive words (the generic
words of ``rules/lexicons/institutions.yaml`` ignored), acronyms and unit names
("Perelman" in "Perelman School of Medicine"); ``capture_caps`` reads a capitalised name
out of a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .cues import YEAR_RE
from .lexicons import lexicon
from .names import COUNTRIES, MONTHS, WEEKDAYS, fold

_INST = lexicon("institutions")
GENERIC_INST = frozenset(_INST["generic"])
CONNECTORS = frozenset(_INST["connectors"])
_MONTHS_WEEKDAYS = MONTHS | WEEKDAYS


@dataclass
class InstSpan:
    start: int
    end: int
    text: str


def inst_tokens(name: str) -> list[str]:
    toks = [t for t in re.split(r"[^\w']+", fold(name)) if t]
    out = []
    for t in toks:
        t = t.replace("'", "")
        if not t or t in GENERIC_INST or t in COUNTRIES or t.startswith("universit"):
            continue
        out.append(t)
    return out


def _acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s,\-–]+", name) if w and fold(w) not in CONNECTORS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _tok_eq(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 90)


def _unit_names(name: str) -> set[str]:
    """Distinctive words that name a unit: the word before "School", "College",
    "University"... ("Perelman" in "Perelman School of Medicine")."""
    words = [w for w in re.split(r"[^\w']+", fold(name)) if w]
    out = set()
    for a, b in zip(words, words[1:]):
        a = a.replace("'", "")
        if a in GENERIC_INST or a in COUNTRIES or a.startswith("universit"):
            continue
        if b in GENERIC_INST and b not in CONNECTORS or b.startswith("universit"):
            out.add(a)
    return out


def institution_matches(mention: str, affiliations: list[str]) -> bool | None:
    """Does an institution as the story writes it match one of these affiliations?
    None: the mention has nothing distinctive to compare ("the university")."""
    if not affiliations:
        return None
    variants = [mention]
    low = mention.lower()
    if " in " in low:
        variants.append(mention[: low.index(" in ")])
    verdict: bool | None = None
    for v in variants:
        core = v.strip()
        bare = re.sub(r"^(?:the|The)\s+", "", core)
        if re.fullmatch(r"[A-Z]{2,6}", bare):
            for a in affiliations:
                if _acronym(a) == bare or bare in re.split(r"[\s,()\-–]+", a):
                    return True
        m_toks = inst_tokens(v)
        if not m_toks:
            continue
        verdict = False
        union: list[str] = []
        heads: list[str] = []
        for a in affiliations:
            at = inst_tokens(a)
            if not at:
                at = [t for t in re.split(r"[^\w']+", fold(a)) if t and t not in CONNECTORS]
            union.extend(at)
            if at:
                heads.append(at[0])
                if len(at) == 1 and _tok_eq(m_toks[0], at[0]):
                    return True  # "Imperial College London" for "Imperial College"
        if all(any(_tok_eq(m, u) for u in union) for m in m_toks):
            if any(any(_tok_eq(h, m) for m in m_toks) for h in heads):
                return True
            units = _unit_names(v)
            if any(units & _unit_names(a) for a in affiliations):
                return True
    return verdict


def inst_readings(text: str, inst: InstSpan, limit: int) -> list[str]:
    """The ways to read an institution phrase: as written, its parts ("X, Y"), what a
    possessive owns ("UT Southwestern's Simmons Cancer Center"), and a parent it sits in
    ("the Dental Institute at King's College London").  Empty: nothing to compare."""
    t = re.sub(r"['’]s?$", "", inst.text)
    readings = [t]
    pm = re.match(r"^(.*?)['’]s\s+(.*)$", t)
    if pm:
        if not inst_tokens(pm.group(1)):
            return []  # "the University's Brain and Mind Centre": which university?
        readings += [pm.group(1), pm.group(2)]
    if ", " in t:
        readings += [x for x in t.split(", ") if x]
    m = re.compile(r"\s+(?:at|of)\s+").match(text, inst.end)
    if m:
        parent = capture_caps(text, m.end(), limit)
        if parent:
            readings += [parent.text, text[inst.start:parent.end]]
    return readings


def readings_match(readings: list[str], affiliations: list[str]) -> bool | None:
    verdicts = [institution_matches(r, affiliations) for r in readings]
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
