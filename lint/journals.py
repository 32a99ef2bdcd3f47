"""Journal names (language layer): whether a name in a story is the citation's journal,
and where a sentence names the journal that published a study.

- ``journal_identity(written, journal, aliases)``: ``SAME``, ``DIFFERENT`` or ``UNSURE``,
  the way an editor decides.  The same journal: NLM title forms (a place or year in
  brackets, ``: subtitle``, sections such as ``The Lancet. Infectious Diseases`` or
  ``Proceedings of the Royal Society. B, Biological Sciences``), a leading "The", ``&``
  and "and", case and punctuation, UK and US spellings, ISO and MEDLINE abbreviations and
  acronyms, and every name the journal lexicon (``rules/lexicons/journals.yaml``) or the
  citation (``journal_aliases``) gives.  A different journal only when that is certain: a
  known journal other than the citation's ("The Lancet" for ``Lancet Infectious
  Diseases``, "Nature" for ``Nature Medicine``), or a journal-like name sharing nothing
  that could make it a shortened, lengthened or misspelt form of the citation's.
  Publishers and families ("Public Library of Science", "the Royal Society"), truncations
  ("Breast Cancer" for "Breast Cancer Research") and near spellings are ``UNSURE``.
- ``journal_mentions(sentence)``: the journal names a sentence gives as where a study
  was published or reported ("published in X", "the authors write in X", "in the journal
  X", "a JAMA Pediatrics study", "in this week's issue of X").
- ``display_name(journal)``: the name a reader knows (``The Lancet`` for ``Lancet
  (London, England)``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from rapidfuzz import fuzz

from .lexicons import lexicon
from .names import fold

SAME, DIFFERENT, UNSURE = "same", "different", "unsure"


# ---------------------------------------------------------------------------------
# normal forms
# ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    spellings: tuple[tuple[str, str], ...]
    contractions: tuple[tuple[re.Pattern, str], ...]
    stopwords: frozenset[str]
    families: frozenset[str]
    journal_words: frozenset[str]
    strong_words: frozenset[str]
    not_journal_words: frozenset[str]
    family_suffixes: frozenset[str]
    names: tuple[tuple[str, ...], ...]  # per journal: its names as written
    index: dict[str, int] = field(hash=False)  # normal form of a name -> journal

    @property
    def spelling_rx(self) -> re.Pattern | None:
        """One pattern for every UK prefix at a word's start, longest first (as ``spellings``)."""
        return _spelling_rx(self.spellings)


@cache
def _lex() -> _Lexicon:
    data = lexicon("journals")
    spell = tuple(sorted(((str(k), str(v)) for k, v in (data.get("spellings") or {}).items()),
                         key=lambda kv: -len(kv[0])))
    contr = tuple((re.compile(rf"\b{re.escape(str(k))}\b"), str(v))
                  for k, v in (data.get("contractions") or {}).items())
    stop = frozenset(str(w) for w in data.get("stopwords") or [])
    base = _Lexicon(spell, contr, stop, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), (), {})
    names = tuple(tuple(str(n) for n in entry) for entry in data.get("journals") or [])
    index: dict[str, int] = {}
    for i, entry in enumerate(names):
        for n in entry:
            for f in _forms_with(base, n).exact:
                index.setdefault(f, i)
    families = frozenset(_norm_with(base, str(f)) for f in data.get("families") or [])

    def words(key: str) -> frozenset[str]:
        return frozenset(fold(str(w)) for w in data.get(key) or [])

    return _Lexicon(spell, contr, stop, families, words("journal_words"), words("strong_words"),
                    words("not_journal_words"), words("family_suffixes"), names, index)


@lru_cache(maxsize=4)
def _spelling_rx(spellings: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    if not spellings:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(uk) for uk, _ in spellings) + ")")


_POSSESSIVE_S = re.compile(r"['’]s\b")
_NON_WORD = re.compile(r"[^\w\s]")


def _norm_with(lex: _Lexicon, name: str) -> str:
    t = fold(name).replace("&", " and ")
    t = _POSSESSIVE_S.sub("s", t)
    t = _NON_WORD.sub(" ", t)
    rx = lex.spelling_rx
    if rx is not None:  # UK prefixes in their US form, at the start of words
        us = dict(lex.spellings)
        t = rx.sub(lambda m: us[m.group(0)], t)
    t = " ".join(t.split())
    for rx, short in lex.contractions:
        t = rx.sub(short, t)
    t = re.sub(r"^the\s+", "", t)
    return " ".join(t.split())


@lru_cache(maxsize=16384)
def norm_journal(name: str) -> str:
    """A journal name compared on its words: folded, ``&`` as "and", no punctuation, no
    leading "the", UK spellings in their US form ("Behaviour" -> "behavior")."""
    return _norm_with(_lex(), name)


@dataclass
class TitleForms:
    """The normal forms of one title: ``exact`` (names of this journal), ``loose``
    (descriptive subtitles: "a Journal of Neurology") and ``parents`` (the family a section
    belongs to: "Lancet" for "The Lancet. Infectious Diseases")."""

    exact: set[str]
    loose: set[str]
    parents: set[str]


_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_SECTION = re.compile(r"^(?P<letter>[A-Z])(?:\s*[,.:]\s*|\s+)(?P<title>.*)$")


def _is_acronym_of(short: str, full: str, stop: frozenset[str]) -> bool:
    s = short.replace(" ", "")
    words = [w for w in full.split() if w not in stop]
    return len(s) >= 2 and len(words) >= 2 and "".join(w[0] for w in words) == s


def _forms_with(lex: _Lexicon, title: str) -> TitleForms:
    out = TitleForms(set(), set(), set())

    def add(text: str, into: set[str]) -> None:
        n = _norm_with(lex, text)
        if n:
            into.add(n)

    t = _BRACKETS.sub("", title).strip()
    add(t, out.exact)
    # NLM "Title : subtitle"; a subtitle is another name when it spells the title out
    sm = re.search(r"\s+:\s+|\s*=\s*", t)
    main, sub = (t[:sm.start()], t[sm.end():]) if sm else (t, "")
    if sub:
        add(main, out.exact)
        nm, ns = _norm_with(lex, main), _norm_with(lex, sub)
        if _is_acronym_of(nm, ns, lex.stopwords) or _is_acronym_of(ns, nm, lex.stopwords):
            out.exact.add(ns)
        else:
            out.loose.add(ns)
    # "Jama, the Journal of the American Medical Association"; "X, and Allied Disciplines"
    cm = re.match(r"^(.*?),\s+(the|and)\s+(.*)$", main)
    if cm:
        head, kind, rest = cm.group(1), cm.group(2), cm.group(3)
        nh, nr = _norm_with(lex, head), _norm_with(lex, rest)
        if kind == "and":
            out.exact.add(nh)
        elif _is_acronym_of(nh, nr, lex.stopwords):
            out.exact.update({nh, nr})
    # NLM sections: "The Lancet. Infectious Diseases", "Proceedings ... Society. B, Biological Sciences"
    parts = re.split(r"\.\s+", main, maxsplit=1)
    if len(parts) == 2 and parts[1]:
        family, section = parts
        out.parents.add(_norm_with(lex, family))
        add(f"{family} {section}", out.exact)
        sm = _SECTION.match(section)
        if sm:
            add(f"{family} {sm.group('letter')}", out.exact)
            add(f"{family} {sm.group('letter')} {sm.group('title')}", out.exact)
    return out


def title_forms(title: str) -> TitleForms:
    """The normal forms of a title (a fresh copy: callers may add to it)."""
    f = _cached_forms(title)
    return TitleForms(set(f.exact), set(f.loose), set(f.parents))


@lru_cache(maxsize=4096)
def _cached_forms(title: str) -> TitleForms:
    return _forms_with(_lex(), title)


@lru_cache(maxsize=1024)
def _all_names_forms(journal: str, aliases: tuple[str, ...]) -> frozenset[str]:
    """Every normal form of the journal's names: its title, its aliases and the lexicon's
    other names of it."""
    lex = _lex()
    forms = set(_cached_forms(journal).exact)
    for a in aliases:
        forms |= _cached_forms(a).exact
    for k in {lex.index[f] for f in forms if f in lex.index}:
        for n in lex.names[k]:
            forms |= _cached_forms(n).exact
    return frozenset(f for f in forms if len(f) >= 3)


def known_journal(name: str) -> int | None:
    """The lexicon's journal this name is one of, or None."""
    lex = _lex()
    for f in title_forms(name).exact:
        if f in lex.index:
            return lex.index[f]
    return None


def display_name(journal: str) -> str:
    """The name readers know: the lexicon's common name, else the title without NLM's
    place in brackets and subtitle."""
    k = known_journal(journal)
    if k is not None:
        return _lex().names[k][0]
    t = _BRACKETS.sub("", journal).strip()
    return re.split(r"\s+:\s+", t, maxsplit=1)[0].strip() or journal


# ---------------------------------------------------------------------------------
# identity
# ---------------------------------------------------------------------------------

def _abbrev_word(s: str, f: str) -> bool:
    """"natl" for "national", "j" for "journal": same first letter, the rest in order."""
    if s == f:
        return True
    if not s or s[0] != f[0] or len(s) >= len(f):
        return False
    it = iter(f[1:])
    return all(ch in it for ch in s[1:])


def _abbrev_of(short: str, full: str, stop: frozenset[str] = frozenset()) -> bool:
    """"N Engl J Med" for "New England Journal of Medicine"; "NEJM" too."""
    s_words = [w for w in short.split() if w not in stop]
    f_words = [w for w in full.split() if w not in stop]
    if len(s_words) == 1 and len(f_words) >= 2 and len(s_words[0]) >= 2 \
            and "".join(w[0] for w in f_words) == s_words[0]:
        return True
    if len(s_words) != len(f_words) or len(s_words) < 2 or s_words == f_words:
        return False
    return all(_abbrev_word(s, f) for s, f in zip(s_words, f_words))


def _content(n: str, lex: _Lexicon) -> frozenset[str]:
    return frozenset(w for w in n.split() if w not in lex.stopwords and w not in ("journal", "journals"))


def looks_journal(name: str, extra: Iterable[str] = ()) -> bool:
    """A name the lexicon knows, or one with a word that journals' names have ("Journal",
    "Annals", "Pediatrics" ...) and none of an organisation's ("Institute", "Council",
    "Cancer Research UK"); ``extra``: more journal words."""
    lex = _lex()
    if known_journal(name) is not None:
        return True
    toks = {t for t in re.split(r"[^\w']+", fold(name)) if t}
    if toks & lex.strong_words:
        return True
    if toks & lex.not_journal_words or toks <= lex.stopwords:
        return False
    return bool(toks & (lex.journal_words | set(extra)))


def journal_identity(written: str, journal: str, aliases: Iterable[str] = (),
                     journal_like: bool | None = None) -> str:
    """Is the name a story writes (``written``) the citation's ``journal`` (with its
    other names, ``aliases``)?  ``SAME``, ``DIFFERENT`` (certain) or ``UNSURE``.
    ``journal_like``: the story says the name is a journal's ("the journal X"); by
    default, the name has a journal's words."""
    lex = _lex()
    cf = title_forms(journal)
    for a in aliases:
        af = title_forms(a)
        cf.exact |= af.exact
        cf.loose |= af.loose
    c_known = {lex.index[f] for f in cf.exact if f in lex.index}
    for k in c_known:
        for n in lex.names[k]:
            cf.exact |= title_forms(n).exact
    wf = title_forms(written)
    if wf.exact & cf.exact:
        return SAME
    w_known = {lex.index[f] for f in wf.exact if f in lex.index}
    if w_known & c_known:
        return SAME
    if any(_abbrev_of(x, y, lex.stopwords) or _abbrev_of(y, x, lex.stopwords)
           for x in wf.exact for y in cf.exact):
        return SAME
    w = _norm_with(lex, _BRACKETS.sub("", written))
    if w in lex.families or w in cf.parents and not w_known:
        return UNSURE
    if w_known:
        return DIFFERENT
    if wf.exact & cf.loose:
        return UNSURE
    cw = _content(w, lex)
    for f in cf.exact:
        extra = w[len(f):].split() if w.startswith(f + " ") else []
        if extra and set(extra) <= lex.family_suffixes:
            return DIFFERENT  # "Human Reproduction Update" for "Human Reproduction": a sister journal
    for f in cf.exact | cf.loose | cf.parents:
        cc = _content(f, lex)
        if cw and cc and (cw <= cc or cc <= cw):
            return UNSURE  # cut or lengthened: "Breast Cancer" for "Breast Cancer Research"
        if fuzz.ratio(w, f) >= 85:
            return UNSURE  # misspelt
    if journal_like is None:
        journal_like = looks_journal(written)
    return DIFFERENT if journal_like else UNSURE


def journals_same(a: str, b: str, aliases: Iterable[Iterable[str]] = ()) -> bool:
    """Are ``a`` and ``b`` names of one journal (``aliases``: groups of names of one journal)?"""
    groups = [list(g) for g in aliases]
    extra = [n for g in groups for n in g if any(journal_identity(x, b) == SAME for x in g)]
    return journal_identity(a, b, extra) == SAME


def names_journal(sentence: str, journal: str, aliases: Iterable[str] = ()) -> bool:
    """Does this sentence name the journal (any of its names) anywhere?"""
    text = " " + norm_journal(sentence) + " "
    return any(f" {f} " in text for f in _all_names_forms(journal, tuple(aliases)))


# ---------------------------------------------------------------------------------
# mentions
# ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class JournalMention:
    """A journal named in a sentence: offsets into the text given, the name as written,
    whether the text calls it a journal ("the journal X", "the X journal"), and the other
    readings of the name (shorter or longer ones it may be)."""

    start: int
    end: int
    name: str
    explicit: bool
    readings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Mentions:
    report: re.Pattern
    journal_noun: re.Pattern
    after: re.Pattern
    in_heads: frozenset[str]
    positions: frozenset[str]
    publishing: re.Pattern
    not_journals: frozenset[str]
    places: frozenset[str]
    stops: frozenset[str]
    # a sentence without one of these words names no journal (a cheap first test):
    into_cues: frozenset[str]  # journal nouns, report and publishing words ("published in X")
    det_cues: frozenset[str]  # the nouns after a journal's name ("a JAMA study")


@cache
def _mention_words() -> _Mentions:
    m = lexicon("journals").get("mentions") or {}

    def alt(key: str) -> str:
        return "|".join(sorted((re.escape(str(w)) for w in m.get(key) or []), key=len, reverse=True))

    def first_words(*keys: str) -> frozenset[str]:
        out = set()
        for key in keys:
            for w in m.get(key) or []:
                first = _LOWER_WORD.findall(str(w).lower())
                if first:
                    out.add(first[0])
        return frozenset(out)

    return _Mentions(
        into_cues=first_words("journal_nouns", "report_words", "publishing_words"),
        det_cues=first_words("after_nouns"),
        report=re.compile(rf"(?i)\b(?:{alt('report_words')})\b"),
        journal_noun=re.compile(rf"(?i)\b(?:{alt('journal_nouns')})\s+(?:called\s+|titled\s+|named\s+)?"
                                rf"(?=[A-Z]|[a-z]{{1,3}}[A-Z])(?!Of\b)"),
        after=re.compile(rf"\s+(?:{alt('after_nouns')})\b"),
        in_heads=frozenset(fold(str(w)) for w in m.get("in_heads") or []),
        positions=frozenset(fold(str(w)) for w in m.get("position_words") or []),
        publishing=re.compile(rf"(?i)\b(?:{alt('publishing_words')})\s+$"),
        not_journals=frozenset(norm_journal(str(w)) for w in m.get("not_journals") or []),
        places=frozenset(fold(str(w)) for w in lexicon("institutions").get("countries") or [])
        | frozenset(fold(str(w)) for w in m.get("places") or []),
        stops=frozenset(fold(str(w)) for w in m.get("stop_words") or []),
    )


_WORD = re.compile(r"(?:[A-Z][\w'’\-]*|[a-z]{1,3}[A-Z][\w'’\-]*)(?:\.(?=\s+[A-Z]))?")
_CONN = re.compile(r"[ \u00a0]*[-–—][ \u00a0]*|[ \u00a0]*:[ \u00a0]+"
                   r"|(?:[ \u00a0](?:of|and|&|the|for|in|on|de|y|to|et)(?=[ \u00a0]))*[ \u00a0]")
# "Arteriosclerosis, Thrombosis, and Vascular Biology": a list of capitalised words ending in "and X"
_LIST = re.compile(r"(?:,[ \u00a0]+[A-Z][\w'’\-]*(?:[ \u00a0]+[A-Z][\w'’\-]*)?)+,?[ \u00a0]+(?:and|&)[ \u00a0]+"
                   r"[A-Z][\w'’\-]*(?:[ \u00a0]+[A-Z][\w'’\-]*)*(?=\s*(?:[.,;:)”\"]|$))")
_INTO = re.compile(r"(?<![\w-])(?:[Ii]n|[Tt]o|[Ii]nto|(?<=published\s)by|(?<=released\s)by|(?<=online\s)by)\s+"
                   r"(?:(?:the|an?|its|this)\s+)?"
                   r"(?:(?:latest|current|recent|online|print|same|special|upcoming|early|advance|"
                   r"(?:this|next|last)\s+(?:week|month)['’]s|(?:week|month)['’]s|"
                   r"(?:[A-Z][a-z]+\s+)?\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?|[A-Z][a-z]+\s+\d{4})\s+)*"
                   r"(?:(?:issue|issues|edition|supplement|version|number|volume)\s+of\s+(?:the\s+)?)?")
_ISSUE_OF = re.compile(r"\s+(?:issue|edition|supplement)\s+of\s+(?:the\s+)?")
_DET = re.compile(r"\b(?:[Tt]he|[Aa]n?|[Rr]ecent|[Ll]atest)\s+")


def _capture(text: str, pos: int, end: int, mw: _Mentions) -> tuple[int, int] | None:
    """The capitalised name starting at ``pos``: words joined by "of", "and", "&", "the",
    "for", ":" and hyphens ("Journal of Allergy and Clinical Immunology: In Practice");
    "in" only after words such as "Frontiers" ("Frontiers in Neuroscience")."""
    m = _WORD.match(text, pos, end)
    if not m or fold(m.group().rstrip(".")) in mw.stops:
        return None
    last = m.end()
    while True:
        c = _CONN.match(text, last, end)
        if not c:
            break
        nxt = _WORD.match(text, c.end(), end)
        joint = c.group()
        if not nxt or (fold(nxt.group().rstrip(".")) in mw.stops and ":" not in joint):
            break
        if re.search(r"\bin\b", joint):
            prev = fold(re.findall(r"[\w'’\-]+", text[pos:last])[-1])
            word = fold(nxt.group())
            if prev not in mw.in_heads and (re.search(r"\bthe\b", joint) or word in mw.places):
                break
        if re.search(r"\bto\b", joint):
            break
        last = nxt.end()
    lm = _LIST.match(text, last, end)
    if lm:
        last = lm.end()
    name = text[pos:last].rstrip(".")
    return (pos, pos + len(name)) if name else None


def journal_name_at(text: str, pos: int, end: int) -> JournalMention | None:
    """The capitalised name at ``pos`` (after an optional "the"), as a mention."""
    m = re.compile(r"\s*(?:the\s+)?").match(text, pos, end)
    span = _capture(text, m.end() if m else pos, end, _mention_words())
    if span is None:
        return None
    s, e = span
    return JournalMention(s, e, text[s:e], False, _readings(text, s, e, end))


def _readings(text: str, s: int, e: int, end: int) -> tuple[str, ...]:
    """Other readings of a name: shorter (before a colon, after a possessive publisher)
    and longer (the next few words whatever their case: "Breast Cancer research")."""
    name = text[s:e]
    out = []
    if ":" in name:
        out.append(name.split(":", 1)[0].strip())
    pm = re.search(r"^.*['’]s\s+", name)
    if pm and pm.end() < len(name):
        out.append(name[pm.end():])
    tail = re.match(r"(?:\s+[A-Za-z][\w'’\-]*){1,3}", text[e:end])
    if tail:
        words = tail.group().split()
        for i in range(1, len(words) + 1):
            out.append(name + " " + " ".join(words[:i]))
    return tuple(out)


def _after_publisher(text: str, s: int, e: int) -> int:
    """Where the name starts after a publisher's possessive ("the Endocrine Society's
    Journal of ...", "the CDC's Morbidity and Mortality Weekly Report")."""
    pm = re.search(r"^.*['’]s\s+", text[s:e])
    if pm and s + pm.end() < e:
        lex = _lex()
        head_text = text[s:s + pm.end()]
        head = {t for t in re.split(r"[^\w]+", re.sub(r"['’]s\b", "", fold(head_text))) if t}
        if head & (lex.not_journal_words | lex.families) or re.match(r"(?:the\s+)?[A-Z]{2,}['’]s\s", head_text):
            return s + pm.end()
    return s


def _not_journal(name: str) -> bool:
    """A newspaper or news agency ("writing in the Guardian"), never a journal."""
    return norm_journal(name) in _mention_words().not_journals


def _plain_name(name: str) -> bool:
    """A name right after "write in", "published in" that may be a journal's though it has
    no journal word ("Psychoneuroendocrinology", "Family Practice"): none of an
    organisation's or a place's words."""
    lex, mw = _lex(), _mention_words()
    toks = {t for t in re.split(r"[^\w']+", fold(name)) if t}
    return bool(toks) and not toks & (lex.not_journal_words | mw.places) and not toks <= lex.stopwords


_LOWER_WORD = re.compile(r"[a-z]+")


def journal_mentions(text: str, start: int = 0, end: int | None = None) -> list[JournalMention]:
    """Where the sentence ``text[start:end]`` names the journal that published a study."""
    end = len(text) if end is None else end
    mw = _mention_words()
    found: list[JournalMention] = []
    words = set(_LOWER_WORD.findall(text[start:end].lower()))
    into, det = not words.isdisjoint(mw.into_cues), not words.isdisjoint(mw.det_cues)
    if not (into or det):
        return found

    def add(s: int, e: int, explicit: bool) -> None:
        s = _after_publisher(text, s, e)
        name = text[s:e]
        if any(f.start <= s < f.end or s <= f.start < e for f in found):
            return
        found.append(JournalMention(s, e, name, explicit, _readings(text, s, e, end)))

    # "in the journal X", "the journal X" (explicit)
    for m in mw.journal_noun.finditer(text, start, end):
        span = _capture(text, m.end(), end, mw)
        if span:
            add(*span, True)
    reported: bool | None = None  # does the sentence say something was published or reported? (asked lazily)
    # "published in X", "the authors write in X", "in this week's issue of X"
    for m in _INTO.finditer(text, start, end) if into else ():
        before = re.findall(r"[\w'’\-]+", text[max(start, m.start() - 30):m.start()])
        if before and fold(before[-1]) in mw.positions:
            continue  # "a lecturer in Child Health"
        span = _capture(text, m.end(), end, mw)
        if not span:
            continue
        s, e = span
        issue = _ISSUE_OF.match(text, e, end)
        if issue:  # "in the Obesity issue of the British Journal of General Practice"
            span = _capture(text, issue.end(), end, mw)
            if not span:
                continue
            s, e = span
        s = _after_publisher(text, s, e)
        name = text[s:e]
        if _not_journal(name) or re.search(r"['’]s$", name):
            continue
        after = mw.after.match(text, e, end)
        if after and re.match(r"\s+journals?\b", after.group()):
            # "the American Heart Association journal Circulation": the publisher
            if mw.journal_noun.match(text, e + 1, end):
                continue
            add(s, e, True)
        else:
            if reported is None:
                reported = mw.report.search(text, start, end) is not None
            if reported and looks_journal(name):
                add(s, e, False)
            elif mw.publishing.search(text, max(start, m.start() - 25), m.start()) and _plain_name(name):
                add(s, e, False)  # "the authors write in Psychoneuroendocrinology"
    # "a JAMA Pediatrics study", "the Science journal"
    for m in _DET.finditer(text, start, end) if det else ():
        span = _capture(text, m.end(), end, mw)
        if not span:
            continue
        s, e = span
        after = mw.after.match(text, e, end)
        if after and (known_journal(text[s:e]) is not None
                      or (re.match(r"\s+journals?\b", after.group()) and looks_journal(text[s:e]))):
            add(s, e, bool(re.match(r"\s+journals?\b", after.group())))
    found.sort(key=lambda f: f.start)
    return found
