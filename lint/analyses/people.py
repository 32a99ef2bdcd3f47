"""Analyses of people: the person mentions of a document (``people``) and the people the
citation lists (``cited_people``), with the resolution of a mention to a listed person.

``people`` finds person mentions once per document: capitalised word runs in body
sentences (titles, particles and initials joined, organisation, month and discipline words
ruled out, ``rules/lexicons/names.yaml``), plus spaCy PERSON entities when a statistical
pipeline is configured.  The same object indexes the sentences' texts for the cue
wordings of ``lint.cues`` (which sentences a wording may match, which mention other
studies, where speech verbs stand) and remembers what it found, for every check of the
lint.

``cited_people`` lists the citation's authors and sources with their roles and indexes
their names, so that a mention resolves to the people it is compatible with
(``lint.names.compatible``: "Roy Taylor" is ``R Taylor``), or the one it misspells
(``lint.names.near_miss``), without comparing every mention with every person.
Organisations that look like names ("the firm Dr Reddys", "told the Daily Mail", "British
Board of Film Classification") are not person mentions (cue words in
``rules/lexicons/names.yaml``).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..citation import Citation, Person
from ..cues import YEAR_ANY, CueMatcher, trie_alternation
from ..document import Document, Sentence
from ..lexicons import lexicon
from ..names import (
    ACRONYM,
    FOLDED,
    NOT_NAME_START,
    NOT_NAME_WORD,
    PARTICLES,
    TITLES,
    TRANSLIT,
    Name,
    compatible,
    fold,
    is_acronym,
    is_initial,
    listed_name,
    name_toks,
    near_miss,
    split_name,
    surnames_agree,
    transliterated_toks,
)
from ..registry import analysis

if TYPE_CHECKING:
    from . import Analyses

_NAMES = lexicon("names")
WORD_RE = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
_W = re.compile(r"\w+")

# the speech verbs of rules/lexicons/names.yaml: where they start in a sentence, found
# with shared prefixes factored out (the same strings as a plain alternation, faster)
SPEECH_VERBS: tuple[str, ...] = tuple(_NAMES["speech_verbs"])
SPEECH = "|".join(re.escape(v) for v in SPEECH_VERBS)
SPEECH_TRIE = trie_alternation(SPEECH_VERBS)
SPEECH_RE = re.compile(rf"\b(?:{SPEECH_TRIE})\b", re.I)
_ACCORDING_RE = re.compile(r"according to", re.I)
# the speech verbs that quote someone (not the opinion verbs: "thinks", "suggests", "argues")
_OPINION = frozenset(_NAMES["opinion_verbs"])
QUOTE_VERBS: tuple[str, ...] = tuple(v for v in SPEECH_VERBS if v not in _OPINION)
_QUOTE_TRIE = trie_alternation(QUOTE_VERBS)
_QUOTE_BEFORE = re.compile(rf"\b(?:{_QUOTE_TRIE}|according to)\s+(?:[\w'’.\-]+\s+){{0,5}}$", re.I)
_QUOTE_AFTER = re.compile(rf"^(?:['’]s?)?\s*(?:{_QUOTE_TRIE})\b", re.I)
_QUOTE_APPOSITION = re.compile(rf"^,[^,;:“”\"]{{0,140}},\s*(?:{_QUOTE_TRIE})\b", re.I)
_SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH_TRIE}|according to)\s+(?:[\w'’.\-]+\s+){{0,5}}$", re.I)
_SPEECH_AFTER = re.compile(rf"^(?:['’]s?)?\s*(?:{SPEECH_TRIE})\b", re.I)
_SPEECH_APPOSITION = re.compile(rf"^,[^,;:“”\"]{{0,140}},\s*(?:{SPEECH_TRIE})\b", re.I)


def _team_after() -> re.Pattern:
    words = [re.escape(w[:-1]) + r"\w+" if w.endswith("*") else re.escape(w) for w in _NAMES["team_after"]]
    return re.compile(rf"^\s+(?:{'|'.join(words)})\b")


# words after a name that make it an organisation ("Johns Hopkins researchers")
TEAM_AFTER = _team_after()

# ---------------------------------------------------------------------------------
# person mentions
# ---------------------------------------------------------------------------------

_NAME_TOK: dict[str, str | None] = {}  # a mention's word -> its folded token (None: an initial)


def _name_tok(w: str) -> str | None:
    t = None if is_initial(w.rstrip(".")) else fold(w)
    if len(_NAME_TOK) > 100_000:
        _NAME_TOK.clear()
    _NAME_TOK[w] = t
    return t


@dataclass(eq=False)
class PersonMention:
    """A person named in a body sentence."""

    start: int  # doc.text offsets of the name (no title, no possessive)
    end: int
    words: list[str]  # the name's words as written (initials included)
    titled: bool
    possessive: bool
    sentence: Sentence
    person_ent: bool = False
    pos: int = -1  # index of the sentence in PersonMentions.sentences
    toks: list[str] = field(init=False)  # the name's folded words, initials left out
    speech_adjacent: bool | None = field(default=None, init=False)  # next to "said" ...: set on first ask

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __post_init__(self) -> None:
        toks = []
        for w in self.words:
            t = _NAME_TOK.get(w, "")
            if t == "":
                t = _name_tok(w)
            if t is not None:
                toks.append(t)
        self.toks = toks


_POSS_END = ("'s", "’s")
_POSS_FOLDED = re.compile(r"'s?$")


# a WORD_RE word whose first character may be upper case (ASCII capitals, or any non-ASCII
# letter: checked with str.isupper), found without visiting the lower-case words around it
# (the first look-ahead, what a match can start with, only makes the scan faster)
_CAP_TOKEN = re.compile(r"(?=[A-Z_’'\-\x80-\U0010ffff])(?<![\w’'\-])[_’'\-]*(?=[A-Z\x80-\U0010ffff])"
                        r"([^\W_](?:[\w’'\-]*[^\W_])?)")


# lower-case ASCII letters no particle starts with: a word starting with one never joins a name
_LOWER_NOT_PARTICLE = frozenset("abcdefghijklmnopqrstuvwxyz") - {p[0] for p in PARTICLES}
_NAME_WORD_OK: dict[str, bool] = {}  # word as written -> may it be part of a name?


_LONE_DEAD: dict[str, bool] = {}  # word as written -> alone, can it never be a mention?


def _lone_dead(w: str) -> bool:
    """A one-word run of ``w`` yields no mention, whatever surrounds it: a title, a word
    that cannot start a name, a particle, a word no name has, or an initial."""
    r = (w in TITLES or fold(w) in NOT_NAME_START or w.lower() in PARTICLES or not _name_word_ok(w)
         or (len(w) == 1 and w.isupper()))
    if len(_LONE_DEAD) > 100_000:
        _LONE_DEAD.clear()
    _LONE_DEAD[w] = r
    return r


def _name_word_ok(t: str) -> bool:
    r = _NAME_WORD_OK.get(t)
    if r is None:
        r = _POSS_FOLDED.sub("", fold(t)) not in NOT_NAME_WORD
        if len(_NAME_WORD_OK) > 100_000:
            _NAME_WORD_OK.clear()
        _NAME_WORD_OK[t] = r
    return r


_DISCIPLINE_WORDS = frozenset(_NAMES["disciplines"]) | {"and", "&"}
_CHAIR_OF = re.compile(rf"\b(?:{'|'.join(re.escape(x) for x in _NAMES['titles'])}|Chair|Lecturer|Reader)"
                       r"\s+(?:of|in)\s+$")


def _name_before_org(names: list, titled: bool, before: str) -> list:
    """The name in a run that has organisation or discipline words: "Professor Avner Offer
    Oxford University" (after a title, the words before the organisation's first word:
    "Oxford" belongs to it), "Professor of Physiology Andrew Parker" (after "Professor of",
    the words after the disciplines); [] when there is none."""
    texts = [t[2] for t in names]
    oks = [_name_word_ok(w) for w in texts]
    j = oks.index(False)
    if titled and j >= 3 and all(oks[:j]):
        return names[: j - 1]
    if _CHAIR_OF.search(before):
        k = 0
        while k < len(texts) and (not oks[k] or fold(texts[k]) in _DISCIPLINE_WORDS):
            k += 1
        if len(texts) - k >= 2 and all(oks[k:]):
            return names[k:]
    return []


_ORG_BEFORE = frozenset(fold(w) for w in _NAMES["org_before"])
_ORG_ARTICLES = frozenset(fold(w) for w in _NAMES["org_articles"])
_ORG_NAMES = frozenset(fold(w) for w in _NAMES["org_names"])
_ORG_WORDS_ANY = NOT_NAME_WORD
_WORD_BEFORE = re.compile(r"([\w'’&\-]+)[ \t]+$")
# a capitalised chain ending in "of", "for" or "&" right before a run ("Board of", "Journal of")
_CHAIN_BEFORE = re.compile(r"((?:[A-Z][\w'’&\-]*[ \t]+(?:(?:of|for|the|and|&|in|on)[ \t]+)*)+)"
                           r"(?:of|for|&)[ \t]+(?:the[ \t]+)?$")


def _organisation(s: str, run_start: int, texts: list[str], titled: bool) -> bool:
    """Is this capitalised run an organisation or a thing that looks like a name: after an
    organisation noun ("the firm Dr Reddys", "charity Marie Curie"), after an article or an
    acronym when it has no title ("told the Daily Mail", "an Old Master", "NHS South
    Birmingham"), the end of an organisation's name ("British Board of Film
    Classification"), or an organisation named after people ("Johns Hopkins")?  The words
    are ``rules/lexicons/names.yaml`` (``org_before``, ``org_articles``, ``org_names``)."""
    key = " ".join(fold(w) for w in texts)
    if not titled and (key in _ORG_NAMES or " ".join(fold(w) for w in texts[:2]) in _ORG_NAMES):
        return True
    line = s.rfind("\n", 0, run_start) + 1
    before = s[max(line, run_start - 80):run_start]
    if not before:
        return False
    wb = _WORD_BEFORE.search(before)
    if wb:
        w = wb.group(1)
        f = fold(w)
        if f in _ORG_BEFORE:
            return True
        if not titled and (f in _ORG_ARTICLES or (is_acronym(w) and w.isupper())):
            return True
    # the chain pattern backtracks: try it only where a chain can end ("... of", "... for the")
    ch = _CHAIN_BEFORE.search(before) if before.rstrip(" \t").endswith(("of", "for", "&", "the")) else None
    if ch:
        words = re.findall(r"[A-Z][\w'’&\-]*", ch.group(1))
        if any(w.strip(".") in TITLES for w in words):
            return False  # "Professor of Psychiatry Simon Wessely"
        if any(_POSS_FOLDED.sub("", fold(w)) in _ORG_WORDS_ANY for w in words):
            return True
    return False


def _mentions_all(doc, sents: list, ents: list[tuple[int, int]]) -> list[list[PersonMention]]:
    """The person mentions of each sentence.  The sentences are scanned as one text, joined
    by newlines: no word runs across a newline, so each sentence's words and runs are the
    ones it has alone (a run's next word is never on the other side of a newline)."""
    text = doc.text
    stexts = [text[x.doc_start:x.doc_end] for x in sents]
    s = "\n".join(stexts)
    starts: list[int] = []
    o = 0
    for t in stexts:
        starts.append(o)
        o += len(t) + 1
    outs: list[list[PersonMention]] = [[] for _ in sents]
    nsent = len(sents)
    k = 0
    sent = sents[0] if sents else None
    delta = sent.doc_start if sent is not None else 0  # joined offset + delta = doc.text offset
    out = outs[0] if sents else []
    search = WORD_RE.search
    wmatch = WORD_RE.match
    acr = ACRONYM.get
    folded = FOLDED.get
    consumed = 0  # words before this offset already belong to a run
    for cm in _CAP_TOKEN.finditer(s):
        a_s, a_e = cm.span(1)
        if a_s < consumed:
            continue
        if k + 1 < nsent and starts[k + 1] <= a_s:
            while k + 1 < nsent and starts[k + 1] <= a_s:
                k += 1
            sent = sents[k]
            delta = sent.doc_start - starts[k]
            out = outs[k]
        aw = cm.group(1)
        if not aw[0].isupper():
            continue
        # a lower-case second letter ("Smith") rules out an acronym without the lookup
        if not aw[1:2].islower():
            ac = acr(aw)
            if ac is None:
                ac = is_acronym(aw)
            if ac:
                continue
        run = [(a_s, a_e, aw)]
        while True:
            # the next word joins when only a space (or, after an initial or a title, a
            # period) separates them: WORD_RE's next word, found without a search when the
            # separator cannot be one of those
            nc = s[a_e:a_e + 1]
            if nc == " ":
                c1 = s[a_e + 1:a_e + 2]
                if c1 in _LOWER_NOT_PARTICLE or not c1.isalnum():
                    break  # a lower-case word that is no particle, or a longer gap
                b = wmatch(s, a_e + 1)
            elif nc == ".":
                b = search(s, a_e)
            else:
                break
            if b is None:
                break
            if aw.endswith(_POSS_END):
                break
            gap = s[a_e:b.start()]
            if gap == " " or (gap in (". ", ".") and ((len(aw) == 1 and aw.isupper()) or aw in TITLES)):
                bw = b.group()
                if bw[0].isupper():
                    ac = False if bw[1:2].islower() else acr(bw)
                    if ac is None:
                        ac = is_acronym(bw)
                    if not ac:
                        run.append((b.start(), b.end(), bw))
                        aw, a_e = bw, b.end()
                        continue
                if bw.lower() in PARTICLES:
                    be = b.end()
                    if s[be:be + 1] == " " and s[be + 1:be + 2].isalnum():
                        c = wmatch(s, be + 1)
                        # an alphanumeric character is a \w that is not "_": WORD_RE matches there
                        assert c is not None
                        cw = c.group()
                        if cw[0].isupper():
                            run.append((b.start(), be, bw))
                            run.append((c.start(), c.end(), cw))
                            aw, a_e = cw, c.end()
                            continue
            break
        consumed = a_e
        # split at titles: what follows the last title is the name
        titled = False
        if len(run) == 1:  # the common case: one word, often one that is no name on its own
            dead = _LONE_DEAD.get(aw)
            if dead is None:
                dead = _lone_dead(aw)
            if dead:
                continue
            names = run  # a live lone word passes every word test below
            texts = [aw]
            last_end = delta + a_e
            if text[last_end:last_end + 1].isspace() and TEAM_AFTER.match(text[last_end:last_end + 20]):
                continue
        else:
            kt = 0
            for idx, t in enumerate(run):
                if t[2] in TITLES:
                    titled, kt = True, idx + 1
            names = run[kt:] if kt else run
            # drop leading capitalised non-names ("The", "Lead author", "Co-author")
            while names:
                w0 = names[0][2]
                f0 = folded(w0)
                if f0 is None:
                    f0 = fold(w0)
                if f0 in NOT_NAME_START or w0 in TITLES:
                    names = names[1:]
                else:
                    break
            while names and names[-1][2].lower() in PARTICLES:
                names = names[:-1]
            if not names:
                continue
            texts = [t[2] for t in names]
            bad = False
            for t in texts:
                ok = _NAME_WORD_OK.get(t)
                if ok is None:
                    ok = _name_word_ok(t)
                if not ok:
                    bad = True
                    break
            if bad:
                names = _name_before_org(names, titled, s[max(0, run[0][0] - 30):run[0][0]])
                if not names:
                    continue
                texts = [t[2] for t in names]
            last_end = delta + names[-1][1]
            if text[last_end:last_end + 1].isspace() and TEAM_AFTER.match(text[last_end:last_end + 20]):
                continue
            if all(len(t) == 1 and t.isupper() for t in texts):
                continue
        start = delta + names[0][0]
        end = last_end
        possessive = False
        last = texts[-1]
        if last.endswith(_POSS_END):
            texts[-1] = last[:-2]
            end -= 2
            possessive = True
        elif text[end:end + 1] in ("'", "’") and not text[end + 1:end + 2].isalpha():
            possessive = True
        if _organisation(s, run[0][0], texts, titled) or (
                not titled and names[0] is not run[0] and len(run[0][2]) > 1 and fold(run[0][2]) in _ORG_ARTICLES):
            continue
        person_ent = bool(ents) and any(es <= start and end <= ee for es, ee in ents)
        assert sent is not None  # without sentences the joined text is empty and nothing matches
        out.append(PersonMention(start, end, texts, titled, possessive, sent, person_ent))
    return outs





class PersonMentions:
    """The person mentions of a document's body sentences (headings left out), and an
    index of those sentences' texts for the cue wordings of ``lint.cues``.  What a check
    asks (which sentences a wording may match, where speech verbs stand, where cues
    occur) is found once and kept here for the other checks of the lint."""

    def __init__(self, doc: Document):
        self.doc = doc
        ents: list[tuple[int, int]] = []
        tokens = doc.tokens
        try:
            if tokens is not None and tokens.has_annotation("ENT_IOB"):
                ents = [(e.start_char, e.end_char) for e in tokens.ents if e.label_ == "PERSON"]
        except Exception:  # pragma: no cover - a pipeline without entities
            ents = []
        sents = [s for s in doc.sentences if s.block.section == "body" and not s.is_heading]
        self.sentences: list[Sentence] = sents
        self.texts: list[str] = [doc.text[s.doc_start:s.doc_end] for s in sents]
        self.mentions: list[PersonMention] = []
        self.by_sentence: dict[int, list[PersonMention]] = {}  # Sentence.index -> its mentions
        for k, (s, ms) in enumerate(zip(sents, _mentions_all(doc, sents, ents))):
            for m in ms:
                m.pos = k
            self.mentions.extend(ms)
            self.by_sentence[s.index] = ms
        self._lows: list[str] | None = None
        self._wordsets: list[frozenset[str]] | None = None
        self._joined: tuple[str, list[int]] | None = None
        self._candidates: dict[tuple[str, ...], list[int]] = {}  # CueMatcher.key -> sentence positions
        self._other: dict[tuple[str, ...], dict[int, bool]] = {}  # CueMatcher.key -> position -> mentions it
        self._speech: dict[int, tuple[list[int], list[int]]] = {}
        self._cue_hits: dict[tuple, list[CueHit]] = {}

    def in_sentence(self, sent: Sentence) -> list[PersonMention]:
        return self.by_sentence.get(sent.index, [])

    @property
    def lows(self) -> list[str]:
        """The sentences' texts, lower-cased (for the cue wordings' cheap prefilters)."""
        if self._lows is None:
            self._lows = [t.lower() for t in self.texts]
        return self._lows

    def wordsets(self) -> list[frozenset[str]]:
        """The words (\\w runs, as written) of each sentence."""
        if self._wordsets is None:
            self._wordsets = [frozenset(_W.findall(t)) for t in self.texts]
        return self._wordsets

    def candidates(self, ph: CueMatcher) -> list[int]:
        """The sentences (positions) that ``ph``'s regex may match; the others cannot."""
        hit = self._candidates.get(ph.key)
        if hit is not None:
            return hit
        if ph.rx is None:
            ks: list[int] = []
        elif ph.always:
            ks = list(range(len(self.texts)))
        else:
            anchors = ph.words
            ks = [k for k, ws in enumerate(self.wordsets()) if not ws.isdisjoint(anchors)]
            if ph.subs:  # sentences whose lower-cased text has one of the substrings
                joined, offsets = self._joined_lows()
                more = set(ks)
                for a in ph.subs:
                    i = joined.find(a)
                    while i != -1:
                        more.add(bisect_right(offsets, i) - 1)
                        i = joined.find(a, i + 1)
                ks = sorted(more)
        if ph.year:
            texts = self.texts
            ks = [k for k in ks if YEAR_ANY.search(texts[k])]
        self._candidates[ph.key] = ks
        return ks

    def _joined_lows(self) -> tuple[str, list[int]]:
        """The lower-cased sentences joined by newlines, and where each starts."""
        if self._joined is None:
            offsets = []
            o = 0
            for low in self.lows:
                offsets.append(o)
                o += len(low) + 1
            self._joined = ("\n".join(self.lows), offsets)
        return self._joined

    def mentions_other(self, other: CueMatcher, k: int) -> bool:
        """Does sentence ``k`` have one of the ``other`` wordings (another study ...)?"""
        d = self._other.get(other.key)
        if d is None:
            d = self._other[other.key] = {}
        v = d.get(k)
        if v is None:
            rx = other.rx  # maybe() is False when rx is None; the check only tells mypy
            v = d[k] = bool(rx.search(self.texts[k])) if rx is not None and other.maybe(
                self.wordsets()[k], self.lows[k], self.texts[k]) else False
        return v

    def speech(self, k: int) -> tuple[list[int], list[int]]:
        """Sentence ``k``'s speech-verb starts and "according to" starts (sentence offsets)."""
        hit = self._speech.get(k)
        if hit is None:
            t = self.texts[k]
            hit = self._speech[k] = ([x.start() for x in SPEECH_RE.finditer(t)],
                                     [x.start() for x in _ACCORDING_RE.finditer(t)])
        return hit

    def speech_adjacent(self, m: PersonMention) -> bool:
        """Is the name next to a speech verb ("said X", "X says", "X, a ..., said")?"""
        if m.speech_adjacent is None:
            m.speech_adjacent = self._speech_adjacent(m)
        return m.speech_adjacent

    def _speech_adjacent(self, m: PersonMention) -> bool:
        s = m.sentence
        text = self.doc.text
        # a speech verb (or "according to") must start before the name for the first pattern,
        # and after it for the other two: skip the regexes when the sentence has none there
        speech, according = self.speech(m.pos)
        rs, re_ = m.start - s.doc_start, m.end - s.doc_start
        may_before = any(a < rs for a in speech) or any(a < rs for a in according)
        may_after = any(a >= re_ for a in speech)
        if may_before and _SPEECH_BEFORE.search(text[s.doc_start:m.start]):
            return True
        if may_after:
            after = text[m.end:s.doc_end]
            if _SPEECH_AFTER.match(after):
                return True
            if _SPEECH_APPOSITION.match(after):
                return True
        return False

    def quoted(self, m: PersonMention) -> bool:
        """Is the person quoted: a quotation's speaker, or next to a speech verb that reports
        words ("said", "told", "according to")?  Next to an opinion verb only ("X thinks
        ...", "work by X suggests ...") they are not quoted unless a quotation is theirs."""
        if not self.speech_adjacent(m):
            return False
        text = self.doc.text
        s = m.sentence
        before = text[s.doc_start:m.start]
        after = text[m.end:s.doc_end]
        if _QUOTE_BEFORE.search(before) or _QUOTE_AFTER.match(after) or _QUOTE_APPOSITION.match(after):
            return True
        # an opinion verb with a quotation in the sentence ("X argued that: '...'")
        return (any(c in text[s.doc_start:s.doc_end] for c in '"“”')
                or any(q.start < s.doc_end and s.doc_start < q.end for q in self.doc.quotes))

    def person_like(self, m: PersonMention) -> bool:
        """Is a one-word mention clearly a person (a title, an entity, a possessive, speech)?"""
        if m.titled or m.person_ent or m.possessive:
            return True
        return self.speech_adjacent(m)

    def cue_hits(self, cues: list[CueMatcher], other: CueMatcher) -> list[CueHit]:
        """Where each of these cue wordings occurs (``CueHit.cue``: its position in
        ``cues``), leaving out occurrences about another study (an ``other`` wording just
        before it or in its clause, or "of the X study" after it)."""
        key = (tuple(c.key for c in cues), other.key)
        hits = self._cue_hits.get(key)
        if hits is None:
            hits = self._cue_hits[key] = []
            orx = other.rx
            texts = self.texts
            for ci, ph in enumerate(cues):
                r = ph.rx
                if r is None:
                    continue
                for k in self.candidates(ph):
                    sent = self.sentences[k]
                    s = texts[k]
                    for mm in r.finditer(s):
                        tail = s[mm.end():mm.end() + 60]
                        if orx is not None and (orx.search(tail.split(",")[0])
                                                or orx.search(s[max(0, mm.start() - 30):mm.start()])):
                            continue
                        if _NAMED_STUDY.match(tail):
                            continue
                        hits.append(CueHit(ci, sent, sent.doc_start + mm.start(), sent.doc_start + mm.end()))
        return hits


_NAMED_STUDY = re.compile(r"\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w™®-]*\s+(?:study|trial|paper)")


@dataclass(frozen=True)
class CueHit:
    cue: int  # which wording list (position in the list asked about)
    sentence: Sentence
    start: int  # doc.text offsets
    end: int


@analysis("people")
def _people(doc, citation, an) -> PersonMentions:
    """The person mentions of the body sentences."""
    return PersonMentions(doc)


# ---------------------------------------------------------------------------------
# people in the citation
# ---------------------------------------------------------------------------------

@dataclass
class Listed:
    person: Person
    group: str  # author | source
    index: int
    toks: list[str]
    first: bool = False
    senior: bool | None = None  # None: unknown (a role the citation does not give)
    alt: list[str] = field(default_factory=list)  # transliterated spelling ("Mueller" for "Müller")
    names: tuple[Name, ...] = ()  # the name split for comparison, and its transliterated spelling

    def __post_init__(self) -> None:
        if not self.alt:
            self.alt = transliterated_toks(self.person.name)
        if not self.names:
            name = listed_name(self.person.name)
            alt = listed_name(self.person.name.translate(TRANSLIT))
            self.names = (name,) if alt.surname == name.surname and alt.given == name.given else (name, alt)

    @property
    def field(self) -> str:
        return f"{self.group}s[{self.index}]"

    @property
    def given(self) -> str:
        return self.toks[0] if self.toks else ""

    @property
    def surname(self) -> str:
        return self.toks[-1] if self.toks else ""


def listed_people(c: Citation) -> list[Listed]:
    """The citation's authors and sources.  An author is first by position or role; senior by
    role, or as the last of several authors when no author has roles; otherwise whether they
    are senior is unknown (None), never "not senior"."""
    people: list[Listed] = []
    any_senior = any("senior" in a.roles for a in c.authors)
    for i, a in enumerate(c.authors):
        first = i == 0 or "first" in a.roles
        senior: bool | None = True if "senior" in a.roles else None
        if senior is None and not any_senior and len(c.authors) > 1 and i == len(c.authors) - 1:
            senior = True  # conventionally the last author
        people.append(Listed(a, "author", i, name_toks(a.name), first, senior))
    for i, s in enumerate(c.sources):
        people.append(Listed(s, "source", i, name_toks(s.name)))
    return [p for p in people if p.toks]


@dataclass
class Resolution:
    exact: list[Listed]  # the listed people the mention agrees with (lint.names.compatible)
    close: Listed | None = None  # the listed person it misspells
    wrong: list[int] = field(default_factory=list)  # indices into mention.words that are misspelt
    score: float = 0.0
    fix: dict[int, str] = field(default_factory=dict)  # mention.words index -> the paper's spelling ("": drop)
    related: bool = False  # a listed person has this surname (or one close to it): maybe them

    @property
    def person(self) -> Listed | None:
        if len(self.exact) == 1:
            return self.exact[0]
        if not self.exact and self.close is not None:
            return self.close
        return None

    @property
    def listed(self) -> bool:
        return bool(self.exact) or self.close is not None


def _letters(n: Name) -> set[str]:
    """First letters under which a name is indexed: of its surname, the surname without
    particles, and each part of a double-barrelled surname."""
    out = {w[:1] for w in n.surname if w}
    out |= {p[:1] for w in n.surname for p in re.split(r"[\s\-']", w) if p}
    return out


class PeopleIndex:
    """The listed people of one citation, indexed for ``resolve`` by the first letters of
    their surnames (a compatible or misspelt surname starts with the same letter)."""

    def __init__(self, people: list[Listed]):
        self.people = people
        self.tok_bits: dict[str, int] = {}  # token -> bit set of the people whose name allows it
        self.by_letter: dict[str, list[int]] = {}
        for i, x in enumerate(people):
            pt = set(x.toks) | set(x.alt)
            allowed = pt | {y for t in pt for y in t.split("-")}
            for t in allowed:
                self.tok_bits[t] = self.tok_bits.get(t, 0) | (1 << i)
            for letter in set().union(*(_letters(n) for n in x.names)):
                self.by_letter.setdefault(letter, []).append(i)

    def resolve(self, m: PersonMention, min_similarity: int, min_first_name_similarity: int,
                single_ok: Callable[[], bool]) -> Resolution:
        """The listed people a mention agrees with (every word one of theirs, or
        ``lint.names.compatible``: initials, short forms, nicknames, particles), else the
        one it misspells (``lint.names.near_miss``); ``single_ok`` is called only when a
        lone surname might be a misspelling."""
        toks = m.toks
        if not toks:
            return Resolution([])
        people = self.people
        bits = -1
        for t in toks:
            bits &= self.tok_bits.get(t, 0)
            if not bits:
                break
        exact = {i for i in range(len(people)) if bits >> i & 1} if bits else set()
        story = split_name(m.words)
        if not story.surname:
            return Resolution([people[i] for i in sorted(exact)])
        cands = sorted({i for letter in _letters(story) for i in self.by_letter.get(letter, ())})
        for i in cands:
            if i not in exact and any(compatible(story, n) for n in people[i].names):
                exact.add(i)
        if exact:
            return Resolution([people[i] for i in sorted(exact)])
        related = any(surnames_agree(story.surname, n.surname) for i in cands for n in people[i].names)
        if len(toks) < 2 and (len(toks[0]) < 5 or not single_ok()):
            return Resolution([], related=related)
        best: Resolution | None = None
        for i in cands:
            x = people[i]
            for n in x.names:
                miss = near_miss(story, n, min_similarity, min_first_name_similarity)
                if miss is None or (best is not None and miss.score <= best.score):
                    continue
                fix = {story.at[g]: f for g, f in zip(miss.given, miss.given_fix)}
                if miss.surname:
                    fix[story.sur_at] = x.names[0].surname_shown
                    for k in range(story.sur_at + 1, len(m.words)):
                        fix[k] = ""
                best = Resolution([], x, sorted(fix), miss.score, fix, True)
        return best or Resolution([], related=related)


def _index_of(citation: Citation | None) -> PeopleIndex:
    """The citation's people and their index, built once per citation object (it depends
    on nothing else, and a loaded citation is reused until its file changes)."""
    if citation is None:
        return PeopleIndex([])
    return citation.derived("people_index", lambda: PeopleIndex(listed_people(citation)))


class CitedPeople:
    """The citation's listed people (authors, then sources) and their index; a mention's
    resolution is found once per mention and similarity thresholds."""

    def __init__(self, citation: Citation | None, mentions: PersonMentions):
        self.index = _index_of(citation)
        self.people: list[Listed] = self.index.people
        self.mentions = mentions
        self._resolved: dict[tuple[int, int, int, int], Resolution] = {}

    def resolve(self, m: PersonMention, min_similarity: int, min_first_name_similarity: int) -> Resolution:
        key = (m.start, m.end, min_similarity, min_first_name_similarity)
        r = self._resolved.get(key)
        if r is None:
            r = self.index.resolve(m, min_similarity, min_first_name_similarity,
                                   lambda: len(m.toks) >= 2 or self.mentions.person_like(m))
            if not r.listed and not r.related:
                r = self._first_letter_slip(m) or r
            self._resolved[key] = r
        return r

    def _first_letter_slip(self, m: PersonMention) -> Resolution | None:
        """"Dr Norton" in a story that names author Dr Nik Morton: a titled lone surname of
        five letters or more that differs from one listed person's surname in its first
        letter only, when the story names that person correctly elsewhere and gives this
        surname no first name anywhere (the index looks for misspellings under the same
        first letter, so it never finds these)."""
        if len(m.toks) != 1 or not m.titled or len(m.toks[0]) < 5:
            return None
        tok = m.toks[0]
        hits = [x for x in self.people for n in x.names
                if len(n.surname) == 1 and len(sur := fold(n.surname[0])) == len(tok)
                and sur[0] != tok[0] and sur[1:] == tok[1:]]
        if len({id(x) for x in hits}) != 1:
            return None
        x = hits[0]
        named = False
        for o in self.mentions.mentions:
            if o is m:
                continue
            if tok in o.toks:
                return None  # the story names someone else with this surname
            if not named and len(o.toks) >= 2:
                r = self.index.resolve(o, 100, 100, lambda: True)
                named = r.exact == [x]
        if not named:
            return None
        story = split_name(m.words)
        return Resolution([], x, [story.sur_at], 90.0, {story.sur_at: x.names[0].surname_shown}, True)


@analysis("cited_people", requires=("people",), needs_citation=True)
def _cited_people(doc, citation, an: Analyses) -> CitedPeople:
    """The citation's authors and sources, indexed for resolving mentions."""
    return CitedPeople(citation, an.get("people"))
