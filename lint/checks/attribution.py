"""Check kind ``attribution``: who did the study, where they work, and where and when it
was published, compared with the citation's ``authors``, ``sources``, ``journal`` and
``published``.

``check`` picks the comparison:

- ``name``: a person named in the story whose name is close to, but not the same as, a
  listed author's or source's ("Jeffrey Kocsis" for "Jeffery D. Kocsis").
- ``role``: a listed person given a role the citation contradicts (``cues``: wordings
  and the role each one claims: ``first``, ``senior``, ``author``, ``not-author``).
- ``affiliation``: a listed person tied to an institution ("X of Harvard", "X, a
  professor at Stanford", "Harvard's X") that matches none of their affiliations.
- ``team-affiliation``: "researchers at X" where X matches no author's affiliation.
- ``journal``: "published in X", "in the journal X" where X names another journal.
- ``year``: "published in 2019", "a 2019 study" about this study, with another year.
- ``unlisted-author``: someone described as an author ("lead author X", "the team, led
  by X") who is not among the authors.
- ``unlisted-source``: a quoted person who is not listed at all (info).

Every wording (role cues, journal cues, year patterns, institution words...) is data in
the rule's ``params``; the Python here only knows how names and institutions are written.
Person mentions are found once per document (regular expressions over capitalised word
sequences, plus spaCy entities when a statistical pipeline is configured) and cached on
the Document.  A rule whose citation facts are missing stays silent.

Message placeholders: ``{match}``, ``{person}`` (the listed name), ``{group}`` (author or
source), ``{actual}`` (what the citation says), ``{evidence}``, ``{cue}``, ``{journal}``,
``{year}``.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator, Literal, Optional

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from ..citation import Citation, Person
from ..registry import check as register_check
from ..findings import Finding
from ..phrases import expand, validate_phrases
from ..policy import lower


# ---------------------------------------------------------------------------------
# how names and institutions are written (language mechanics, not wordings)
# ---------------------------------------------------------------------------------

TITLES = {"Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Mx", "Sir", "Dame", "Drs", "Profs", "Doctor"}
PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "del", "della", "du", "le", "la", "bin", "binti",
             "al", "el", "dos", "das", "ter", "ten", "zu", "y", "mac"}
STOP_CAPS = {
    "the", "a", "an", "in", "on", "at", "of", "for", "and", "but", "or", "so", "yet", "if", "as", "by", "to",
    "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their",
    "our", "my", "your", "there", "here", "when", "where", "while", "what", "which", "who", "whom", "why", "how",
    "after", "before", "since", "until", "although", "though", "because", "however", "meanwhile", "still",
    "also", "then", "now", "today", "yesterday", "according", "with", "without", "from", "into", "over",
    "under", "about", "some", "many", "most", "all", "both", "each", "every", "no", "not", "one", "two",
    "new", "more", "less", "only", "even", "just", "like", "unlike", "called", "named", "dubbed", "said",
    "says", "lead", "senior", "first", "co-author", "coauthor", "co-senior", "author", "study", "researcher",
    "researchers", "scientist", "scientists", "team", "image", "photo", "source", "credit", "read", "see",
    "reference", "references", "doctor", "professor", "principal", "investigator", "chief", "director",
    "head", "co-lead", "corresponding", "last", "joint", "team's", "study's", "paper's",
}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
SPEECH = (r"says|said|say|explains|explained|adds|added|notes|noted|stated|states|told|tells|continues|"
          r"continued|cautions|cautioned|warns|warned|argues|argued|writes|wrote|concludes|concluded|"
          r"comments|commented|remarks|remarked|emphasi[sz]ed|emphasi[sz]es|stresses|stressed|"
          r"acknowledges|acknowledged|agrees|agreed|predicts|predicted|believes|believed|thinks|"
          r"suggests|suggested|asks|asked|replies|replied|recalls|recalled|points out|pointed out")
SPEECH_RE = re.compile(rf"\b(?:{SPEECH})\b", re.I)
_ACCORDING_RE = re.compile(r"according to", re.I)


def _trie_alternation(words: list[str]) -> str:
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


# SPEECH_RE's language, faster: where speech verbs start in a sentence (a prefilter)
_SPEECH_TRIE = _trie_alternation(
    [w for a in SPEECH.split("|") for w in ([a.replace("[sz]", "s"), a.replace("[sz]", "z")] if "[sz]" in a else [a])])
_SPEECH_FAST = re.compile(rf"\b(?:{_SPEECH_TRIE})\b", re.I)

# words that make a capitalised sequence an organisation, not a person
ORG_WORDS = {
    "university", "universities", "college", "institute", "institut", "instituto", "istituto", "school",
    "hospital", "clinic", "center", "centre", "academy", "foundation", "laboratory", "laboratories", "lab",
    "council", "agency", "trust", "ministry", "department", "faculty", "society", "association", "journal",
    "inc", "ltd", "corp", "corporation", "company", "group", "network", "consortium", "museum",
    "universite", "universitat", "universitaet", "universidad", "universidade", "universita", "universiteit",
    "charite", "klinikum", "medicine", "medical", "health", "healthcare", "sciences", "research", "service",
    "services", "system", "commission", "organization", "organisation", "administration", "program",
    "programme", "initiative", "alliance", "board", "office", "press", "news", "times", "post", "review",
    "centers", "centres", "institutes", "hospitals", "clinics", "schools", "colleges", "bureau", "act",
    "week", "month", "report", "prize", "award", "fund", "federation", "federal", "national", "international",
    "state", "county", "city", "street", "avenue", "road", "river", "mount", "island", "valley",
    "disease", "control", "prevention", "cancer", "heart", "stroke", "diabetes", "watchers", "pharmaceuticals",
    "therapeutics", "biosciences", "technologies", "labs", "partners", "capital", "holdings", "global",
    "syndrome", "scale", "index", "score", "test", "trial", "study", "survey", "register", "registry",
}
# department and discipline names ("MGH Radiation Oncology") are not people either
DISCIPLINES = {
    "oncology", "cardiology", "neurology", "neurosurgery", "psychiatry", "pediatrics", "paediatrics", "radiology",
    "dermatology", "surgery", "medicine", "pathology", "immunology", "epidemiology", "genetics", "genomics",
    "pharmacology", "physiology", "biology", "biochemistry", "chemistry", "physics", "neuroscience", "psychology",
    "urology", "ophthalmology", "orthopaedics", "orthopedics", "gastroenterology", "hepatology", "nephrology",
    "endocrinology", "rheumatology", "hematology", "haematology", "obstetrics", "gynecology", "gynaecology",
    "anesthesiology", "anaesthesia", "nursing", "pharmacy", "dentistry", "nutrition", "statistics",
    "biostatistics", "informatics", "engineering", "sciences", "therapeutics", "infectious", "diseases",
}
# words after a name that make it an organisation ("Johns Hopkins researchers")
TEAM_AFTER = re.compile(r"^\s+(?:researchers|scientists|team|investigators|doctors|physicians|experts|study|"
                        r"trial|group|data|report|paper|press|spokes\w+|officials|staff)\b")

# words ignored when comparing institution names
GENERIC_INST = {
    "university", "universities", "college", "school", "medicine", "medical", "med", "center", "centre",
    "institute", "institut", "instituto", "istituto", "hospital", "hospitals", "clinic", "clinics", "health",
    "healthcare", "system", "systems", "research", "sciences", "science", "academy", "foundation",
    "department", "dept", "faculty", "division", "laboratory", "laboratories", "lab", "labs", "national",
    "the", "of", "and", "for", "at", "in", "de", "der", "des", "du", "la", "le", "di", "y", "und", "fur", "et",
    "campus", "graduate", "klinikum", "zentrum", "hopital", "ospedale", "universite", "universitat",
    "universitaet", "universidad", "universidade", "universita", "universiteit", "medizin", "centro",
}
COUNTRIES = {
    "japan", "usa", "us", "u.s", "uk", "u.k", "united", "states", "kingdom", "america", "germany", "france",
    "china", "canada", "australia", "italy", "spain", "sweden", "norway", "denmark", "finland", "netherlands",
    "switzerland", "india", "brazil", "korea", "ireland", "israel", "austria", "belgium", "portugal",
    "poland", "mexico", "taiwan", "singapore", "scotland", "england", "wales", "japanese", "american",
}
CONNECTORS = {"of", "and", "for", "in", "de", "the", "&", "on", "y", "di", "der", "des", "du", "la", "le", "et",
              "und", "für", "fur", "-", "–"}

WORD_RE = re.compile(r"[^\W_](?:[\w’'\-]*[^\W_])?")
YEAR_RE = r"(?:19|20)\d{2}"
QUOTE_CHARS = "\"“”"


def _fold(text: str) -> str:
    if text.isascii():  # NFKD and the apostrophe map leave ASCII alone (but for the backtick)
        return text.replace("`", "'").lower().strip()
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return t.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'").lower().strip()


_FOLDED: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    r = _FOLDED.get(text)
    if r is None:
        r = _fold(text)
        if len(text) <= 80:  # names and words repeat; sentences rarely do
            if len(_FOLDED) > 100_000:
                _FOLDED.clear()
            _FOLDED[text] = r
    return r


_MC_RE = re.compile(r"^(?:Mc|Mac|O['’])")
_ACRONYM: dict[str, bool] = {}


def _is_acronym(word: str) -> bool:
    r = _ACRONYM.get(word)
    if r is None:
        letters = [c for c in word if c.isalpha()]
        r = len(letters) >= 2 and word[:2].isupper() and not _MC_RE.match(word)
        if len(_ACRONYM) > 100_000:
            _ACRONYM.clear()
        _ACRONYM[word] = r
    return r


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


# ---------------------------------------------------------------------------------
# rule parameters
# ---------------------------------------------------------------------------------

Check = Literal["name", "role", "affiliation", "team-affiliation", "journal", "year", "unlisted-author",
                "unlisted-source"]


MAX_GAPS = 2  # "..." / "*" per cue wording: each gap multiplies the ways a wording can match


def _cue_phrases(v: list[str]) -> list[str]:
    """Phrases, validated; a wording may hold at most ``MAX_GAPS`` gaps (three wide gaps
    in one wording can take seconds to search a long sentence)."""
    for p in validate_phrases(v):
        if sum(w in ("...", "*") for w in p.split()) > MAX_GAPS:
            raise ValueError(f"phrase '{p}' has more than {MAX_GAPS} gaps ('...' or '*'); split it into shorter wordings")
    return v


class RoleCue(BaseModel):
    """Wordings that claim one role: ``first`` (first author), ``senior``, ``author``
    (any author of the study) or ``not-author`` (independent of the study)."""

    model_config = ConfigDict(extra="forbid")
    phrases: list[str]
    role: Literal["first", "senior", "author", "not-author"]
    lenient: list[str] = []  # the person's roles that make a mismatch only a warning ("lead" for corresponding)

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return _cue_phrases(v)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    check: Check
    # name: how close a spelling must be to count as a misspelling (rapidfuzz ratio, 0-100)
    min_similarity: int = 80
    min_first_name_similarity: int = 72
    # role / unlisted-author
    cues: list[RoleCue] = []
    other_study: list[str] = []  # words that say a cue is about some other study ("previous", "another")
    leader_cues: list[str] = []  # "led by": names the study's leader after a team word
    team_words: list[str] = []  # "the team", "researchers", "psychiatrists" (before "at X" / "led by")
    # affiliation
    institution_words: list[str] = []  # words that make a capitalised phrase an institution
    known_institutions: list[str] = []  # one-word institutions ("Harvard", "Yale", "MIT")
    tie_words: list[str] = ["of", "at", "from"]  # "X of Y", "X, a professor at Y"
    unless_near: list[str] = []  # "formerly", "trained at": not a current affiliation
    # journal / year
    phrases: list[str] = []  # cue wordings; "..." = up to 3 small words, "*" = up to 8 words, YEAR = a year
    journal_words: list[str] = []  # words that make a capitalised phrase a journal name
    journal_aliases: list[list[str]] = []  # names that mean the same journal
    study_words: list[str] = []  # nouns that make a sentence about the study ("study", "findings")
    adjacent_year_ok: bool = True  # online-first in December, issue in January: tolerate one year
    quoted: Literal["keep", "lower", "skip"] = "keep"

    @field_validator("phrases", "other_study", "leader_cues", "team_words", "unless_near", "study_words")
    @classmethod
    def _phrases(cls, v: list[str]) -> list[str]:
        return _cue_phrases(v)

    @model_validator(mode="after")
    def _needs(self) -> "Params":
        need = {"role": ("cues",), "unlisted-author": ("cues",), "journal": ("phrases", "journal_words"),
                "year": ("phrases", "study_words"), "affiliation": ("institution_words",),
                "team-affiliation": ("institution_words", "team_words")}
        for name in need.get(self.check, ()):
            if not getattr(self, name):
                raise ValueError(f"params.{name}: the '{self.check}' check needs at least one entry")
        return self


# ---------------------------------------------------------------------------------
# wordings -> regular expressions
# ---------------------------------------------------------------------------------

_SMALL_GAP = r"(?:\s+(?:[a-z][\w’'-]*|(?:19|20)\d\d|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)){0,3}?"
_WIDE_GAP = r"(?:\s+[^\s,;:.!?()“”\"—–]+){0,8}?"


def _phrase_regex(phrases: list[str]) -> re.Pattern | None:
    alts: set[str] = set()
    for p in phrases:
        for concrete in expand(p):
            parts = []
            for w in concrete.split():
                if w == "...":
                    parts.append(("gap", _SMALL_GAP))
                elif w == "*":
                    parts.append(("gap", _WIDE_GAP))
                elif w == "YEAR":
                    parts.append(("word", rf"(?:{YEAR_RE})"))
                else:
                    esc = re.escape(w).replace("'", "['’]").replace("\\-", "[-‐‑]?")
                    if w[0].isalpha() and not parts:  # a sentence may start with the cue
                        esc = f"[{w[0].lower()}{w[0].upper()}]" + esc[1:]
                    parts.append(("word", esc))
            rx = ""
            for i, (kind, piece) in enumerate(parts):
                if kind == "gap":
                    rx += piece
                else:
                    rx += (r"\s+" if i and parts[i - 1][0] != "gap" else ("" if not i else r"\s+")) + piece
            alts.add(rx)
    if not alts:
        return None
    body = "|".join(sorted(alts, key=len, reverse=True))
    first = _first_chars(phrases)
    # the look-ahead (the characters a match can start with) changes no match: it only
    # spares trying every wording at every position
    ahead = "(?=[" + "".join(sorted(re.escape(c) for c in first)) + "])" if first else ""
    return re.compile(rf"{ahead}(?<![\w-])(?:{body})(?![\w-])")


def _first_chars(phrases: list[str]) -> Optional[set[str]]:
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


_RX_CACHE: dict[tuple, re.Pattern | None] = {}


def rx(phrases: list[str]) -> re.Pattern | None:
    key = tuple(phrases)
    if key not in _RX_CACHE:
        _RX_CACHE[key] = _phrase_regex(phrases)
    return _RX_CACHE[key]


_YEAR_ANY = re.compile(YEAR_RE)
# words too frequent in science news to make a good anchor (speed only: any word is correct)
_COMMON_WORDS = frozenset("""the a an of in on at to for and or by with from this that these those its their
who was were is are has have had not study studies research trial trials paper work findings results
published new said says team""".split())
_W = re.compile(r"\w+")
_ANCHOR_SPLIT = re.compile(r"['\-]")


class _Phrases:
    """A phrase regex (``rx``) and a cheap necessary condition for it to match a sentence.
    Every match of a wording contains one of its literal words as a whole word (\\w run: the
    wordings' words are delimited by spaces and the regex's look-arounds), so a sentence
    whose words include none of the wordings' anchor words cannot match.  Wordings whose
    words all have apostrophes or hyphens contribute a lower-case substring anchor instead,
    and when every wording has a year, the sentence must have one."""

    __slots__ = ("rx", "words", "subs", "year", "always")

    def __init__(self, phrases: list[str]):
        self.rx = rx(phrases) if phrases else None
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

    def maybe(self, parsed: "Parsed", k: int) -> bool:
        """False when the regex cannot match sentence ``k`` of ``parsed``."""
        if self.rx is None:
            return False
        if not self.always and parsed.words(k).isdisjoint(self.words):
            if not self.subs:
                return False
            low = parsed.lows[k]
            if not any(a in low for a in self.subs):
                return False
        if self.year and not _YEAR_ANY.search(parsed.texts[k]):
            return False
        return True


class _Compiled:
    """What a rule's params need at run time, built once per Params object."""

    def __init__(self, p: "Params"):
        self.other = _Phrases(p.other_study)
        self.other_key = tuple(p.other_study)
        self.cues = [_Phrases(c.phrases) for c in p.cues]
        self.cues_key = tuple(tuple(c.phrases) for c in p.cues)
        self.phrases = _Phrases(p.phrases)
        self.study = _Phrases(p.study_words)
        self.team = _Phrases(p.team_words)
        self.lead = _Phrases(p.leader_cues)
        self.jwords = {fold(w) for w in p.journal_words}
        self.inst_words = {fold(w) for w in p.institution_words}
        self.inst_prefixes = [w for w in self.inst_words if w.endswith("-")]
        self.known = {fold(k) for k in p.known_institutions}
        team_tie = "|".join(re.escape(t) for t in p.tie_words if t != "of") or "at|from"
        self.team_tie = re.compile(rf"\s+(?:based\s+)?(?:{team_tie})\s+")


_COMPILED: dict[int, tuple["Params", _Compiled]] = {}


def _compiled(p: "Params") -> _Compiled:
    hit = _COMPILED.get(id(p))
    if hit is not None and hit[0] is p:
        return hit[1]
    if len(_COMPILED) > 512:
        _COMPILED.clear()
    c = _Compiled(p)
    _COMPILED[id(p)] = (p, c)
    return c


# ---------------------------------------------------------------------------------
# person mentions (parsed once per document)
# ---------------------------------------------------------------------------------

_NAME_TOK: dict[str, Optional[str]] = {}  # a mention's word -> its folded token (None: an initial)


def _name_tok(w: str) -> Optional[str]:
    t = None if _is_initial(w.rstrip(".")) else fold(w)
    if len(_NAME_TOK) > 100_000:
        _NAME_TOK.clear()
    _NAME_TOK[w] = t
    return t


@dataclass
class Mention:
    start: int  # doc.text offsets of the name (no title, no possessive)
    end: int
    words: list[str]  # the name's words as written (initials included)
    titled: bool
    possessive: bool
    sentence: object  # lint.document.Sentence
    person_ent: bool = False
    pos: int = -1  # index of the sentence in Parsed.sentences

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
        self.toks: list[str] = toks


@dataclass
class Parsed:
    sentences: list  # body, non-heading sentences
    mentions: list[Mention]
    by_sentence: dict[int, list[Mention]]
    cache: dict = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # the sentences' texts
    _lows: Optional[list[str]] = None

    @property
    def lows(self) -> list[str]:
        """The sentences' texts, lower-cased (for the phrase regexes' cheap prefilters)."""
        if self._lows is None:
            self._lows = [t.lower() for t in self.texts]
        return self._lows

    def words(self, k: int) -> frozenset:
        """The words (\\w runs, as written) of sentence ``k``."""
        return self.wordsets()[k]

    def wordsets(self) -> list[frozenset]:
        ws = self.cache.get("words")
        if ws is None:
            ws = self.cache["words"] = [frozenset(_W.findall(t)) for t in self.texts]
        return ws

    def candidates(self, ph: "_Phrases") -> list[int]:
        """The sentences (indices) that ``ph``'s regex may match; the others cannot."""
        key = ("candidates", id(ph))
        hit = self.cache.get(key)
        if hit is not None and hit[0] is ph:
            return hit[1]
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
            ks = [k for k in ks if _YEAR_ANY.search(texts[k])]
        self.cache[key] = (ph, ks)
        return ks

    def _joined_lows(self) -> tuple[str, list[int]]:
        """The lower-cased sentences joined by newlines, and where each starts."""
        hit = self.cache.get("joined_lows")
        if hit is None:
            offsets = []
            o = 0
            for low in self.lows:
                offsets.append(o)
                o += len(low) + 1
            hit = self.cache["joined_lows"] = ("\n".join(self.lows), offsets)
        return hit

    def is_other(self, c: "_Compiled", k: int) -> bool:
        """Does sentence ``k`` mention another study (``other_study`` wordings)?"""
        key = ("other", c.other_key)
        d = self.cache.get(key)
        if d is None:
            d = self.cache[key] = {}
        v = d.get(k)
        if v is None:
            o = c.other
            v = d[k] = bool(o.rx.search(self.texts[k])) if o.maybe(self, k) else False
        return v

    def speech(self, k: int) -> tuple[list[int], list[int]]:
        """Sentence ``k``'s speech-verb starts and "according to" starts (sentence offsets)."""
        hit = self.cache.get(("speech", k))
        if hit is None:
            t = self.texts[k]
            hit = self.cache[("speech", k)] = ([x.start() for x in _SPEECH_FAST.finditer(t)],
                                               [x.start() for x in _ACCORDING_RE.finditer(t)])
        return hit


def _sentence_text(doc, sent) -> str:
    return doc.text[sent.doc_start:sent.doc_end]


_POSS_END = ("'s", "’s")
_POSS_FOLDED = re.compile(r"'s?$")
_NOT_NAME = STOP_CAPS | MONTHS | WEEKDAYS  # folded words that cannot start a name
_NOT_NAME_WORD = ORG_WORDS | DISCIPLINES | MONTHS | WEEKDAYS | COUNTRIES  # folded words that make no name


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
    r = (w in TITLES or fold(w) in _NOT_NAME or w.lower() in PARTICLES or not _name_word_ok(w)
         or (len(w) == 1 and w.isupper()))
    if len(_LONE_DEAD) > 100_000:
        _LONE_DEAD.clear()
    _LONE_DEAD[w] = r
    return r


def _name_word_ok(t: str) -> bool:
    r = _NAME_WORD_OK.get(t)
    if r is None:
        r = _POSS_FOLDED.sub("", fold(t)) not in _NOT_NAME_WORD
        if len(_NAME_WORD_OK) > 100_000:
            _NAME_WORD_OK.clear()
        _NAME_WORD_OK[t] = r
    return r


def _mentions_all(doc, sents: list, ents: list[tuple[int, int]]) -> list[list[Mention]]:
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
    outs: list[list[Mention]] = [[] for _ in sents]
    nsent = len(sents)
    k = 0
    sent = sents[0] if sents else None
    delta = sent.doc_start if sents else 0  # joined offset + delta = doc.text offset
    out = outs[0] if sents else []
    search = WORD_RE.search
    wmatch = WORD_RE.match
    acr = _ACRONYM.get
    folded = _FOLDED.get
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
                ac = _is_acronym(aw)
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
                        ac = _is_acronym(bw)
                    if not ac:
                        run.append((b.start(), b.end(), bw))
                        aw, a_e = bw, b.end()
                        continue
                if bw.lower() in PARTICLES:
                    be = b.end()
                    if s[be:be + 1] == " " and s[be + 1:be + 2].isalnum():
                        c = wmatch(s, be + 1)
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
                if f0 in _NOT_NAME or w0 in TITLES:
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
                continue
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
        person_ent = bool(ents) and any(es <= start and end <= ee for es, ee in ents)
        out.append(Mention(start, end, texts, titled, possessive, sent, person_ent))
    return outs


def parse_mentions(doc) -> Parsed:
    store = doc.__dict__.setdefault("_attribution_cache", {})
    hit = store.get("parsed")
    if hit is not None:
        return hit
    ents: list[tuple[int, int]] = []
    sdoc = doc.doc
    try:
        if sdoc is not None and sdoc.has_annotation("ENT_IOB"):
            ents = [(e.start_char, e.end_char) for e in sdoc.ents if e.label_ == "PERSON"]
    except Exception:  # pragma: no cover - a pipeline without entities
        ents = []
    sents = [s for s in doc.sentences if s.block.section == "body" and not s.is_heading]
    mentions: list[Mention] = []
    by_sentence: dict[int, list[Mention]] = {}
    for s, ms in zip(sents, _mentions_all(doc, sents, ents)):
        mentions.extend(ms)
        by_sentence[s.index] = ms
    parsed = Parsed(sents, mentions, by_sentence, texts=[doc.text[s.doc_start:s.doc_end] for s in sents])
    for k, s in enumerate(sents):
        for m in by_sentence[s.index]:
            m.pos = k
    store["parsed"] = parsed
    return parsed


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
    senior: Optional[bool] = None  # None: unknown
    alt: list[str] = field(default_factory=list)  # transliterated spelling ("Mueller" for "Müller")

    def __post_init__(self) -> None:
        if not self.alt:
            self.alt = _name_toks(self.person.name.translate(TRANSLIT))

    @property
    def field(self) -> str:
        return f"{self.group}s[{self.index}]"

    @property
    def given(self) -> str:
        return self.toks[0] if self.toks else ""

    @property
    def surname(self) -> str:
        return self.toks[-1] if self.toks else ""


TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ø": "oe",
                          "Ø": "Oe", "å": "aa", "Å": "Aa", "æ": "ae", "Æ": "Ae"})


def _name_toks(name: str) -> list[str]:
    words = [w for w in re.split(r"\s+", name.strip()) if w]
    out = []
    for w in words:
        core = w.strip(".,")
        if core in TITLES or _is_initial(core) or re.fullmatch(r"(?:[A-Z]\.){1,3}", w):
            continue
        out.append(fold(core))
    return out


def listed_people(c: Citation) -> list[Listed]:
    people: list[Listed] = []
    any_senior = any("senior" in a.roles for a in c.authors)
    for i, a in enumerate(c.authors):
        first = i == 0 or "first" in a.roles
        senior: Optional[bool] = True if "senior" in a.roles else (False if any_senior else None)
        if senior is None and len(c.authors) > 1 and i == len(c.authors) - 1:
            senior = True  # conventionally the last author
        people.append(Listed(a, "author", i, _name_toks(a.name), first, senior))
    for i, s in enumerate(c.sources):
        people.append(Listed(s, "source", i, _name_toks(s.name)))
    return [p for p in people if p.toks]


@dataclass
class Resolution:
    exact: list[Listed]
    close: Optional[Listed] = None
    wrong: list[int] = field(default_factory=list)  # indices into mention.words that are misspelt
    score: float = 0.0

    @property
    def person(self) -> Optional[Listed]:
        if len(self.exact) == 1:
            return self.exact[0]
        if not self.exact and self.close is not None:
            return self.close
        return None

    @property
    def listed(self) -> bool:
        return bool(self.exact) or self.close is not None


def _close(a: str, b: str, min_sim: int) -> bool:
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


def _exact(m_toks: list[str], p: Listed) -> bool:
    pt = set(p.toks) | set(p.alt)
    parts = set(x for t in pt for x in t.split("-"))
    if not m_toks:
        return False
    if len(m_toks) == 1:
        t = m_toks[0]
        return t in pt or t in parts
    return all(t in pt or t in parts for t in m_toks)


class _People:
    """The listed people of one citation, indexed for ``resolve``: the same results, without
    comparing every mention with every person."""

    def __init__(self, people: list[Listed]):
        self.people = people
        self.tok_bits: dict[str, int] = {}  # token -> bit set of the people whose name allows it
        self.by_key: dict[tuple[str, str], list[int]] = {}
        self.by_initial: dict[str, list[int]] = {}  # surname initial -> people with 2+ name tokens
        for i, x in enumerate(people):
            pt = set(x.toks) | set(x.alt)
            allowed = pt | {y for t in pt for y in t.split("-")}
            for t in allowed:
                self.tok_bits[t] = self.tok_bits.get(t, 0) | (1 << i)
            keys = {("given", x.given), ("sur", x.surname), ("rest", " ".join(x.toks[1:]))}
            keys |= {("later", t) for t in x.toks[1:]}
            for k in keys:
                self.by_key.setdefault(k, []).append(i)
            if len(x.toks) >= 2:
                self.by_initial.setdefault(x.surname[:1], []).append(i)
        self.givens = {k[1] for k in self.by_key if k[0] == "given"}
        self.lasts = {k[1] for k in self.by_key if k[0] in ("sur", "later")}
        self.rests = {k[1] for k in self.by_key if k[0] == "rest"}

    def resolve(self, m: Mention, p: Params, single_ok) -> Resolution:
        """The listed person a mention names or misspells (fuzzy, against candidates that share
        a first name, surname or initial); ``single_ok`` is called only when needed."""
        toks = m.toks
        if not toks:
            return Resolution([])
        bits = -1
        for t in toks:
            bits &= self.tok_bits.get(t, 0)
            if not bits:
                break
        if bits:
            people = self.people
            return Resolution([people[i] for i in range(len(people)) if bits >> i & 1])
        best: Optional[Resolution] = None
        if len(toks) >= 2:
            m_first, m_last = toks[0], toks[-1]
            m_rest = " ".join(toks[1:])
            if m_first not in self.givens and m_last not in self.lasts and m_rest not in self.rests:
                return Resolution([])  # shares no name part with anyone listed: no candidate
            get = self.by_key.get
            groups = [g for g in (get(("given", m_first)), get(("sur", m_last)), get(("rest", m_rest)),
                                  get(("later", m_last))) if g]
            idx = [i for i, w in enumerate(m.words) if not _is_initial(w.rstrip("."))]
            for i in sorted(set().union(*groups)):
                x = self.people[i]
                sur = x.surname
                x_rest = " ".join(x.toks[1:])
                last_eq = m_last == sur or m_rest == x_rest or m_last in x.toks[1:]
                first_eq = m_first == x.given
                cand = None
                if last_eq and not first_eq and _close(m_first, x.given, p.min_first_name_similarity):
                    cand = Resolution([], x, [idx[0]], fuzz.ratio(m_first, x.given))
                elif first_eq and not last_eq and len(x.toks) >= 2:
                    if _close(m_last, sur, p.min_similarity):
                        cand = Resolution([], x, [idx[-1]], fuzz.ratio(m_last, sur))
                    elif len(toks) > 2 and _close(m_rest, x_rest, p.min_similarity):
                        cand = Resolution([], x, idx[1:], fuzz.ratio(m_rest, x_rest))
                if cand and (best is None or cand.score > best.score):
                    best = cand
        else:
            t = toks[0]
            cands = self.by_initial.get(t[:1], ()) if len(t) >= 5 else ()
            if cands and single_ok():
                idx = [i for i, w in enumerate(m.words) if not _is_initial(w.rstrip("."))]
                for i in cands:
                    x = self.people[i]
                    if _close(t, x.surname, p.min_similarity):
                        cand = Resolution([], x, [idx[0]], fuzz.ratio(t, x.surname))
                        if best is None or cand.score > best.score:
                            best = cand
        return best or Resolution([])


_PEOPLE: dict[int, tuple[Citation, list[Listed], _People]] = {}


def _people_of(c: Citation) -> tuple[list[Listed], _People]:
    """``listed_people(c)`` and its index, built once per citation object."""
    hit = _PEOPLE.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1], hit[2]
    if len(_PEOPLE) > 64:
        _PEOPLE.clear()
    people = listed_people(c)
    index = _People(people)
    _PEOPLE[id(c)] = (c, people, index)
    return people, index


def corrected(m: Mention, r: Resolution) -> str:
    """The mention as written, with the misspelt words replaced by the paper's spelling."""
    x = r.close
    assert x is not None
    real = [w for w in re.split(r"\s+", x.person.name.strip()) if w]
    real_core = [w for w in real if not (_is_initial(w.strip(".")) or w.strip(".") in TITLES)]
    words = list(m.words)
    name_idx = [i for i, w in enumerate(words) if not _is_initial(w.rstrip("."))]
    if len(r.wrong) == 1 and r.wrong[0] == name_idx[0] and real_core:
        words[r.wrong[0]] = real_core[0]
    elif r.wrong and real_core:
        tail = real_core[1:] if len(r.wrong) > 1 else real_core[-1:]
        if len(r.wrong) == len(tail):
            for wi, rw in zip(r.wrong, tail):
                words[wi] = rw
        else:
            return " ".join(words[: r.wrong[0]] + tail)
    out = []
    for i, w in enumerate(words):
        out.append(w + ("." if _is_initial(w) else ""))
    return " ".join(out)


# ---------------------------------------------------------------------------------
# institutions
# ---------------------------------------------------------------------------------

def _inst_tokens(name: str) -> list[str]:
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


def institution_matches(mention: str, affiliations: list[str]) -> Optional[bool]:
    """Does an institution as the story writes it match one of these affiliations?
    None: the mention has nothing distinctive to compare ("the university")."""
    if not affiliations:
        return None
    variants = [mention]
    low = mention.lower()
    if " in " in low:
        variants.append(mention[: low.index(" in ")])
    verdict: Optional[bool] = None
    for v in variants:
        core = v.strip()
        bare = re.sub(r"^(?:the|The)\s+", "", core)
        if re.fullmatch(r"[A-Z]{2,6}", bare):
            for a in affiliations:
                if _acronym(a) == bare or bare in re.split(r"[\s,()\-–]+", a):
                    return True
        m_toks = _inst_tokens(v)
        if not m_toks:
            continue
        verdict = False
        union: list[str] = []
        heads: list[str] = []
        for a in affiliations:
            at = _inst_tokens(a)
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


def inst_readings(text: str, inst: "InstSpan", limit: int) -> list[str]:
    """The ways to read an institution phrase: as written, its parts ("X, Y"), what a
    possessive owns ("UT Southwestern's Simmons Cancer Center"), and a parent it sits in
    ("the Dental Institute at King's College London").  Empty: nothing to compare."""
    t = re.sub(r"['’]s?$", "", inst.text)
    readings = [t]
    pm = re.match(r"^(.*?)['’]s\s+(.*)$", t)
    if pm:
        if not _inst_tokens(pm.group(1)):
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


def readings_match(readings: list[str], affiliations: list[str]) -> Optional[bool]:
    verdicts = [institution_matches(r, affiliations) for r in readings]
    if any(v for v in verdicts):
        return True
    if all(v is None for v in verdicts):
        return None
    return False


@dataclass
class InstSpan:
    start: int
    end: int
    text: str


_CAP_WORD = re.compile(r"[^\W_][\w’'\-\.&]*")


def capture_caps(text: str, pos: int, limit: int, stop: set[int] | frozenset = frozenset(),
                 comma: bool = True, articles: bool = True) -> Optional[InstSpan]:
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
            if nxt and nxt.group()[0].isupper():
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
            if not nxt or not nxt.group()[0].isupper() or fold(nxt.group().rstrip(".")) in MONTHS | WEEKDAYS:
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


def looks_institution(name: str, p: Params, all_affiliations: list[str]) -> bool:
    low = [t for t in re.split(r"[^\w']+", fold(name)) if t]
    c = _compiled(p)
    words = c.inst_words
    if any(t in words or any(t.startswith(w) for w in c.inst_prefixes) for t in low):
        return True
    known = c.known
    bare = re.sub(r"^the\s+", "", fold(name))
    if bare in known or (low and low[0] in known):
        return True
    if all_affiliations and institution_matches(name, all_affiliations):
        return True
    return False


# ---------------------------------------------------------------------------------
# binding descriptions to people
# ---------------------------------------------------------------------------------

_CLAUSE_STOP = re.compile(rf"[;:{QUOTE_CHARS}()\[\]—–]|\.\s|\b(?:{SPEECH})\b|,\s+(?:and|but|he|she|they|it)\b", re.I)


def apposition_end(text: str, start: int, limit: int, others: list[int]) -> int:
    """End of the description that follows a name (", a neurologist at Yale, said")."""
    end = min(limit, start + 160)
    m = _CLAUSE_STOP.search(text, start, end)
    if m:
        end = m.start()
    for o in others:
        if start < o < end:
            end = o
    return end


TITLE_GAP = re.compile(r"^[\s,]*(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Doctor)\.?\s+)*$")
OCCUPATION_GAP = re.compile(r"^[\s,]*(?:(?:and\s+)?[a-z][a-z\-]+\s+){0,2}"
                            r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx|Sir|Dame|Doctor)\.?\s+)*$")


def bind_cue(doc, parsed: Parsed, sent, cs: int, ce: int, occupations: bool = False) -> Optional[Mention]:
    """The person a role wording describes: the name right after it ("senior author Jane
    Doe", "the study's first author, Professor Graham Ostrowski") or the name whose
    apposition holds it ("Stephen Waxman, co-senior author on the study,")."""
    ms = parsed.by_sentence.get(sent.index, [])
    text = doc.text
    gap_re = OCCUPATION_GAP if occupations else TITLE_GAP
    for m in ms:
        if m.start >= ce and m.start - ce <= 60 and gap_re.match(text[ce:m.start]) \
                and not SPEECH_RE.search(text[ce:m.start]):
            return m
    before = [m for m in ms if m.end <= cs]
    if before:
        m = before[-1]
        gap = text[m.end:cs]
        if len(gap) <= 110 and re.match(r"^(?:['’]s?)?(?:,|\s+(?:is|was|,?\s*who\s+(?:is|was|led|co-led)))", gap):
            if not _CLAUSE_STOP.search(gap) and gap.count(",") <= 2:
                return m
    return None


def about_other_study(text: str, p: Params) -> bool:
    r = _compiled(p).other.rx
    return bool(r and r.search(text))


# ---------------------------------------------------------------------------------
# the checks
# ---------------------------------------------------------------------------------

@dataclass
class Ctx:
    doc: object
    citation: Citation
    parsed: Parsed
    people: list[Listed]
    resolved: dict[tuple, Resolution] = field(default_factory=dict)
    index: Optional[_People] = None


# only whether these match is used, so SPEECH's faster spelling (same strings) serves
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SPEECH_TRIE}|according to)\s+(?:[\w'’.\-]+\s+){{0,5}}$", re.I)
_SPEECH_AFTER = re.compile(rf"^(?:['’]s?)?\s*(?:{_SPEECH_TRIE})\b", re.I)
_SPEECH_APPOSITION = re.compile(rf"^,[^,;:“”\"]{{0,140}},\s*(?:{_SPEECH_TRIE})\b", re.I)


def _speech_adjacent(doc, m: Mention) -> bool:
    hit = m.__dict__.get("_speech_adjacent")
    if hit is None:
        hit = m.__dict__["_speech_adjacent"] = _speech_adjacent_uncached(doc, m)
    return hit


def _speech_adjacent_uncached(doc, m: Mention) -> bool:
    s = m.sentence
    # a speech verb (or "according to") must start before the name for the first pattern,
    # and after it for the other two: skip the regexes when the sentence has none there
    parsed = doc.__dict__.get("_attribution_cache", {}).get("parsed")
    if parsed is not None and 0 <= m.pos < len(parsed.sentences) and parsed.sentences[m.pos] is s:
        speech, according = parsed.speech(m.pos)
        rs, re_ = m.start - s.doc_start, m.end - s.doc_start
        may_before = any(a < rs for a in speech) or any(a < rs for a in according)
        may_after = any(a >= re_ for a in speech)
    else:
        may_before = may_after = True
    if may_before and _SPEECH_BEFORE.search(doc.text[s.doc_start:m.start]):
        return True
    if may_after:
        after = doc.text[m.end:s.doc_end]
        if _SPEECH_AFTER.match(after):
            return True
        if _SPEECH_APPOSITION.match(after):
            return True
    return False


def _person_like(doc, m: Mention) -> bool:
    if m.titled or m.person_ent or m.possessive:
        return True
    return _speech_adjacent(doc, m)


def _resolve(ctx: Ctx, m: Mention, p: Params) -> Resolution:
    key = (id(m), p.min_similarity, p.min_first_name_similarity)
    r = ctx.resolved.get(key)
    if r is None:
        if ctx.index is None:
            ctx.index = _People(ctx.people)
        r = ctx.resolved[key] = ctx.index.resolve(m, p, lambda: len(m.toks) >= 2 or _person_like(ctx.doc, m))
    return r


def _quoted(doc, start: int, end: int) -> bool:
    return doc.quote_at(start, end) is not None


def _severity(rule, p: Params, doc, start: int, end: int, base: Optional[str] = None) -> Optional[str]:
    sev = base or rule.severity
    if p.quoted != "keep" and _quoted(doc, start, end):
        if p.quoted == "skip":
            return None
        sev = lower(sev)
    return sev


def _names(people: list[Person], n: int = 4) -> str:
    names = [x.name for x in people]
    if len(names) > n:
        return ", ".join(names[:n]) + f" ... ({len(names)} in all)"
    return ", ".join(names)


def check_name(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    for m in ctx.parsed.mentions:
        r = _resolve(ctx, m, p)
        if r.exact or r.close is None:
            continue
        x = r.close
        sev = _severity(rule, p, doc, m.start, m.end)
        if sev is None:
            continue
        fix = corrected(m, r)
        evidence = f"{x.field}.name = {x.person.name}"
        msg = rule.render(match=doc.text[m.start:m.end], person=x.person.name, group=x.group, evidence=evidence,
                          actual=x.person.name)
        reps = [fix] + ([x.person.name] if fix != x.person.name else [])
        yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=sev, replacements=reps)


def _role_verdict(role: str, x: Listed, c: Citation) -> Optional[str]:
    """None when consistent (or unknown); else what the citation says instead."""
    roles = ", ".join(x.person.roles) or "no role listed"
    if role == "first":
        if x.group != "author":
            return f"listed as a source ({roles}), not an author"
        if x.first:
            return None
        return f"author {x.index + 1} of {len(c.authors)} ({roles}); the first author is {c.authors[0].name}"
    if role == "senior":
        if x.group != "author":
            return f"listed as a source ({roles}), not an author"
        if x.senior is None or x.senior:
            return None
        seniors = [a.name for a in c.authors if "senior" in a.roles]
        return f"not a senior author ({roles}); senior: {', '.join(seniors)}"
    if role == "author":
        if x.group == "author":
            return None
        return f"listed as a source ({roles}), not an author"
    if role == "not-author":
        if x.group == "author":
            return f"an author of the study (author {x.index + 1} of {len(c.authors)})"
        return None
    return None


_NAMED_STUDY = re.compile(r"\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w™®-]*\s+(?:study|trial|paper)")


def _cue_hits(ctx: Ctx, p: Params) -> Iterator[tuple[RoleCue, object, int, int]]:
    c = _compiled(p)
    parsed = ctx.parsed
    key = ("cues", c.cues_key, c.other_key)
    hits = parsed.cache.get(key)
    if hits is None:  # the same for every rule with these cues: found once per document
        hits = []
        other = c.other.rx
        texts = parsed.texts
        for ci, ph in enumerate(c.cues):
            r = ph.rx
            if r is None:
                continue
            for k in parsed.candidates(ph):
                sent = parsed.sentences[k]
                s = texts[k]
                for mm in r.finditer(s):
                    tail = s[mm.end():mm.end() + 60]
                    if other is not None and (other.search(tail.split(",")[0])
                                              or other.search(s[max(0, mm.start() - 30):mm.start()])):
                        continue
                    if _NAMED_STUDY.match(tail):
                        continue
                    hits.append((ci, sent, sent.doc_start + mm.start(), sent.doc_start + mm.end()))
        parsed.cache[key] = hits
    cues = p.cues
    for ci, sent, cs, ce in hits:
        yield cues[ci], sent, cs, ce


def check_role(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    seen: set[tuple[int, int]] = set()
    for cue, sent, cs, ce in _cue_hits(ctx, p):
        if any(a <= cs and ce <= b for a, b in seen):
            continue
        m = bind_cue(doc, ctx.parsed, sent, cs, ce)
        if m is None:
            continue
        r = _resolve(ctx, m, p)
        x = r.person
        if x is None:
            continue
        actual = _role_verdict(cue.role, x, ctx.citation)
        if actual is None:
            continue
        base = rule.severity
        if cue.lenient and any(role in x.person.roles for role in cue.lenient):
            base = lower(base)
        sev = _severity(rule, p, doc, cs, ce, base)
        if sev is None:
            continue
        seen.add((cs, ce))
        evidence = f"{x.field}.roles = [{', '.join(x.person.roles)}]" if x.person.roles else f"{x.field}.roles not given"
        if cue.role == "first" and x.group == "author":
            evidence += f"; authors[0].name = {ctx.citation.authors[0].name}"
        if x.group == "source" or cue.role == "not-author":
            evidence = f"{x.field}.name = {x.person.name}"
        cue_text = doc.text[cs:ce]
        msg = rule.render(match=cue_text, cue=cue_text, person=x.person.name, group=x.group, actual=actual,
                          evidence=evidence)
        yield Finding(rule, cs, ce, msg, evidence=evidence, severity=sev)


def _all_affiliations(c: Citation) -> list[str]:
    return [a for x in c.people() for a in x.affiliations]


def _ties(ctx: Ctx, m: Mention, p: Params) -> list[InstSpan]:
    """Institutions the sentence ties to this person."""
    doc = ctx.doc
    text = doc.text
    sent = m.sentence
    ms = ctx.parsed.by_sentence.get(sent.index, [])
    starts = [o.start for o in ms if o is not m and (len(o.toks) >= 2 or o.titled)
              and not re.search(r"\b(?:of|at|from|in|with|the)\s+$", text[max(0, o.start - 6):o.start])]
    stop = set(starts)
    tie = "|".join(re.escape(t) for t in p.tie_words) or "of|at|from"
    out: list[InstSpan] = []
    after = m.end + (2 if text[m.end:m.end + 2] in ("'s", "’s") else 0)
    # "X of Harvard", "X at the University of Y"
    d = re.compile(rf"\s+(?:{tie})\s+").match(text, after)
    if d:
        inst = capture_caps(text, d.end(), sent.doc_end, stop)
        if inst:
            out.append(inst)
    # "X, a professor at Stanford, ..."
    if text[after:after + 1] == ",":
        end = apposition_end(text, after + 1, sent.doc_end, starts)
        seg = text[after + 1:end]
        for t in re.finditer(rf"\b(?:{tie})\s+", seg):
            pre = seg[max(0, t.start() - 40):t.start()]
            if about_other_study(pre, p) or (p.unless_near and rx(p.unless_near) and rx(p.unless_near).search(pre)):
                continue
            inst = capture_caps(text, after + 1 + t.end(), end, stop)
            if inst:
                out.append(inst)
    # "Harvard's X", "Yale neurologist X"
    before = text[sent.doc_start:m.start]
    bm = re.search(r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|for|and|the)\s+)?){0,5}[A-Z][\w’'\-]*)(?:['’]s)\s+"
                   r"(?:(?:Dr|Prof|Professor)\.?\s+)?$", before)
    if bm:
        out.append(InstSpan(sent.doc_start + bm.start(1), sent.doc_start + bm.end(1), bm.group(1)))
    # filter what is not an institution or was formerly one
    keep = []
    un = rx(p.unless_near) if p.unless_near else None
    for inst in out:
        if un and un.search(text[max(sent.doc_start, inst.start - 40):inst.start]):
            continue
        keep.append(inst)
    return keep


def _clean_inst(inst: InstSpan) -> InstSpan:
    t = inst.text
    m = re.match(r"^(?:the|The)\s+", t)
    if m:
        return InstSpan(inst.start + m.end(), inst.end, t[m.end():])
    return inst


def check_affiliation(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    allaff = _all_affiliations(ctx.citation)
    for m in ctx.parsed.mentions:
        r = _resolve(ctx, m, p)
        x = r.person
        if x is None or not x.person.affiliations:
            continue
        insts = [_clean_inst(i) for i in _ties(ctx, m, p)]
        insts = [i for i in insts if looks_institution(i.text, p, allaff)]
        verdicts = [(i, readings_match(inst_readings(doc.text, i, m.sentence.doc_end), x.person.affiliations))
                    for i in insts]
        if not verdicts or any(v for _, v in verdicts) or all(v is None for _, v in verdicts):
            continue
        for inst, v in verdicts:
            if v is not False:
                continue
            sev = _severity(rule, p, doc, inst.start, inst.end)
            if sev is None:
                continue
            affs = "; ".join(x.person.affiliations)
            evidence = f"{x.field}.affiliations = [{affs}]"
            msg = rule.render(match=inst.text, person=x.person.name, group=x.group, actual=affs, evidence=evidence)
            yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev,
                          replacements=list(x.person.affiliations[:1]))
            break


def check_team_affiliation(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    c = ctx.citation
    if not c.authors or any(not a.affiliations for a in c.authors):
        return
    affs = [a for x in c.authors for a in x.affiliations]
    cp = _compiled(p)
    team = cp.team.rx
    if team is None:
        return
    parsed = ctx.parsed
    texts = parsed.texts
    team_tie = cp.team_tie
    for k in parsed.candidates(cp.team):
        if parsed.is_other(cp, k):
            continue
        sent = parsed.sentences[k]
        s = texts[k]
        starts = {o.start for o in parsed.by_sentence.get(sent.index, [])}
        for tm in team.finditer(s):
            g = team_tie.match(s, tm.end())
            if not g:
                continue
            pos = sent.doc_start + g.end()
            found = []
            while True:
                inst = capture_caps(doc.text, pos, sent.doc_end, starts)
                if inst is None:
                    break
                found.append(_clean_inst(inst))
                a = re.compile(r"\s+and\s+(?:(?:at|from)\s+)?").match(doc.text, inst.end)
                if not a:
                    break
                pos = a.end()
            found = [i for i in found if looks_institution(i.text, p, affs)]
            for inst in found:
                if readings_match(inst_readings(doc.text, inst, sent.doc_end), affs) is not False:
                    continue
                sev = _severity(rule, p, doc, inst.start, inst.end)
                if sev is None:
                    continue
                listed = "; ".join(dict.fromkeys(affs))
                evidence = f"authors[*].affiliations = [{listed}]"
                msg = rule.render(match=inst.text, actual=listed, evidence=evidence)
                yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev)


def _norm_journal(name: str) -> str:
    t = fold(name).replace("&", " and ")
    t = re.sub(r"[^\w\s]", " ", t)
    t = re.sub(r"^\s*the\s+", "", t)
    return " ".join(t.split())


def _abbrev_of(short: str, full: str) -> bool:
    """"N Engl J Med" for "New England Journal of Medicine", "NEJM" too."""
    s_words = short.split()
    f_words = [w for w in full.split() if w not in ("of", "the", "and", "for", "in", "on")]
    if len(s_words) == 1 and len(s_words[0]) >= 2 and "".join(w[0] for w in f_words) == s_words[0]:
        return True
    if len(s_words) != len(f_words) or len(s_words) < 2:
        return False
    return all(f.startswith(s) for s, f in zip(s_words, f_words))


def journals_same(a: str, b: str, aliases: list[list[str]]) -> bool:
    na, nb = _norm_journal(a), _norm_journal(b)
    if na == nb:
        return True
    if _abbrev_of(na, nb) or _abbrev_of(nb, na):
        return True
    for group in aliases:
        ng = {_norm_journal(g) for g in group}
        if na in ng and nb in ng:
            return True
    return False


def _journal_names(text: str, inst: InstSpan, limit: int) -> tuple[InstSpan, list[str]]:
    """The journal name as flagged, and the longer readings it may have: "Circulation:
    Cardiovascular Imaging", "Cancer Epidemiology, Biomarkers & Prevention", "the Nature
    journal Translational Psychiatry", "the Endocrine Society's Journal of ..."."""
    inst = _clean_inst(inst)
    # a publisher's possessive: keep what follows it
    pm = re.search(r"^.*['’]s\s+", inst.text)
    if pm and inst.start + pm.end() < inst.end:
        inst = InstSpan(inst.start + pm.end(), inst.end, inst.text[pm.end():])
    readings = [inst.text]
    cm = re.compile(r":\s+").match(text, inst.end)
    sub = capture_caps(text, cm.end(), limit, comma=False, articles=False) if cm else None
    if sub is not None:  # "Circulation: Cardiovascular Imaging" is one name
        readings.append(inst.text)
        inst = InstSpan(inst.start, sub.end, text[inst.start:sub.end])
        readings[0] = inst.text
    for sep in (r":\s+", r",\s+", r"\s+journal\s+"):
        m = re.compile(sep).match(text, inst.end)
        if m:
            more = capture_caps(text, m.end(), limit, comma=False, articles=False)
            if more:
                readings.append(text[inst.start:more.end])
                readings.append(more.text)
    return inst, readings


def _indefinite(before: str) -> bool:
    """Does the study noun this text ends with have an indefinite article ("a new study")?"""
    return bool(re.search(r"(?i)\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", before)) and not re.search(
        r"(?i)\b(?:the|this|our|their|its)\s+(?:[\w-]+\s+){0,3}$", before)


def _linked(ctx: Ctx, sent, c: Citation) -> bool:
    """Does this sentence, or one next to it in the same paragraph, tie the text to the paper?"""
    doc = ctx.doc
    sents = [x for x in doc.sentences if x.block is sent.block and abs(x.index - sent.index) <= 1]
    return any(_links_to_paper(_sentence_text(doc, x), c, ctx.people) for x in sents)


def check_journal(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    c = ctx.citation
    known, journal = c.field("journal")
    if not known or not journal:
        return
    cp = _compiled(p)
    r = cp.phrases.rx
    if r is None:
        return
    jwords = cp.jwords
    parsed = ctx.parsed
    texts = parsed.texts
    for k in parsed.candidates(cp.phrases):
        if parsed.is_other(cp, k):
            continue
        sent = parsed.sentences[k]
        s = texts[k]
        for cm in r.finditer(s):
            pos = sent.doc_start + cm.end()
            inst = capture_caps(doc.text, pos, sent.doc_end, comma=False)
            if inst is None:
                continue
            inst, readings = _journal_names(doc.text, inst, sent.doc_end)
            name = inst.text
            if any(journals_same(x, journal, p.journal_aliases) for x in readings):
                continue
            cue = cm.group().lower()
            toks = [t for t in re.split(r"[^\w']+", fold(name)) if t]
            journal_like = "journal" in cue.split()[-1:] or any(t in jwords for t in toks)
            if not journal_like:
                continue
            # "a study in X" may be any study: only this one when the text ties it to the paper
            if re.match(r"(?i)an?\s", cm.group()) and not _linked(ctx, sent, c):
                continue
            sev = _severity(rule, p, doc, inst.start, inst.end)
            if sev is None:
                continue
            evidence = f"journal = {journal}"
            msg = rule.render(match=name, journal=journal, actual=journal, evidence=evidence)
            yield Finding(rule, inst.start, inst.end, msg, evidence=evidence, severity=sev, replacements=[journal])


def _links_to_paper(sentence: str, c: Citation, people: list[Listed]) -> bool:
    low = fold(sentence)
    if c.journal and _norm_journal(c.journal) in _norm_journal(sentence):
        return True
    words = set(re.findall(r"[\w'-]+", low))
    if any(x.surname in words for x in people if len(x.toks) >= 2):
        return True
    n = c.study.sample_size
    return bool(n and re.search(rf"(?<![\d.,]){n:,}(?![\d.,]\d)|(?<![\d.,]){n}(?![\d.,]\d)", sentence))


def check_year(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    c = ctx.citation
    known, pub = c.field("published")
    if not known or pub is None:
        return
    cp = _compiled(p)
    r = cp.phrases.rx
    nouns = cp.study.rx
    if r is None or nouns is None:
        return
    parsed = ctx.parsed
    texts = parsed.texts
    for k in parsed.candidates(cp.phrases):
        if parsed.is_other(cp, k):
            continue
        sent = parsed.sentences[k]
        s = texts[k]
        for ym in r.finditer(s):
            years = list(re.finditer(rf"(?<!\d){YEAR_RE}(?!\d)", ym.group()))
            if not years:
                continue
            y = years[-1]
            year = int(y.group())
            if year == pub.year:
                continue
            if p.adjacent_year_ok and pub.month and (
                    (pub.month == 1 and year == pub.year - 1) or (pub.month == 12 and year == pub.year + 1)):
                continue
            # the phrase must be about a study: a study noun in the phrase or before it
            if not nouns.search(s[: ym.end()]):
                continue
            # "a 2019 study", "a study published in 2019" may be any study: only this one when
            # the text ties it to the paper (its journal, an author's name, its sample size)
            last_noun = None
            for nm in nouns.finditer(s[: ym.end()]):
                last_noun = nm
            indefinite = re.match(r"(?i)an?\s", ym.group()) or (
                last_noun is not None and _indefinite(s[: last_noun.start()]))
            if indefinite and not _linked(ctx, sent, c):
                continue
            ys, ye = sent.doc_start + ym.start() + y.start(), sent.doc_start + ym.start() + y.end()
            sev = _severity(rule, p, doc, ys, ye)
            if sev is None:
                continue
            evidence = f"published = {pub}"
            msg = rule.render(match=str(year), year=str(pub.year), actual=str(pub), evidence=evidence)
            yield Finding(rule, ys, ye, msg, evidence=evidence, severity=sev, replacements=[str(pub.year)])


def _leader_bind(ctx: Ctx, p: Params) -> Iterator[tuple[int, int, Mention]]:
    """"The team, led by geneticist Ingrid Solheim" / "researchers led by Dr. X"."""
    doc = ctx.doc
    cp = _compiled(p)
    lead = cp.lead.rx
    team = cp.team.rx if p.team_words else None
    if lead is None:
        return
    parsed = ctx.parsed
    texts = parsed.texts
    for k in parsed.candidates(cp.lead):
        sent = parsed.sentences[k]
        s = texts[k]
        for lm in lead.finditer(s):
            before = s[max(0, lm.start() - 40):lm.start()]
            if team is not None and not team.search(before):
                continue
            cs, ce = sent.doc_start + lm.start(), sent.doc_start + lm.end()
            m = bind_cue(doc, ctx.parsed, sent, cs, ce, occupations=True)
            if m is not None and m.start >= ce:
                yield cs, ce, m


def check_unlisted_author(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    c = ctx.citation
    if not c.authors:
        return
    done: set[int] = set()
    hits = [(cs, ce, bind_cue(doc, ctx.parsed, sent, cs, ce)) for cue, sent, cs, ce in _cue_hits(ctx, p)
            if cue.role != "not-author"]
    hits += list(_leader_bind(ctx, p))
    for cs, ce, m in hits:
        if m is None or id(m) in done:
            continue
        if len(m.toks) < 2 and not m.titled:
            continue
        r = _resolve(ctx, m, p)
        if r.listed:
            continue
        done.add(id(m))
        sev = _severity(rule, p, doc, m.start, m.end)
        if sev is None:
            continue
        evidence = f"authors = {_names(c.authors)}"
        cue = doc.text[cs:ce]
        msg = rule.render(match=doc.text[m.start:m.end], cue=cue, evidence=evidence, actual=_names(c.authors))
        yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=sev)


def check_unlisted_source(rule, ctx: Ctx) -> Iterator[Finding]:
    p: Params = rule.params
    doc = ctx.doc
    c = ctx.citation
    if not c.authors and not c.sources:
        return
    # people already described as authors are the unlisted-author rule's business
    described: set[int] = set()
    for cue, sent, cs, ce in _cue_hits(ctx, p):
        if cue.role == "not-author":
            continue
        m = bind_cue(doc, ctx.parsed, sent, cs, ce)
        if m is not None:
            described.add(id(m))
    seen: set[str] = set()
    for m in ctx.parsed.mentions:
        if id(m) in described or (len(m.toks) < 2 and not m.titled) or _quoted(doc, m.start, m.end):
            continue
        if not _speech_adjacent(doc, m):
            continue
        r = _resolve(ctx, m, p)
        if r.listed:
            continue
        key = " ".join(m.toks)
        if key in seen:
            continue
        seen.add(key)
        evidence = "sources = " + (_names(c.sources) if c.sources else "(none listed)")
        msg = rule.render(match=doc.text[m.start:m.end], evidence=evidence)
        yield Finding(rule, m.start, m.end, msg, evidence=evidence, severity=rule.severity)


CHECKS = {
    "name": check_name,
    "role": check_role,
    "affiliation": check_affiliation,
    "team-affiliation": check_team_affiliation,
    "journal": check_journal,
    "year": check_year,
    "unlisted-author": check_unlisted_author,
    "unlisted-source": check_unlisted_source,
}


@register_check("attribution", Params)
def check(rules, lc) -> Iterator[Finding]:
    c = lc.citation
    if c is None:
        return
    parsed = parse_mentions(lc.doc)
    people, index = _people_of(c)
    ctx = Ctx(lc.doc, c, parsed, people, index=index)
    for rule in rules:
        p: Params = rule.params
        if p.check in ("name", "role", "affiliation") and not ctx.people:
            continue
        yield from CHECKS[p.check](rule, ctx)
