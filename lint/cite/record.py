"""A bibliographic record as the sources give it, before any inference.

Every parser fills a ``Record``; ``where`` says, per field, which source and element the
value came from (it becomes the YAML comment beside the value in the written file).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field


@dataclass
class Author:
    name: str                      # "Jeffery D. Kocsis", or a group's name
    affiliations: list[str] = field(default_factory=list)
    email: str | None = None
    collective: bool = False
    orcid: str | None = None


@dataclass
class Section:
    label: str                     # as printed: "METHODS", "" for an unlabelled abstract
    category: str                  # NLM category (BACKGROUND, METHODS, RESULTS, CONCLUSIONS) or a guess
    text: str


@dataclass
class Record:
    source: str                    # "PubMed XML", "MEDLINE", "Crossref", "RIS", ...
    title: str | None = None
    journal: str | None = None
    journal_abbrevs: list[str] = field(default_factory=list)   # ISO, MEDLINE (NLM TA), short titles
    published: str | None = None   # YYYY, YYYY-MM or YYYY-MM-DD
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    arxiv: str | None = None
    volume: str | None = None
    pages: str | None = None
    authors: list[Author] = field(default_factory=list)
    abstract: list[Section] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    mesh: list[str] = field(default_factory=list)          # descriptor names ("Mice", "Double-Blind Method")
    keywords: list[str] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    retracted: bool = False
    retraction: str | None = None  # what says so: "RetractionIn PMID 9499167"
    retraction_notice: bool = False  # the record is itself a notice retracting another paper
    preprint: bool = False
    preprint_of: str | None = None  # the published version, when the source links it
    indexed: bool = False          # MeSH terms were assigned (MEDLINE-indexed)
    kind: str | None = None        # the source's type: "journal-article", "posted-content", "JOUR" ...
    where: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value, source: str) -> None:
        """Set a field once (the first source wins) and remember where it came from."""
        if value in (None, "", []):
            return
        if getattr(self, name) in (None, "", [], False):
            setattr(self, name, value)
            self.where[name] = source

    def abstract_text(self) -> str:
        return " ".join(s.text for s in self.abstract)

    def merge(self, other: Record) -> None:
        """Fill what this record lacks from another record of the same paper."""
        for name in ("title", "journal", "published", "doi", "pmid", "pmcid", "arxiv", "volume", "pages",
                     "authors", "abstract", "publication_types", "mesh", "keywords", "conflicts", "kind"):
            if getattr(self, name) in (None, "", []) and getattr(other, name) not in (None, "", []):
                setattr(self, name, getattr(other, name))
                self.where[name] = other.where.get(name, other.source)
        for a in other.journal_abbrevs:
            if a not in self.journal_abbrevs:
                self.journal_abbrevs.append(a)
        for f in other.funding:
            if f not in self.funding:
                self.funding.append(f)
                self.where.setdefault("funding", other.where.get("funding", other.source))
        if other.retracted and not self.retracted:
            self.retracted, self.retraction = True, other.retraction
            self.where["retracted"] = other.where.get("retracted", other.source)
        if other.preprint and not self.preprint and not self.journal:
            self.preprint = True
        self.preprint_of = self.preprint_of or other.preprint_of
        self.indexed = self.indexed or other.indexed
        if not any(a.affiliations for a in self.authors) and len(other.authors) == len(self.authors):
            for mine, theirs in zip(self.authors, other.authors):
                mine.affiliations = theirs.affiliations
                mine.email = mine.email or theirs.email
            if any(a.affiliations for a in other.authors):
                self.where["affiliations"] = other.where.get("affiliations", other.source)


# ---- text helpers shared by the parsers ---------------------------------------------

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ELECTRONIC = re.compile(r"\s*(?:Electronic address:|E-?mail(?: address)?:?)\s*[\w.+-]+@[\w.-]+\.?", re.I)


def clean(text: str | None) -> str:
    """Markup removed (JATS, MathML, HTML), entities decoded, white space collapsed."""
    if not text:
        return ""
    t = _TAGS.sub(" ", text)
    t = html.unescape(t).replace("\u2028", " ").replace("\u00a0", " ")
    t = _SPACE.sub(" ", t).strip()
    return re.sub(r"\s+([,.;:)\]])", r"\1", re.sub(r"([(\[])\s+", r"\1", t))


def split_affiliation(aff: str) -> tuple[str, str | None]:
    """('Dept of X, Y University, City, Country', 'a@b.org') from an affiliation with an e-mail."""
    m = EMAIL.search(aff)
    email = m.group(0).rstrip(".") if m else None
    text = _ELECTRONIC.sub("", aff)
    if email:
        text = text.replace(email, "")
    text = re.sub(r"[\s,;]+$", "", text).strip()
    text = re.sub(r"^(Departments? of |Division of )?[a-z](?=[A-Z][a-z])", r"\1", text)  # a footnote letter
    text = re.sub(r"\s+(and|&)$", "", text)  # a fragment cut before its second half
    text = re.sub(r"\s*\.$", "", text)
    return text, email


def person_name(given: str | None, family: str | None) -> str:
    """'Jeffery D. Kocsis' from ('Jeffery D', 'Kocsis'): single initials get a full stop."""
    given = clean(given)
    family = clean(family)
    if given:
        given = re.sub(r"\b([A-Z])(?=\s|$)", r"\1.", given)
        if re.fullmatch(r"[A-Z]{2,3}", given):  # initials only, as PubMed's "JD"
            given = " ".join(f"{c}." for c in given)
    return f"{given} {family}".strip() if family else given


def inverted_name(text: str) -> str:
    """'Jeffery D. Kocsis' from 'Kocsis, Jeffery D' (MEDLINE FAU, RIS AU, BibTeX)."""
    text = clean(text)
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        return person_name(given, family)
    m = re.fullmatch(r"(.+?)\s+([A-Z]{1,3})", text)  # MEDLINE AU: "Kocsis JD"
    if m:
        return person_name(m.group(2), m.group(1))
    return text


def norm_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    d = clean(doi).strip()
    d = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", d, flags=re.I)
    d = d.split()[0].rstrip(".") if d else d
    return d or None


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def month_number(m: str | None) -> int | None:
    if not m:
        return None
    m = m.strip().lower()
    if m.isdigit():
        n = int(m)
        return n if 1 <= n <= 12 else None
    return _MONTHS.get(m[:3])


def make_date(year: str | int | None, month: str | int | None = None, day: str | int | None = None) -> str | None:
    try:
        y = int(str(year)[:4]) if year else None
    except ValueError:
        return None
    if not y or y < 1000:
        return None
    mo = month_number(str(month)) if month else None
    if not mo:
        return f"{y:04d}"
    try:
        d = int(str(day)) if day else None
    except ValueError:
        d = None
    return f"{y:04d}-{mo:02d}-{d:02d}" if d and 1 <= d <= 31 else f"{y:04d}-{mo:02d}"


def medline_date(text: str | None) -> str | None:
    """'2021 Apr', '2018 May 17', '2022 Apr-Jun', '2021-02-03' -> YYYY[-MM[-DD]]."""
    if not text:
        return None
    t = text.strip()
    m = re.match(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?", t)
    if m:
        return make_date(m.group(1), m.group(2), m.group(3))
    m = re.match(r"(\d{4})(?:\s+([A-Za-z]{3})[a-z]*(?:\s+(\d{1,2}))?)?", t)
    if not m:
        return None
    if m.group(2) and re.match(r"\d{4}\s+[A-Za-z]+-", t):  # a range of months: keep the year
        return make_date(m.group(1))
    return make_date(m.group(1), m.group(2), m.group(3))


LABEL_CATEGORY = [  # a section label -> its NLM category
    (re.compile(r"conclu|interpretation|implication|impact|significance", re.I), "CONCLUSIONS"),
    (re.compile(r"result|finding", re.I), "RESULTS"),
    (re.compile(r"method|design|setting|participant|patient|material|intervention|measure|procedure", re.I),
     "METHODS"),
    (re.compile(r"objective|aim|purpose|goal", re.I), "OBJECTIVE"),
    (re.compile(r"background|introduction|context|rationale", re.I), "BACKGROUND"),
]


def category_of(label: str) -> str:
    for rx, cat in LABEL_CATEGORY:
        if rx.search(label):
            return cat
    return "UNASSIGNED"


_INLINE_LABEL = re.compile(r"(?:^|(?<=[.!?]\s))([A-Z][A-Z ,&/-]{2,40}):\s+")


def sections_from_text(text: str) -> list[Section]:
    """An abstract with inline labels ('BACKGROUND: ... METHODS: ...') as sections."""
    text = clean(text)
    if not text:
        return []
    marks = list(_INLINE_LABEL.finditer(text))
    if not marks:
        return [Section("", "UNASSIGNED", text)]
    out = []
    if marks[0].start() > 0:
        out.append(Section("", "UNASSIGNED", text[: marks[0].start()].strip()))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        label = m.group(1).strip()
        out.append(Section(label, category_of(label), text[m.end():end].strip()))
    return out
